package io.asyncoracle.bench.db;

import java.util.concurrent.locks.LockSupport;

/**
 * Java functions the H2 server runs on behalf of SQL ({@code CREATE ALIAS}). They execute inside the
 * H2 server process, so the time they take is time spent "in the database", as on a real server.
 */
public final class ServerFunctions {

  private ServerFunctions() {
  }

  /**
   * Waits about {@code micros} microseconds, then returns the argument. Backs the latency-bound
   * workload's {@code SELECT BENCH_SLEEP(?) FROM DUAL}.
   *
   * @param micros how long to wait
   * @return {@code micros}, so callers can check they got their own answer
   */
  public static long sleepMicros(long micros) {
    // parkNanos can return early (spurious wake-ups): keep waiting until the deadline.
    long deadline = System.nanoTime() + micros * 1_000L;
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
    return micros;
  }
}
