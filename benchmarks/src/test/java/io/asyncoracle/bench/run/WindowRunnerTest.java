package io.asyncoracle.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.bench.contender.AsyncClient;
import io.asyncoracle.bench.contender.BlockingClient;
import io.asyncoracle.bench.workload.Call;
import io.asyncoracle.bench.workload.Workload;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The drivers against fake contenders: no database, so these check the counting itself. */
class WindowRunnerTest {

  private final Workload.BenchmarkShape shape = () -> 100;
  private final WindowRunner runner = new WindowRunner(shape, Duration.ofSeconds(5), OptionalLong::empty);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    runner.close();
    timer.shutdownNow();
  }

  @Test
  void countsCorrectAnswersOfBlockingCallers() throws Exception {
    Measurement m = runner.run(new EchoBlocking(true), Workload.LATENCY_BOUND, 4, Duration.ofMillis(50),
        Duration.ofMillis(300), -1);

    assertThat(m.failures()).isZero();
    assertThat(m.completions()).isPositive();
    // 4 callers each sleeping at least 1 ms: at most 4,000/s. The lower bound only says "many":
    // on a loaded 2-core machine the callers may get far less than their share.
    assertThat(m.throughput()).isBetween(100.0, 4_000.0);
    assertThat(m.p50Micros()).isGreaterThanOrEqualTo(1_000);
  }

  @Test
  void aWrongAnswerCountsAsAFailureNotACompletion() throws Exception {
    Measurement m = runner.run(new EchoBlocking(false), Workload.FAST_QUERY, 2, Duration.ofMillis(20),
        Duration.ofMillis(200), -1);

    assertThat(m.completions()).isZero();
    assertThat(m.failures()).isPositive();
    assertThat(m.firstFailure()).contains("WrongResultException");
  }

  @Test
  void asyncCallersWaitForTheirFutureAndCountFailedOnes() throws Exception {
    Measurement ok = runner.run(new DelayedAsync(true), Workload.LATENCY_BOUND, 8, Duration.ofMillis(50),
        Duration.ofMillis(300), -1);
    Measurement failing = runner.run(new DelayedAsync(false), Workload.LATENCY_BOUND, 8, Duration.ofMillis(50),
        Duration.ofMillis(200), -1);

    assertThat(ok.failures()).isZero();
    // 8 callers, each call completing at least 2 ms later: at most 4,000/s, and about that when
    // nothing else runs. The lower bound only says "many", as above.
    assertThat(ok.throughput()).isBetween(100.0, 4_500.0);
    assertThat(ok.p50Micros()).isGreaterThanOrEqualTo(2_000);
    assertThat(failing.completions()).isZero();
    assertThat(failing.failures()).isPositive();
    assertThat(failing.firstFailure()).contains("database said no");
  }

  @Test
  void aWindowWithoutProgressIsAFailure() throws Exception {
    AsyncClient never = new AsyncClient() {
      @Override
      public CompletionStage<Object> execute(Call call) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        timer.schedule(() -> f.complete(call.args().clone()), 400, TimeUnit.MILLISECONDS);
        return f;
      }

      @Override
      public void close() {
      }
    };

    Measurement m = runner.run(never, Workload.LATENCY_BOUND, 4, Duration.ofMillis(10), Duration.ofMillis(100), -1);

    assertThat(m.completions()).isZero();
    assertThat(m.failures()).isEqualTo(1);
    assertThat(m.firstFailure()).contains("stalled");
  }

  @Test
  void asyncCallersThatCompleteImmediatelyDoNotOverflowTheStack() throws Exception {
    AsyncClient immediate = new AsyncClient() {
      @Override
      public CompletionStage<Object> execute(Call call) {
        return CompletableFuture.completedFuture(call.args().clone());
      }

      @Override
      public void close() {
      }
    };

    Measurement m = runner.run(immediate, Workload.LATENCY_BOUND, 1, Duration.ofMillis(20), Duration.ofMillis(100), -1);

    assertThat(m.failures()).isZero();
    // Past the inline limit (64) several times over: the loop hopped threads and went on. Not more:
    // on a loaded 2-core machine 100 ms can hold only a few hundred calls.
    assertThat(m.completions()).isGreaterThan(200);
  }

  /** Answers a query with its own bind values (right for the latency-bound call), or with garbage. */
  private static final class EchoBlocking implements BlockingClient {
    private final boolean right;

    EchoBlocking(boolean right) {
      this.right = right;
    }

    @Override
    public Object execute(Call call) throws Exception {
      Thread.sleep(1);
      return right ? call.args().clone() : new Object[] {"wrong"};
    }

    @Override
    public ThreadFactory callerThreads() {
      return Thread::new;
    }

    @Override
    public void close() {
    }
  }

  /** Completes each call 2 ms later on a timer thread, with the echo or an error. */
  private final class DelayedAsync implements AsyncClient {
    private final boolean succeed;

    DelayedAsync(boolean succeed) {
      this.succeed = succeed;
    }

    @Override
    public CompletionStage<Object> execute(Call call) {
      CompletableFuture<Object> f = new CompletableFuture<>();
      timer.schedule(() -> {
        if (succeed) {
          f.complete(call.args().clone());
        } else {
          f.completeExceptionally(new IllegalStateException("database said no"));
        }
      }, 2, TimeUnit.MILLISECONDS);
      return f;
    }

    @Override
    public void close() {
    }
  }
}
