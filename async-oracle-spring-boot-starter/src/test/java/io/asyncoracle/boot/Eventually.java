package io.asyncoracle.boot;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition with a bound, for state that settles on another thread (a pool's counts). */
public final class Eventually {

  private Eventually() {
  }

  /**
   * Waits until the condition holds.
   *
   * @param within how long to wait before failing
   * @param condition the condition
   * @param what the condition, for the failure message
   */
  public static void holds(Duration within, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not true within " + within + ": " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what);
      }
    }
  }
}
