package io.asyncoracle.bench.run;

import io.asyncoracle.bench.contender.AsyncClient;
import io.asyncoracle.bench.contender.BlockingClient;
import io.asyncoracle.bench.contender.Client;
import io.asyncoracle.bench.workload.Call;
import io.asyncoracle.bench.workload.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * A closed loop of concurrent callers: each makes a call, waits for its answer, checks it, and makes
 * the next, until stopped. Blocking contenders get one thread per caller; asynchronous contenders
 * get callers that are only futures, continuing on whatever thread completes their call.
 */
abstract class Callers {

  protected final Workload workload;
  protected final Workload.BenchmarkShape shape;
  protected final Tally tally;
  protected volatile boolean running = true;

  Callers(Workload workload, Workload.BenchmarkShape shape, Tally tally) {
    this.workload = workload;
    this.shape = shape;
    this.tally = tally;
  }

  static Callers forClient(Client client, Workload workload, Workload.BenchmarkShape shape, Tally tally) {
    if (client instanceof BlockingClient blocking) {
      return new Threads(blocking, workload, shape, tally);
    }
    return new Futures((AsyncClient) client, workload, shape, tally);
  }

  /** Starts this many callers; returns once all have started. */
  abstract void start(int count);

  /** Asks every caller to stop after its current call, and waits for them. */
  final boolean stop(Duration timeout) throws InterruptedException {
    running = false;
    return awaitStopped(timeout);
  }

  abstract boolean awaitStopped(Duration timeout) throws InterruptedException;

  protected final void completed(Call call, Object result, Throwable error, long startNanos) {
    if (error != null) {
      tally.failure(error);
      return;
    }
    try {
      call.check(result);
      tally.success(startNanos);
    } catch (RuntimeException wrong) {
      tally.failure(wrong);
    }
  }

  /** One platform or virtual thread per caller, blocking in the contender's call. */
  private static final class Threads extends Callers {
    private final BlockingClient client;
    private final List<Thread> threads = new ArrayList<>();

    Threads(BlockingClient client, Workload workload, Workload.BenchmarkShape shape, Tally tally) {
      super(workload, shape, tally);
      this.client = client;
    }

    @Override
    void start(int count) {
      for (int i = 0; i < count; i++) {
        Thread thread = client.callerThreads().newThread(this::loop);
        threads.add(thread);
        thread.start();
      }
    }

    private void loop() {
      while (running) {
        Call call = workload.next(shape);
        long start = System.nanoTime();
        Object result = null;
        Throwable error = null;
        try {
          result = client.execute(call);
        } catch (Throwable e) {
          error = e;
        }
        completed(call, result, error, start);
      }
    }

    @Override
    boolean awaitStopped(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Thread thread : threads) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        if (thread.isAlive()) {
          return false;
        }
      }
      return true;
    }
  }

  /** Callers that are chains of futures: no thread waits for an answer. */
  private static final class Futures extends Callers {
    private static final int INLINE_LIMIT = 64;
    private final AsyncClient client;
    private CountDownLatch stopped;

    Futures(AsyncClient client, Workload workload, Workload.BenchmarkShape shape, Tally tally) {
      super(workload, shape, tally);
      this.client = client;
    }

    @Override
    void start(int count) {
      stopped = new CountDownLatch(count);
      for (int i = 0; i < count; i++) {
        loop();
      }
    }

    /**
     * Makes calls until one is still running; its completion continues the loop. A call that is
     * already complete is handled here rather than through a callback (no recursion), and after
     * {@link #INLINE_LIMIT} of those in a row the loop moves to another thread, so a contender that
     * answers synchronously can neither overflow the stack nor keep {@link #start} from returning.
     */
    private void loop() {
      int inline = 0;
      while (running) {
        if (inline++ == INLINE_LIMIT) {
          ForkJoinPool.commonPool().execute(this::loop);
          return;
        }
        Call call = workload.next(shape);
        long start = System.nanoTime();
        CompletableFuture<Object> future;
        try {
          future = client.execute(call).toCompletableFuture();
        } catch (Throwable e) {
          completed(call, null, e, start);
          continue;
        }
        if (future.isDone()) {
          Object result = null;
          Throwable error = null;
          try {
            result = future.join();
          } catch (Throwable e) {
            error = e;
          }
          completed(call, result, error, start);
          continue;
        }
        future.whenComplete((result, error) -> {
          completed(call, result, error, start);
          loop();
        });
        return;
      }
      stopped.countDown();
    }

    @Override
    boolean awaitStopped(Duration timeout) throws InterruptedException {
      return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
