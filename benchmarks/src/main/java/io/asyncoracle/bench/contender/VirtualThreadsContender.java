package io.asyncoracle.bench.contender;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * Contender 6: the same code as {@link ThreadedSyncContender}, with one virtual thread per caller.
 * The module compiles for Java 17, so virtual threads are reached through reflection; on a JVM
 * without them the contender reports itself not applicable.
 */
public final class VirtualThreadsContender implements Contender {

  private static final ThreadFactory FACTORY = virtualThreadFactory();

  @Override
  public String name() {
    return "virtual threads";
  }

  @Override
  public String setup() {
    return "plain JDBC on UCP (same pool as threaded sync); one virtual thread per caller";
  }

  @Override
  public Optional<String> notApplicable() {
    return FACTORY == null
        ? Optional.of("needs Java 21+ (this is Java " + Runtime.version().feature() + ")")
        : Optional.empty();
  }

  @Override
  public Client open(ContenderContext context) throws Exception {
    if (FACTORY == null) {
      throw new IllegalStateException(notApplicable().orElseThrow());
    }
    return new ThreadedSyncContender.UcpBlockingClient(UcpPools.start(context, "bench-virtual"), FACTORY, false);
  }

  private static ThreadFactory virtualThreadFactory() {
    try {
      // Thread.ofVirtual().name("virtual-caller-", 1).factory()
      Method ofVirtual = Thread.class.getMethod("ofVirtual");
      Class<?> builder = Class.forName("java.lang.Thread$Builder");
      Object b = ofVirtual.invoke(null);
      b = builder.getMethod("name", String.class, long.class).invoke(b, "virtual-caller-", 1L);
      return (ThreadFactory) builder.getMethod("factory").invoke(b);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
