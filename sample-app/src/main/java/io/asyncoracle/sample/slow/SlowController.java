package io.asyncoracle.sample.slow;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/slow?seconds=N}: a database call that takes N seconds. Stop the application
 * while one runs to see the shutdown modes; add {@code timeoutMs} to see a call timeout (504).
 */
@RestController
public class SlowController {

  /** The longest sleep accepted; below {@code spring.mvc.async.request-timeout}. */
  public static final int MAX_SECONDS = 120;

  private final SlowCallService slowCalls;

  /**
   * Creates the controller.
   *
   * @param slowCalls runs the calls
   */
  public SlowController(SlowCallService slowCalls) {
    this.slowCalls = slowCalls;
  }

  /**
   * Makes the database sleep.
   *
   * @param seconds 1 to {@value #MAX_SECONDS}
   * @param timeoutMs a call timeout for this call in milliseconds; none when left out
   * @return a future of the result
   */
  @GetMapping("/api/slow")
  public CompletableFuture<SlowCallResult> slow(@RequestParam @Min(1) @Max(MAX_SECONDS) int seconds,
      @RequestParam(required = false) @Min(1) @Max(3_600_000) Long timeoutMs) {
    return slowCalls.sleep(seconds, timeoutMs == null ? null : Duration.ofMillis(timeoutMs));
  }
}
