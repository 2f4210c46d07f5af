package io.asyncoracle.bench.contender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.bench.db.DatabaseTarget;
import io.asyncoracle.bench.workload.Call;
import io.asyncoracle.bench.workload.Workload;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The virtual-thread peer against an in-process H2 database: a peer, skipped with its reason on a
 * JVM without virtual threads, and on one with them, each caller a virtual thread that borrows from
 * HikariCP and runs plain JDBC.
 */
class VirtualThreadsHikariContenderTest {

  private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;
  private static final Call ONE = new Call(Call.Kind.QUERY_ROW, "SELECT 1 FROM DUAL", new Object[0], null);

  private final DatabaseTarget target = new DatabaseTarget(
      "jdbc:h2:mem:virtual-" + System.nanoTime() + ";MODE=Oracle;DB_CLOSE_DELAY=-1", "sa", "", false);
  private final VirtualThreadsHikariContender contender = new VirtualThreadsHikariContender();
  private final ContenderContext context = new ContenderContext(target, 2, Duration.ofSeconds(5), Workload.FAST_QUERY,
      10_000);

  @Test
  void isAPeerOnlyAJvmWithVirtualThreadsCanRun() {
    assertThat(contender.peer()).isTrue();
    assertThat(contender.name()).isEqualTo("virtual threads + HikariCP");
    if (VIRTUAL_THREADS) {
      // The crowd too: one virtual thread per caller, 10,000 of them, is what it is for.
      assertThat(contender.notApplicable(context)).isEmpty();
    } else {
      assertThat(contender.notApplicable(context))
          .hasValue("needs Java 21+ (this is Java " + Runtime.version().feature() + ")");
    }
  }

  @Test
  void callersAreVirtualThreadsRunningPlainJdbcOnHikari() throws Exception {
    if (!VIRTUAL_THREADS) {
      assertThatThrownBy(() -> contender.open(context)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("needs Java 21+");
      return;
    }
    BlockingClient client = (BlockingClient) contender.open(context);
    try {
      AtomicReference<Object> answer = new AtomicReference<>();
      AtomicReference<Boolean> virtual = new AtomicReference<>();
      AtomicReference<Throwable> error = new AtomicReference<>();
      Thread caller = client.callerThreads().newThread(() -> {
        try {
          virtual.set((Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
          answer.set(client.execute(ONE));
        } catch (Throwable e) {
          error.set(e);
        }
      });
      caller.start();
      caller.join(10_000);

      assertThat(error.get()).isNull();
      assertThat(virtual.get()).isTrue();
      assertThat(client.platformThreads()).isFalse();
      assertThat((Object[]) answer.get()).hasSize(1);
      assertThat(((Number) ((Object[]) answer.get())[0]).intValue()).isEqualTo(1);
    } finally {
      client.close();
    }
  }
}
