package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Thousands of concurrent callers on a handful of connections, with few threads. */
@Tag("workers")
class ConcurrencyTest {

  private static final int CALLERS = 5_000;
  private static final int CONNECTIONS = 4;

  @Test
  void fiveThousandCallersOnFourConnections() throws Exception {
    AsyncPool pool = AsyncOracle.createPool(TestDatabases.options().min(CONNECTIONS).max(CONNECTIONS)
        .acquireTimeout(Duration.ofSeconds(120)).build()).join();
    pool.withConnection(c -> c.execute("create table items(id number primary key, name varchar2(30))")
        .thenCompose(n -> c.commit())).join();

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int before = threads.getThreadCount();
    threads.resetPeakThreadCount();

    List<CompletableFuture<Integer>> results = new ArrayList<>(CALLERS);
    for (int i = 0; i < CALLERS; i++) {
      int id = i;
      results.add(pool.withConnection(c -> c.execute("insert into items values (?, ?)", id, "item-" + id)
          .thenCompose(n -> c.commit())
          .thenCompose(v -> c.fetchOne("select id, name from items where id = ?", id))
          .thenApply(row -> {
            assertThat(row.get("NAME")).isEqualTo("item-" + id);
            return row.get(0, Integer.class);
          })));
    }
    CompletableFuture.allOf(results.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
    int peak = threads.getPeakThreadCount();

    for (int i = 0; i < CALLERS; i++) {
      assertThat(results.get(i).join()).isEqualTo(i);
    }
    assertThat(pool.withConnection(c -> c.fetchOne("select count(*) from items")).join().get(0, Integer.class))
        .isEqualTo(CALLERS);
    PoolStats stats = pool.stats();
    assertThat(stats.busy()).isZero();
    assertThat(stats.waiting()).isZero();
    assertThat(stats.opened()).isLessThanOrEqualTo(CONNECTIONS);

    // Platform threads: at most max + 2 workers, the callback pool, one timer, UCP's own timer.
    int added = peak - before;
    System.out.println(CALLERS + " callers on " + CONNECTIONS + " connections: platform threads before="
        + before + ", peak=" + peak + " (virtual workers: " + io.asyncoracle.internal.WorkerThreads.virtualThreadsAvailable() + ")");
    assertThat(added).isLessThanOrEqualTo(CONNECTIONS + 2 + Runtime.getRuntime().availableProcessors() + 8);
    pool.close().join();
  }
}
