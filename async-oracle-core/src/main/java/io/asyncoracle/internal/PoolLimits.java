package io.asyncoracle.internal;

import io.asyncoracle.GetMode;
import io.asyncoracle.PoolOptions;
import java.time.Duration;

/** The options in the units the pool uses, computed once per options. */
final class PoolLimits {
  final long aliveBypassNanos;
  final long maxHoldNanos;
  final long holdIdleNanos;
  final long maxLifetimeNanos;
  final long idleTimeoutNanos;
  final long pingTimeoutNanos;
  final int pingSeconds;
  final GetMode getMode;
  /** The bound of a whole acquire: the wait timeout in TIMEDWAIT, else the acquire timeout (zero: none). */
  final Duration acquireBound;

  PoolLimits(PoolOptions options) {
    aliveBypassNanos = options.validateOnBorrow() ? options.aliveBypass().toNanos() : Long.MAX_VALUE;
    maxHoldNanos = nanosOrUnbounded(options.maxHold());
    holdIdleNanos = nanosOrUnbounded(options.holdIdleTimeout());
    maxLifetimeNanos = nanosOrUnbounded(options.maxLifetime());
    idleTimeoutNanos = nanosOrUnbounded(options.inactiveTimeout());
    pingTimeoutNanos = options.pingTimeout().toNanos();
    // isValid takes whole seconds; the pool's own timer holds the exact ping timeout.
    pingSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (options.pingTimeout().toMillis() + 999) / 1000));
    getMode = options.getMode();
    acquireBound = getMode == GetMode.TIMEDWAIT ? options.waitTimeout() : options.acquireTimeout();
  }

  private static long nanosOrUnbounded(Duration d) {
    return d.isZero() ? Long.MAX_VALUE : d.toNanos();
  }

  /** Whether a held connection is due to go back to UCP: held too long, or idle too long. */
  boolean holdExpired(HeldConnection held, long now) {
    return now - held.heldSince >= maxHoldNanos || now - held.lastUsed >= holdIdleNanos;
  }

  /** Whether a physical connection is older than {@code maxLifetime}: it is closed, not lent. */
  boolean pastLifetime(HeldConnection held, long now) {
    return now - held.state.firstSeen >= maxLifetimeNanos;
  }
}
