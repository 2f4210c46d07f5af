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
 */
public record PoolStats(int opened, int busy, int idle, int waiting, int min, int max) {

  @Override
  public String toString() {
    return "total=" + opened + ", busy=" + busy + ", idle=" + idle + ", waiting=" + waiting
        + ", min=" + min + ", max=" + max;
  }
}
