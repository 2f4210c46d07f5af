package io.asyncoracle.internal;

import io.asyncoracle.PoolListener;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Two listeners as one, for {@link UcpAsyncPool#addListener}: each event goes to both, and one
 * that throws does not keep the event from the other (the pool logs what was thrown).
 */
final class PoolListeners implements PoolListener {

  private final PoolListener first;
  private final PoolListener second;

  PoolListeners(PoolListener first, PoolListener second) {
    this.first = first;
    this.second = second;
  }

  private void each(Consumer<PoolListener> event) {
    RuntimeException failure = null;
    try {
      event.accept(first);
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      event.accept(second);
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void onAcquire(Duration waited) {
    each(l -> l.onAcquire(waited));
  }

  @Override
  public void onAcquireTimeout(Duration waited) {
    each(l -> l.onAcquireTimeout(waited));
  }

  @Override
  public void onPoolExhausted() {
    each(PoolListener::onPoolExhausted);
  }

  @Override
  public void onRelease(Duration used) {
    each(l -> l.onRelease(used));
  }

  @Override
  public void onConnectionInvalidated() {
    each(PoolListener::onConnectionInvalidated);
  }

  @Override
  public void onConnectionOpened() {
    each(PoolListener::onConnectionOpened);
  }

  @Override
  public void onConnectFailure(Throwable error) {
    each(l -> l.onConnectFailure(error));
  }
}
