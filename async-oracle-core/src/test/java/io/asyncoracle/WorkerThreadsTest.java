package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.asyncoracle.internal.WorkerThreads;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which threads run the blocking JDBC work. The build re-runs this class on JDK 25, where
 * {@code asyncoracle.test.expectVirtualThreads} is set, so both paths are exercised.
 */
@Tag("workers")
class WorkerThreadsTest {

  private static String jdbcThread(AsyncPool pool) {
    return pool.withConnection(c -> {
      CompletableFuture<String> name = new CompletableFuture<>();
      c.setOutputTypeHandler((rs, index, column) -> {
        name.complete(Thread.currentThread().toString());
        return OutputTypeHandler.DEFAULT;
      });
      return c.fetchOne("select 1 from dual").thenCompose(row -> name);
    }).join();
  }

  @Test
  void autoUsesPlatformThreadsOnEveryJvm() {
    // Platform workers are the default even where virtual threads exist: measured cheaper per JDBC
    // call (see VirtualThreads). The JDK 25 run of this test checks that it is really on a JVM with them.
    if (Boolean.getBoolean("asyncoracle.test.expectVirtualThreads")) {
      assertThat(WorkerThreads.virtualThreadsAvailable()).as("this run is on a JVM with virtual threads").isTrue();
    }
    AsyncPool pool = AsyncOracle.createPool(TestDatabases.options().poolName("auto-workers")
        .virtualThreads(VirtualThreads.AUTO).build()).join();
    assertThat(jdbcThread(pool)).doesNotStartWith("VirtualThread").contains("auto-workers-worker");
    pool.close().join();
  }

  @Test
  void disabledAlwaysUsesPlatformThreads() {
    AsyncPool pool = AsyncOracle.createPool(TestDatabases.options().poolName("platform-workers")
        .virtualThreads(VirtualThreads.DISABLED).build()).join();
    assertThat(jdbcThread(pool)).doesNotStartWith("VirtualThread").contains("platform-workers-worker");
    pool.close().join();
  }

  @Test
  void enabledFailsClearlyWithoutVirtualThreads() {
    assumeFalse(WorkerThreads.virtualThreadsAvailable(), "this JVM has virtual threads");
    CompletableFuture<AsyncPool> created = AsyncOracle.createPool(TestDatabases.options()
        .virtualThreads(VirtualThreads.ENABLED).build());
    assertThatThrownBy(created::join).cause().isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("virtualThreads").hasMessageContaining("Java 21");
  }

  @Test
  void enabledUsesVirtualThreadsWhereAvailable() {
    org.junit.jupiter.api.Assumptions.assumeTrue(WorkerThreads.virtualThreadsAvailable(), "needs Java 21+");
    AsyncPool pool = AsyncOracle.createPool(TestDatabases.options().poolName("virtual-workers")
        .virtualThreads(VirtualThreads.ENABLED).build()).join();
    assertThat(jdbcThread(pool)).startsWith("VirtualThread");
    pool.close().join();
  }
}
