package io.asyncoracle.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the executors async-oracle runs on. We compile for Java 17 and reach Java 21's virtual
 * threads through reflection, so the same jar uses them wherever the JVM has them.
 */
public final class WorkerThreads {

  private static final Method OF_VIRTUAL = find(Thread.class, "ofVirtual");
  private static final Class<?> BUILDER = findClass("java.lang.Thread$Builder");
  private static final Method THREAD_PER_TASK = find(Executors.class, "newThreadPerTaskExecutor", ThreadFactory.class);

  private WorkerThreads() {
  }

  /**
   * Whether this JVM has virtual threads.
   *
   * @return {@code true} on Java 21+
   */
  public static boolean virtualThreadsAvailable() {
    return OF_VIRTUAL != null && BUILDER != null && THREAD_PER_TASK != null;
  }

  /**
   * An executor that starts a virtual thread per task.
   *
   * @param prefix the thread name prefix
   * @return the executor
   * @throws IllegalStateException without virtual threads
   */
  public static ExecutorService virtualThreadPerTask(String prefix) {
    if (!virtualThreadsAvailable()) {
      throw new IllegalStateException("virtual threads need Java 21 or later; this is Java "
          + Runtime.version().feature());
    }
    try {
      // Thread.ofVirtual().name(prefix).factory(): one virtual thread per task, so a shared name
      // (no per-thread counter to format) is cheaper and says as much in a thread dump.
      Object builder = OF_VIRTUAL.invoke(null);
      builder = BUILDER.getMethod("name", String.class).invoke(builder, prefix);
      ThreadFactory factory = (ThreadFactory) BUILDER.getMethod("factory").invoke(builder);
      return (ExecutorService) THREAD_PER_TASK.invoke(null, factory);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create a virtual thread executor", e);
    }
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
   * A fixed-size pool of daemon platform threads whose idle threads time out.
   *
   * @param prefix the thread name prefix
   * @param size the number of threads
   * @return the executor
   */
  public static ThreadPoolExecutor platform(String prefix, int size) {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonFactory(prefix));
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /**
   * A work-stealing pool of daemon threads for completing futures. A callback that blocks in
   * {@code join()} or {@code get()} on one of our futures is a managed block there: the pool adds
   * a spare thread instead of running out, so blocking callbacks slow down but never deadlock.
   *
   * @param prefix the thread name prefix
   * @param parallelism the number of threads when nobody blocks
   * @return the pool
   */
  public static ExecutorService callbackPool(String prefix, int parallelism) {
    AtomicInteger sequence = new AtomicInteger();
    ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
      ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
      thread.setName(prefix + "-" + sequence.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    return new ForkJoinPool(parallelism, factory, null, true);
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
