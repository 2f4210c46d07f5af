package io.asyncoracle;

/**
 * A snapshot of a pool's state, read without borrowing a connection.
 *
 * @param opened physical connections currently open in the pool (busy + idle)
 * @param busy connections currently lent out to callers (including those being borrowed)
 * @param idle open connections not lent out
 * @param waiting acquires queued for a connection
 * @param min the configured minimum number of connections
 * @param max the configured maximum number of connections
 * @param beyondMax connections open above {@code max} now, opened by {@link GetMode#FORCEGET}
 *     acquires; each is closed when it is released while the pool is still at or above {@code max}
 */
public record PoolStats(int opened, int busy, int idle, int waiting, int min, int max, int beyondMax) {

  /**
   * A snapshot with no connection beyond {@code max}.
   *
   * @param opened physical connections open
   * @param busy connections lent out
   * @param idle open connections not lent out
   * @param waiting acquires queued
   * @param min the configured minimum
   * @param max the configured maximum
   */
  public PoolStats(int opened, int busy, int idle, int waiting, int min, int max) {
    this(opened, busy, idle, waiting, min, max, 0);
  }

  @Override
  public String toString() {
    return "total=" + opened + ", busy=" + busy + ", idle=" + idle + ", waiting=" + waiting
        + ", min=" + min + ", max=" + max + (beyondMax > 0 ? ", beyondMax=" + beyondMax : "");
  }
}
