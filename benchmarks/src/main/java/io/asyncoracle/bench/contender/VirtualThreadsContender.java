package io.asyncoracle.bench.contender;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * A reference, in the diagnostics: the same code as {@link ThreadedSyncContender} (plain JDBC on UCP),
 * with one virtual thread per caller. Not a peer: the peer on virtual threads is
 * {@link VirtualThreadsHikariContender}, on the pool applications use with them. The module compiles
 * for Java 17, so virtual threads are reached through reflection; on a JVM without them the
 * contender reports itself not applicable.
 */
public final class VirtualThreadsContender implements Contender {

  /** The name in tables, and for {@code --contenders}. */
  public static final String NAME = "virtual threads on UCP";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String setup() {
    return "plain JDBC on UCP (same pool as threaded sync); one virtual thread per caller";
  }

  @Override
  public Optional<String> notApplicable() {
    return unavailableReason();
  }

  @Override
  public Client open(ContenderContext context) throws Exception {
    return new ThreadedSyncContender.UcpBlockingClient(UcpPools.start(context, "bench-virtual"),
        factory("virtual-caller-"), false);
  }

  /**
   * Why this JVM cannot start virtual threads, if it cannot.
   *
   * @return e.g. "needs Java 21+ (this is Java 17)", or empty on Java 21+
   */
  static Optional<String> unavailableReason() {
    return virtualThreadFactory("probe-") == null
        ? Optional.of("needs Java 21+ (this is Java " + Runtime.version().feature() + ")")
        : Optional.empty();
  }

  /**
   * A factory of virtual threads named with this prefix and a sequence number.
   *
   * @param prefix e.g. {@code virtual-caller-}
   * @return the factory
   * @throws IllegalStateException on a JVM without virtual threads
   */
  static ThreadFactory factory(String prefix) {
    ThreadFactory factory = virtualThreadFactory(prefix);
    if (factory == null) {
      throw new IllegalStateException(unavailableReason().orElse("virtual threads unavailable"));
    }
    return factory;
  }

  private static ThreadFactory virtualThreadFactory(String prefix) {
    try {
      // Thread.ofVirtual().name(prefix, 1).factory()
      Method ofVirtual = Thread.class.getMethod("ofVirtual");
      Class<?> builder = Class.forName("java.lang.Thread$Builder");
      Object b = ofVirtual.invoke(null);
      b = builder.getMethod("name", String.class, long.class).invoke(b, prefix, 1L);
      return (ThreadFactory) builder.getMethod("factory").invoke(b);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
