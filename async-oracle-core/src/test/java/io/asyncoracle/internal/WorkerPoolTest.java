package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The worker pool under racing hand-offs: nothing handed to it is ever lost. */
@Tag("workers")
class WorkerPoolTest {

  @Test
  void everyTaskRunsWhileWorkersKeepGoingIdleAndBeingWoken() throws Exception {
    WorkerPool pool = new WorkerPool(WorkerThreads.daemonFactory("worker-pool-test"), 64);
    try {
      int submitters = 4;
      int perSubmitter = 20_000;
      AtomicInteger ran = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(submitters * perSubmitter);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < submitters; t++) {
        Thread thread = new Thread(() -> {
          for (int i = 0; i < perSubmitter; i++) {
            pool.execute(() -> {
              ran.incrementAndGet();
              done.countDown();
            });
            if (i % 64 == 0) {
              // Let the workers run dry, so the next hand-offs race with workers going idle.
              Thread.onSpinWait();
            }
          }
        });
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(60));
      }
      assertThat(done.await(60, TimeUnit.SECONDS)).as("tasks run: %d of %d", ran.get(), submitters * perSubmitter)
          .isTrue();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aTaskHandedToAnIdleWorkerRunsEvenWhenItWasJustGoingToSleep() throws Exception {
    WorkerPool pool = new WorkerPool(WorkerThreads.daemonFactory("worker-pool-idle"), 4);
    try {
      for (int i = 0; i < 5_000; i++) {
        CountDownLatch ran = new CountDownLatch(1);
        pool.execute(ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("hand-off %d", i).isTrue();
      }
      assertThat(pool.liveThreads()).isLessThanOrEqualTo(4);
    } finally {
      pool.shutdown();
    }
  }
}
