package io.asyncoracle.internal;

/** What a failed open leaves to do: the waiter that gets the error, and whether another open was reserved. */
record OpenFailure(AcquireFuture waiterToFail, int opens) {
}
