package io.asyncoracle.bench.probe;

import io.asyncoracle.bench.contender.ContenderContext;
import io.asyncoracle.bench.contender.UcpPools;
import io.asyncoracle.bench.db.DatabaseTarget;
import io.asyncoracle.bench.workload.Workload;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import oracle.ucp.jdbc.PoolDataSource;
import oracle.ucp.jdbc.UCPConnectionBuilder;

/**
 * Is UCP's asynchronous borrow ({@code createConnectionBuilder().buildAsyncOracle()}) really
 * non-blocking with this database's connection factory? The core instead borrows with a blocking
 * {@code getConnection()} on a worker, once its own admission queue has granted a permit. This
 * probe measures, on an exhausted pool, whether the caller's thread returns at once and whether a
 * thread is held per waiting borrow; then it compares borrow throughput of both ways.
 */
public final class UcpAsyncBorrowProbe {

  private static final int WAITERS = 100;

  private final DatabaseTarget target;
  private final int poolSize;
  private final Duration watch;

  /**
   * Creates the probe.
   *
   * @param target the database
   * @param poolSize the pool size
   * @param watch how long each of its measurements lasts (500 ms watching waiters; each throughput loop twice that)
   */
  public UcpAsyncBorrowProbe(DatabaseTarget target, int poolSize, Duration watch) {
    this.target = target;
    this.poolSize = poolSize;
    this.watch = watch;
  }

  /**
   * Runs the probe.
   *
   * @return its findings in Markdown
   */
  public String run() {
    StringBuilder md = new StringBuilder();
    try {
      exhaustedPool(md);
      throughput(md);
    } catch (Exception e) {
      md.append("\nThe probe failed: `").append(e).append("`\n");
    }
    return md.toString();
  }

  /** Holds every connection, then asks for more: does the caller block, and who waits? */
  private void exhaustedPool(StringBuilder md) throws Exception {
    PoolDataSource pds = UcpPools.start(context(Duration.ofSeconds(10)), "bench-probe");
    CountingExecutor executor = new CountingExecutor();
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < poolSize; i++) {
        held.add(pds.getConnection());
      }
      int threadsBefore = Thread.activeCount();
      List<CompletableFuture<Connection>> waiting = new ArrayList<>();
      long[] callNanos = new long[WAITERS];
      for (int i = 0; i < WAITERS; i++) {
        UCPConnectionBuilder builder = (UCPConnectionBuilder) pds.createConnectionBuilder();
        long start = System.nanoTime();
        CompletionStage<Connection> stage = builder.executor(executor).buildAsyncOracle();
        callNanos[i] = System.nanoTime() - start;
        waiting.add(stage.toCompletableFuture());
      }
      java.util.Arrays.sort(callNanos);
      // Watch the waiting borrows: tasks run, threads, CPU.
      int submittedBefore = executor.submitted.get();
      long cpuBefore = processCpuNanos();
      long watchEnd = System.nanoTime() + watch.toNanos();
      int runningWhileWaiting = 0;
      while (System.nanoTime() < watchEnd) {
        runningWhileWaiting = Math.max(runningWhileWaiting, executor.running.get());
        Thread.sleep(5);
      }
      long cpuWhileWaiting = processCpuNanos() - cpuBefore;
      int tasksWhileWaiting = executor.submitted.get() - submittedBefore;
      int threadsWhileWaiting = Thread.activeCount();
      long doneEarly = waiting.stream().filter(CompletableFuture::isDone).count();
      for (Connection c : held) {
        c.close();
      }
      held.clear();
      // Each waiter, once served, gives its connection back so the next can have it.
      long start = System.nanoTime();
      AtomicInteger served = new AtomicInteger();
      List<CompletableFuture<Void>> returned = new ArrayList<>();
      for (CompletableFuture<Connection> f : waiting) {
        returned.add(f.thenAccept(c -> {
          served.incrementAndGet();
          try {
            c.close();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      String outcome;
      try {
        CompletableFuture.allOf(returned.toArray(new CompletableFuture<?>[0])).get(20, TimeUnit.SECONDS);
        outcome = "all " + WAITERS + " served in " + ms(System.nanoTime() - start) + " after the held connections were returned";
      } catch (Exception e) {
        outcome = served.get() + " of " + WAITERS + " served; then: " + rootCause(e);
      }
      md.append("- **Exhausted pool** (").append(poolSize).append(" connections held, then ").append(WAITERS)
          .append(" `buildAsyncOracle()` calls with an executor of our own): a call returned in ")
          .append(us(callNanos[WAITERS / 2])).append(" (median; slowest ").append(us(callNanos[WAITERS - 1]))
          .append("), so the caller is not blocked; ").append(doneEarly).append(" completed before a connection was free. ")
          .append("In the next ").append(watch.toMillis()).append(" ms, while all ").append(WAITERS).append(" waited, UCP ran ").append(tasksWhileWaiting)
          .append(" tasks on the executor (at most ").append(runningWhileWaiting).append(" at once) and this JVM used ")
          .append(ms(cpuWhileWaiting)).append(" of CPU; live threads went from ").append(threadsBefore).append(" to ")
          .append(threadsWhileWaiting).append(". Then: ").append(outcome).append(".\n");
      md.append("  Verdict: ");
      if (tasksWhileWaiting > WAITERS) {
        md.append("the caller is not blocked, but waiting is **polling**: UCP keeps re-submitting each waiting borrow to the "
            + "executor (" + Math.round(tasksWhileWaiting * 1000.0 / watch.toMillis() / WAITERS) + " tasks per waiter per second), burning CPU while nothing changes.");
      } else if (runningWhileWaiting > 0) {
        md.append("a thread is held per waiting borrow: not non-blocking.");
      } else {
        md.append("non-blocking: no thread waits and no CPU is spent while borrows wait.");
      }
      md.append('\n');
    } catch (UnsupportedOperationException e) {
      md.append("- `buildAsyncOracle()` is not supported with this connection factory: `").append(e).append("`\n");
    } finally {
      for (Connection c : held) {
        c.close();
      }
      UcpPools.destroy(pds);
      executor.shutdown();
    }
  }

  /** Borrow-and-return throughput: async builder vs blocking getConnection on workers. */
  private void throughput(StringBuilder md) throws Exception {
    Duration length = watch.multipliedBy(2);
    PoolDataSource pds = UcpPools.start(context(Duration.ofSeconds(30)), "bench-probe");
    ExecutorService workers = Executors.newFixedThreadPool(poolSize);
    CountingExecutor asyncExecutor = new CountingExecutor();
    try {
      for (int callers : new int[] {poolSize, poolSize * 4}) {
        double blocking = loop(length, callers, () -> CompletableFuture.supplyAsync(() -> {
          try {
            return pds.getConnection();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, workers));
        double async = loop(length, callers, () -> ((UCPConnectionBuilder) pds.createConnectionBuilder())
            .executor(asyncExecutor).buildAsyncOracle().toCompletableFuture());
        md.append(String.format(Locale.ROOT, "- **Borrow + return throughput**, %d callers on a pool of %d (%s): "
            + "blocking `getConnection()` on %d workers %,.0f/s; `buildAsyncOracle()` %,.0f/s.%n", callers, poolSize,
            callers > poolSize ? "borrows wait" : "no borrow waits", poolSize, blocking, async));
      }
    } catch (UnsupportedOperationException e) {
      md.append("- Throughput not measured: `buildAsyncOracle()` unsupported: `").append(e).append("`\n");
    } finally {
      UcpPools.destroy(pds);
      workers.shutdown();
      asyncExecutor.shutdown();
    }
  }

  private interface Borrow {
    CompletableFuture<Connection> start();
  }

  /** A closed loop of callers that borrow a connection and close it at once; returns borrows/s. */
  private static double loop(Duration length, int callers, Borrow borrow) throws InterruptedException {
    AtomicLong count = new AtomicLong();
    long end = System.nanoTime() + length.toNanos();
    CompletableFuture<?>[] done = new CompletableFuture<?>[callers];
    for (int i = 0; i < callers; i++) {
      CompletableFuture<Void> finished = new CompletableFuture<>();
      done[i] = finished;
      next(borrow, count, end, finished);
    }
    long start = System.nanoTime();
    try {
      CompletableFuture.allOf(done).get(length.toMillis() + 30_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("probe loop did not finish: " + rootCause(e), e);
    }
    return count.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static void next(Borrow borrow, AtomicLong count, long end, CompletableFuture<Void> finished) {
    if (System.nanoTime() >= end) {
      finished.complete(null);
      return;
    }
    borrow.start().whenComplete((c, e) -> {
      if (e != null) {
        finished.completeExceptionally(e);
        return;
      }
      try {
        c.close();
      } catch (Exception closeError) {
        finished.completeExceptionally(closeError);
        return;
      }
      count.incrementAndGet();
      next(borrow, count, end, finished);
    });
  }

  private ContenderContext context(Duration wait) {
    return new ContenderContext(target, poolSize, wait, Workload.FAST_QUERY, poolSize);
  }

  private static long processCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.toString();
  }

  private static String us(long nanos) {
    return String.format(Locale.ROOT, "%.1f us", nanos / 1000.0);
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  /** A cached thread pool that counts how many of its tasks run at once. */
  private static final class CountingExecutor implements Executor {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final AtomicInteger submitted = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "probe-executor");
      t.setDaemon(true);
      return t;
    });

    @Override
    public void execute(Runnable task) {
      submitted.incrementAndGet();
      threads.execute(() -> {
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
          task.run();
        } finally {
          running.decrementAndGet();
        }
      });
    }

    void shutdown() {
      threads.shutdown();
    }
  }
}
