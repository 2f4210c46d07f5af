package io.asyncoracle.internal;

/** A consistent view of {@link PoolState}'s counts. */
record PoolCounts(int held, int idle, int lent, int waiting, int opening) {
}
