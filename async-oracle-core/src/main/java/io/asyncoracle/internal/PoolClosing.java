package io.asyncoracle.internal;

import java.util.List;

/** What closing took out of the pool: the waiters to fail and the idle connections to give back. */
record PoolClosing(List<AcquireFuture> waiters, List<HeldConnection> idle) {
}
