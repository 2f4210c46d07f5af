package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.boot.shutdown.AsyncPoolLifecycle;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Fits the pool's drain ({@code async-oracle.shutdown.timeout}) into Spring's shutdown phase
 * ({@code spring.lifecycle.timeout-per-shutdown-phase}).
 *
 * <p>Why: both used to default to 30 s and raced. When the phase ends first, Spring moves on
 * while the pool still drains, and the pool is closed by the destroy backstop instead, after the
 * beans that rely on it are gone. A graceful close needs, after its drain timeout,
 * {@link AsyncPoolLifecycle#INTERRUPT_MARGIN} to cancel what still runs and close UCP. So the drain
 * timeout defaults to the phase minus that margin, and an explicit one that leaves less fails the
 * startup with both property names.
 */
final class ShutdownTimeouts {

  /** Spring Boot's default for {@code spring.lifecycle.timeout-per-shutdown-phase}. */
  static final Duration BOOT_PHASE_TIMEOUT = Duration.ofSeconds(30);
  static final String PHASE_PROPERTY = "spring.lifecycle.timeout-per-shutdown-phase";
  static final String TIMEOUT_PROPERTY = AsyncOracleProperties.PREFIX + ".shutdown.timeout";

  private ShutdownTimeouts() {
  }

  /**
   * The phase timeout the application configured, or Boot's default.
   *
   * @param environment the environment
   * @return the phase timeout
   */
  static Duration phaseTimeout(Environment environment) {
    return Binder.get(environment).bind(PHASE_PROPERTY, Duration.class).orElse(BOOT_PHASE_TIMEOUT);
  }

  /**
   * The drain timeout to use.
   *
   * @param mode the shutdown mode
   * @param configured {@code async-oracle.shutdown.timeout}, or {@code null}
   * @param phase the shutdown phase timeout
   * @return the drain timeout
   * @throws InvalidAsyncOracleConfigurationException if a graceful drain cannot finish inside the phase
   */
  static Duration drainTimeout(AsyncPoolLifecycle.Mode mode, Duration configured, Duration phase) {
    Duration margin = AsyncPoolLifecycle.INTERRUPT_MARGIN;
    if (configured == null) {
      // A phase shorter than twice the margin cannot hold both: give the drain half of it.
      Duration derived = phase.minus(margin);
      Duration half = phase.dividedBy(2);
      Duration timeout = derived.compareTo(half) > 0 ? derived : half;
      return timeout.isZero() || timeout.isNegative() ? Duration.ofMillis(1) : timeout;
    }
    if (configured.isNegative()) {
      throw new InvalidAsyncOracleConfigurationException(TIMEOUT_PROPERTY, "must not be negative, got "
          + configured, null);
    }
    if (mode == AsyncPoolLifecycle.Mode.GRACEFUL && (configured.isZero() || configured.plus(margin).compareTo(phase) > 0)) {
      String drain = configured.isZero() ? "0 (drain without limit)" : millis(configured);
      throw new InvalidAsyncOracleConfigurationException(TIMEOUT_PROPERTY, "is " + drain + ", but a graceful"
          + " shutdown needs up to " + millis(margin) + " after it to interrupt what still runs, and "
          + PHASE_PROPERTY + " is " + millis(phase) + ": the phase would end before the pool is closed. Set "
          + TIMEOUT_PROPERTY + " to at most " + millis(phase.minus(margin).isNegative() ? Duration.ZERO
          : phase.minus(margin)) + " (or leave it unset: it then defaults to the phase minus "
          + millis(margin) + "), or raise " + PHASE_PROPERTY + " to at least "
          + millis(configured.plus(margin)) + ".", null);
    }
    return configured;
  }

  private static String millis(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
