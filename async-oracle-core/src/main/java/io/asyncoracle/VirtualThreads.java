package io.asyncoracle;

/**
 * Whether blocking JDBC work runs on virtual threads.
 *
 * <p>The default is platform threads on every Java version: measured side by side (benchmarks/),
 * a short JDBC call costs more CPU on a virtual thread, whose every socket read parks it and wakes
 * it through the JDK's poller and scheduler, than on a platform thread that simply blocks in the
 * read; and the pool's own workers already need only about one thread per busy connection. Choose
 * {@link #ENABLED} for many slow calls where threads, not CPU, are what runs out.
 */
public enum VirtualThreads {
  /** The default: platform workers (see the class comment for why, even on Java 21+). */
  AUTO,
  /** Virtual-thread workers; creating a pool fails on a JVM without them (before Java 21). */
  ENABLED,
  /** Platform workers. */
  DISABLED
}
