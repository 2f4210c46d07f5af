package io.asyncoracle.internal;

import io.asyncoracle.GetMode;

/** The limits {@link PoolState} enforces; replaced as a whole by a reconfigure. */
record PoolStateLimits(int max, int maxWaiters, GetMode getMode, int increment) {
}
