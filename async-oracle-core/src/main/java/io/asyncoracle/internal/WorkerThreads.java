package io.asyncoracle.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the executors async-oracle runs on. We compile for Java 17 and reach Java 21's virtual
 * threads through reflection, so the same jar uses them wherever the JVM has them.
 */
public final class WorkerThreads {

  private static final Method OF_VIRTUAL = find(Thread.class, "ofVirtual");
  private static final Class<?> BUILDER = findClass("java.lang.Thread$Builder");

  private WorkerThreads() {
  }

  /**
   * Whether this JVM has virtual threads.
   *
   * @return {@code true} on Java 21+
   */
  public static boolean virtualThreadsAvailable() {
    return OF_VIRTUAL != null && BUILDER != null;
  }

  /**
   * A factory of virtual threads, all named {@code prefix}.
   *
   * @param prefix the thread name
   * @return the factory
   * @throws IllegalStateException without virtual threads
   */
  public static ThreadFactory virtualFactory(String prefix) {
    if (!virtualThreadsAvailable()) {
      throw new IllegalStateException("virtual threads need Java 21 or later; this is Java "
          + Runtime.version().feature());
    }
    try {
      Object builder = OF_VIRTUAL.invoke(null);
      builder = BUILDER.getMethod("name", String.class).invoke(builder, prefix);
      return (ThreadFactory) BUILDER.getMethod("factory").invoke(builder);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create a virtual thread factory", e);
    }
  }

  /**
   * A factory of daemon platform threads named {@code prefix-N}.
   *
   * @param prefix the name prefix
   * @return the factory
   */
  public static ThreadFactory daemonFactory(String prefix) {
    AtomicInteger sequence = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + sequence.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static Method find(Class<?> owner, String name, Class<?>... parameterTypes) {
    try {
      return owner.getMethod(name, parameterTypes);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Class<?> findClass(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
