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
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A closed loop of concurrent callers: each makes a call, waits for its answer, checks it, and makes
 * the next, until stopped. Blocking contenders get one thread per caller; asynchronous contenders
 * get callers that are only futures, continuing on whatever thread completes their call.
 *
 * <p>Each caller also says when its current call started and whether one of its calls completed in
 * the window: the latency histogram holds only calls that completed, so a contender that serves a
 * few callers over and over while the others wait (an unfair pool) would show a low p99 there.
 * {@link #servedCallers()} and {@link #longestWaitNanos(long)} show those that waited.
 */
abstract class Callers {

  protected final Workload workload;
  protected final Workload.BenchmarkShape shape;
  protected final Tally tally;
  protected volatile boolean running = true;
  /** Per caller: when its current call started (System.nanoTime), 0 between calls. */
  private AtomicLongArray callStarted = new AtomicLongArray(0);
  /** Per caller: 1 once one of its calls completed correctly in the window. */
  private AtomicIntegerArray served = new AtomicIntegerArray(0);

  Callers(Workload workload, Workload.BenchmarkShape shape, Tally tally) {
    this.workload = workload;
    this.shape = shape;
    this.tally = tally;
  }

  /** Makes room for this many callers' bookkeeping; called by {@link #start} before any call. */
  protected final void track(int count) {
    callStarted = new AtomicLongArray(count);
    served = new AtomicIntegerArray(count);
  }

  /** A caller's call begins; returns its start time. */
  protected final long began(int caller) {
    long now = System.nanoTime();
    callStarted.set(caller, now);
    return now;
  }

  /** Forgets which callers were served: the window opens. */
  final void openWindow() {
    for (int i = 0; i < served.length(); i++) {
      served.set(i, 0);
    }
  }

  /**
   * How many callers had a call complete correctly since {@link #openWindow()}.
   *
   * @return callers
   */
  final int servedCallers() {
    int count = 0;
    for (int i = 0; i < served.length(); i++) {
      count += served.get(i);
    }
    return count;
  }

  /**
   * The age of the oldest call still waiting for its answer.
   *
   * @param now System.nanoTime() now
   * @return nanoseconds, 0 when no call is in flight
   */
  final long longestWaitNanos(long now) {
    long oldest = 0;
    for (int i = 0; i < callStarted.length(); i++) {
      long started = callStarted.get(i);
      if (started != 0) {
        oldest = Math.max(oldest, now - started);
      }
    }
    return oldest;
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

  protected final void completed(int caller, Call call, Object result, Throwable error, long startNanos) {
    callStarted.set(caller, 0);
    if (error != null) {
      tally.failure(error);
      return;
    }
    try {
      call.check(result);
      if (tally.success(startNanos)) {
        served.set(caller, 1);
      }
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
      track(count);
      for (int i = 0; i < count; i++) {
        int caller = i;
        Thread thread = client.callerThreads().newThread(() -> loop(caller));
        threads.add(thread);
        thread.start();
      }
    }

    private void loop(int caller) {
      while (running) {
        Call call = workload.next(shape);
        long start = began(caller);
        Object result = null;
        Throwable error = null;
        try {
          result = client.execute(call);
        } catch (Throwable e) {
          error = e;
        }
        completed(caller, call, result, error, start);
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
      track(count);
      stopped = new CountDownLatch(count);
      for (int i = 0; i < count; i++) {
        loop(i);
      }
    }

    /**
     * Makes calls until one is still running; its completion continues the loop. A call that is
     * already complete is handled here rather than through a callback (no recursion), and after
     * {@link #INLINE_LIMIT} of those in a row the loop moves to another thread, so a contender that
     * answers synchronously can neither overflow the stack nor keep {@link #start} from returning.
     */
    private void loop(int caller) {
      int inline = 0;
      while (running) {
        if (inline++ == INLINE_LIMIT) {
          ForkJoinPool.commonPool().execute(() -> loop(caller));
          return;
        }
        Call call = workload.next(shape);
        long start = began(caller);
        CompletableFuture<Object> future;
        try {
          future = client.execute(call).toCompletableFuture();
        } catch (Throwable e) {
          completed(caller, call, null, e, start);
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
          completed(caller, call, result, error, start);
          continue;
        }
        future.whenComplete((result, error) -> {
          completed(caller, call, result, error, start);
          loop(caller);
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
