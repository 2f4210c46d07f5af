package io.asyncoracle;

/**
 * What an acquire does when no idle connection is available and the pool cannot open another
 * (python-oracledb's {@code getmode}, {@code oracledb.POOL_GETMODE_*}). While the pool has room
 * below {@code max}, every mode opens a connection and waits for it.
 */
public enum GetMode {
  /**
   * Wait in the FIFO queue for a connection to come back, up to {@link PoolOptions#acquireTimeout()}
   * ({@code POOL_GETMODE_WAIT}, the default).
   */
  WAIT,
  /**
   * Fail at once with {@link PoolExhaustedException} when every connection is busy and the pool is
   * at {@code max} ({@code POOL_GETMODE_NOWAIT}).
   */
  NOWAIT,
  /**
   * Wait as {@link #WAIT} does, but up to {@link PoolOptions#waitTimeout()} instead of the acquire
   * timeout ({@code POOL_GETMODE_TIMEDWAIT} with {@code wait_timeout}).
   */
  TIMEDWAIT,
  /**
   * Open a connection beyond {@code max} rather than wait when every connection is busy
   * ({@code POOL_GETMODE_FORCEGET}). Such a connection is closed when it is released while the
   * pool is still at or above {@code max}; {@link PoolStats#beyondMax()} counts those open now.
   */
  FORCEGET
}
