package io.asyncoracle.sample.slow;

import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.asyncoracle.sample.db.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Service;

/**
 * Runs a database call that takes as long as asked ({@code DBMS_SESSION.SLEEP} on Oracle, the
 * sample's {@code SLEEP_SECONDS} on H2), to watch call timeouts and the pool's shutdown modes.
 * Both stop at once when their statement is cancelled.
 *
 * <p>Each call is timed into {@code sample.slow.calls}, tagged with its outcome
 * ({@code completed}, {@code timed-out}, {@code failed}), so {@code /actuator/prometheus} shows
 * what shutdown did to the calls in flight.
 */
@Service
public class SlowCallService {

  private static final Logger LOG = LoggerFactory.getLogger(SlowCallService.class);

  /** The outcomes a call is counted under. */
  static final List<String> OUTCOMES = List.of("completed", "timed-out", "failed");

  private final AsyncOracleTemplate template;
  private final Database database;
  private final Map<String, Timer> timers;

  /**
   * Creates the service.
   *
   * @param template the template the starter configured
   * @param database which database the pool talks to
   * @param meters where the calls are timed
   */
  public SlowCallService(AsyncOracleTemplate template, Database database, MeterRegistry meters) {
    this.template = template;
    this.database = database;
    // Registered up front, so every outcome shows in the metrics, at 0 until it happens.
    this.timers = OUTCOMES.stream().collect(Collectors.toUnmodifiableMap(outcome -> outcome,
        outcome -> Timer.builder("sample.slow.calls")
            .description("Calls of /api/slow, by outcome")
            .tag("outcome", outcome)
            .register(meters)));
  }

  /**
   * Makes the database sleep.
   *
   * @param seconds how long
   * @param callTimeout the connection's call timeout for this call, or {@code null} for the pool's
   * @return a future of the result; failed with {@link QueryTimeoutException} when the call timeout
   *     cancelled it, with another {@code DataAccessException} when the pool closed under it
   */
  public CompletableFuture<SlowCallResult> sleep(int seconds, Duration callTimeout) {
    long start = System.nanoTime();
    LOG.info("Slow call: the database sleeps {} s{}", seconds,
        callTimeout == null ? "" : " (call timeout " + callTimeout + ")");
    CompletableFuture<List<Object>> call = template.withConnection(conn -> {
      if (callTimeout != null) {
        conn.setCallTimeout(callTimeout);
      }
      return conn.callProc(database.sleepProcedure(), seconds);
    });
    // Counted on a stage of the call's own, never handed out: the future returned below may be
    // cancelled by whoever holds it (Spring MVC does when the request ends early and Reactor is on
    // the classpath, as it then adapts the future to a Mono), and a cancelled stage never runs the
    // function it was made with. The call itself runs on: a graceful pool close still drains it.
    call.whenComplete((ignored, error) -> {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      Throwable cause = unwrap(error);
      String outcome = cause == null ? "completed" : cause instanceof QueryTimeoutException ? "timed-out" : "failed";
      timers.get(outcome).record(elapsed);
      LOG.info("Slow call of {} s {} after {} ms{}", seconds, outcome, elapsed.toMillis(),
          cause == null ? "" : ": " + cause.getClass().getSimpleName());
    });
    return call.handle((ignored, error) -> {
      Throwable cause = unwrap(error);
      if (cause != null) {
        throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
      }
      return new SlowCallResult(seconds, Duration.ofNanos(System.nanoTime() - start).toMillis(), database.name());
    });
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
