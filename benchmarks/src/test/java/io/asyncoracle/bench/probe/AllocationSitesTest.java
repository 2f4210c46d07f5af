package io.asyncoracle.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.bench.probe.AllocationSites.Frame;
import io.asyncoracle.bench.probe.AllocationSites.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Samples are given to the first frame outside the JDK, and shares become bytes per call. */
class AllocationSitesTest {

  private static final Frame CF_NODE = new Frame("java.util.concurrent.CompletableFuture", "uniApplyStage", 640);
  private static final Frame SESSION = new Frame("io.asyncoracle.internal.Session", "run", 120);
  private static final Frame H2_ROW = new Frame("org.h2.result.ResultRemote", "fetchRows", 300);
  private static final Frame CALLERS = new Frame("io.asyncoracle.bench.run.Callers$Futures", "loop", 150);

  @Test
  void aJdkAllocationBelongsToTheCodeThatAskedForItAndADriverAllocationNamesAsyncOraclesCall() {
    AllocationSites sites = new AllocationSites();
    // 600 bytes: a CompletableFuture node async-oracle's Session asked for (the JDK allocated it).
    sites.add(new Sample(600, "java.util.concurrent.CompletableFuture$UniApply", List.of(CF_NODE, SESSION, CALLERS)));
    // 300 bytes: a row H2 built, reached from the same Session frame.
    sites.add(new Sample(300, "java.lang.Object[]", List.of(H2_ROW, SESSION, CALLERS)));
    // 100 bytes: the harness's own.
    sites.add(new Sample(100, "java.lang.Long", List.of(CALLERS)));

    assertThat(sites.totalBytes()).isEqualTo(1_000);
    assertThat(sites.byOwner()).containsExactly(java.util.Map.entry("async-oracle", 600L),
        java.util.Map.entry("H2 driver", 300L), java.util.Map.entry("harness", 100L));
    assertThat(sites.sites()).first().satisfies(s -> {
      assertThat(s.owner()).isEqualTo("async-oracle");
      assertThat(s.responsible()).isEqualTo(SESSION);
      assertThat(s.top()).isEqualTo(CF_NODE);
      assertThat(s.caller()).isNull();
    });
    assertThat(sites.sites().get(1).caller()).isEqualTo(SESSION);

    // 2,000 bytes per call measured: 60% of them are async-oracle's, 1,200 a call.
    String md = sites.markdown(2_000, 10, 10);
    assertThat(md).contains("| async-oracle | 1,200 | 60.0% |", "| H2 driver | 600 | 30.0% |", "| harness | 200 | 10.0% |",
        "| 1,200 | 60.0% | `java.util.concurrent.CompletableFuture$UniApply` | `Session.run:120` | "
            + "`CompletableFuture.uniApplyStage:640` |",
        "| 600 | 30.0% | H2 driver | `java.lang.Object[]` | `ResultRemote.fetchRows:300` |  | `Session.run:120` |");
  }

  @Test
  void ownersFollowThePackage() {
    assertThat(AllocationSites.owner("io.asyncoracle.internal.Engine")).isEqualTo("async-oracle");
    assertThat(AllocationSites.owner("io.asyncoracle.bench.run.Tally")).isEqualTo("harness");
    assertThat(AllocationSites.owner("com.zaxxer.hikari.pool.HikariPool")).isEqualTo("HikariCP");
    assertThat(AllocationSites.owner("oracle.ucp.jdbc.PoolDataSourceImpl")).isEqualTo("UCP");
    assertThat(AllocationSites.owner("java.util.ArrayList")).isEqualTo("JDK");
    assertThat(AllocationSites.owner("com.example.Thing")).isEqualTo("com.example");
    assertThat(AllocationSites.owner("[B")).isEqualTo("JDK");
    assertThat(AllocationSites.owner("[[Lorg.h2.value.Value;")).isEqualTo("H2 driver");
    assertThat(AllocationSites.owner("[Lio.asyncoracle.internal.Lane;")).isEqualTo("async-oracle");
  }
}
