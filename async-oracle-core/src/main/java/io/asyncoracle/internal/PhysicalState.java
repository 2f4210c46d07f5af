package io.asyncoracle.internal;

/**
 * What the pool knows about one physical connection beyond a single hold: it is borrowed from UCP,
 * given back and may be borrowed again, and its session keeps its state (what the session callback
 * set up, its tag) all along. Kept by the pool in a weak map keyed by the
 * driver's connection, so it is looked up once per borrow from UCP, never per lend.
 */
final class PhysicalState {

  /** When the pool first borrowed the connection ({@link System#nanoTime()}): its age for {@code maxLifetime}. */
  final long firstSeen;
  /** Whether the session callback has run on it. */
  volatile boolean initialized;
  /** What the session callback set: the state every lend starts from and a release goes back to. */
  volatile SessionBaseline baseline = SessionBaseline.NONE;
  /** The session's tag, or {@code null}. */
  volatile String tag;
  /**
   * Whether the pool gave this connection up (broken, or its call never returned): should UCP lend it
   * again, it is closed for good instead of used.
   */
  volatile boolean discarded;
  /** The statement cache size the driver connection has (Oracle); -1 until the pool knows it. */
  volatile int stmtCacheSize = -1;

  PhysicalState(long firstSeen) {
    this.firstSeen = firstSeen;
  }
}
