package io.asyncoracle;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for futures in tests with a bound, so a bug shows up as a failure instead of a hung build. */
public final class TestFutures {

  /** How long a test waits for one future before failing. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TestFutures() {
  }

  /**
   * Waits for a stage and returns its value; rethrows its failure unwrapped.
   *
   * @param stage the stage
   * @param <T> the value type
   * @return the value
   */
  public static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (TimeoutException e) {
      dumpThreads();
      return fail("future did not complete within " + TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  /** Prints every thread's stack to standard error, so a hang can be diagnosed from the test output. */
  private static void dumpThreads() {
    StringBuilder dump = new StringBuilder("---- threads when a future timed out ----\n");
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
      for (StackTraceElement frame : stack) {
        dump.append("    at ").append(frame).append('\n');
      }
    });
    System.err.println(dump);
  }

  /**
   * Waits for a stage that must fail and returns why, unwrapped from the future's wrappers.
   *
   * @param stage the stage
   * @return the failure
   */
  public static Throwable failure(CompletionStage<?> stage) {
    try {
      Object value = stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return fail("expected the future to fail, but it completed with " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      dumpThreads();
      return fail("future did not complete within " + TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }
}
