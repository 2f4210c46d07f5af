package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.PoolListener;
import java.time.Duration;
import java.util.List;

/** Hands every pool event to each {@link PoolListener} bean (the core takes one listener). */
final class CompositePoolListener implements PoolListener {

  private final List<PoolListener> listeners;

  CompositePoolListener(List<PoolListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  static PoolListener of(List<PoolListener> listeners) {
    return listeners.size() == 1 ? listeners.get(0) : new CompositePoolListener(listeners);
  }

  @Override
  public void onAcquire(Duration waited) {
    listeners.forEach(l -> l.onAcquire(waited));
  }

  @Override
  public void onAcquireTimeout(Duration waited) {
    listeners.forEach(l -> l.onAcquireTimeout(waited));
  }

  @Override
  public void onPoolExhausted() {
    listeners.forEach(PoolListener::onPoolExhausted);
  }

  @Override
  public void onRelease(Duration used) {
    listeners.forEach(l -> l.onRelease(used));
  }

  @Override
  public void onConnectionInvalidated() {
    listeners.forEach(PoolListener::onConnectionInvalidated);
  }

  @Override
  public void onConnectionOpened() {
    listeners.forEach(PoolListener::onConnectionOpened);
  }

  @Override
  public void onConnectFailure(Throwable error) {
    listeners.forEach(l -> l.onConnectFailure(error));
  }
}
