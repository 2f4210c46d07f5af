package io.asyncoracle.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** An executor on daemon threads that counts the tasks it is given: the proof of "tasks per call". */
final class CountingExecutor implements Executor {
  final AtomicLong tasks = new AtomicLong();
  private final ExecutorService target = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-worker");
    t.setDaemon(true);
    return t;
  });

  @Override
  public void execute(Runnable command) {
    tasks.incrementAndGet();
    target.execute(command);
  }

  /** Stops the threads behind it. */
  void shutdownNow() {
    target.shutdownNow();
  }
}
