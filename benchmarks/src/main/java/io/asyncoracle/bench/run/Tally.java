package io.asyncoracle.bench.run;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the callers report into: latencies, completions and failures, counted only while a
 * measurement window is open. Safe for any number of concurrent callers.
 */
final class Tally {

  private final Recorder latencies = new Recorder(3);
  private final LongAdder completions = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private volatile boolean open;

  /** Starts counting, forgetting everything before. */
  void openWindow() {
    latencies.getIntervalHistogram();
    completions.reset();
    failures.reset();
    firstFailure.set(null);
    open = true;
  }

  /** Stops counting. */
  void closeWindow() {
    open = false;
  }

  /** Counts a correct answer if the window is open; says whether it counted. */
  boolean success(long startNanos) {
    if (open) {
      long micros = Math.max(1, (System.nanoTime() - startNanos) / 1_000);
      latencies.recordValue(micros);
      completions.increment();
      return true;
    }
    return false;
  }

  void failure(Throwable error) {
    if (open) {
      failures.increment();
      firstFailure.compareAndSet(null, describe(error));
    }
  }

  long completions() {
    return completions.sum();
  }

  long failures() {
    return failures.sum();
  }

  String firstFailure() {
    return firstFailure.get();
  }

  /** The latencies recorded since the window opened, in microseconds. */
  Histogram histogram() {
    return latencies.getIntervalHistogram();
  }

  private static String describe(Throwable error) {
    Throwable e = error;
    while ((e instanceof java.util.concurrent.CompletionException
        || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    return message.length() > 300 ? message.substring(0, 300) + "…" : message;
  }
}
