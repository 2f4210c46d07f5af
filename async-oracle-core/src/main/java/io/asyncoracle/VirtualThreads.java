package io.asyncoracle;

/** Whether blocking JDBC work runs on virtual threads. */
public enum VirtualThreads {
  /** Virtual threads when the JVM has them (Java 21+), otherwise a bounded platform pool. */
  AUTO,
  /** Virtual threads; creating a pool fails on a JVM without them. */
  ENABLED,
  /** Always a bounded platform thread pool sized to the pool's {@code max}. */
  DISABLED
}
