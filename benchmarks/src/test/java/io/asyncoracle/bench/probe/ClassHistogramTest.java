package io.asyncoracle.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Histograms as {@code GC.class_histogram} prints them, differences, and counts per call. */
class ClassHistogramTest {

  private static final String BEFORE = """
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:          1000          24000  io.asyncoracle.bench.workload.Call
         2:           500          20000  io.asyncoracle.internal.Session
         3:            10            160  java.lang.Object
      Total          1510          44160
      """;

  private static final String AFTER = """
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:          3000          72000  io.asyncoracle.bench.workload.Call
         2:          2500         100000  io.asyncoracle.internal.Session
         3:          4000         128000  java.util.concurrent.CompletableFuture (java.base@25.0.3)
         4:            10            160  java.lang.Object
      Total          9510         300160
      """;

  @Test
  void theDifferenceIsWhatWasAllocatedInBetweenLargestFirst() {
    List<ClassHistogram.Entry> grown = ClassHistogram.parse(AFTER).since(ClassHistogram.parse(BEFORE));

    // java.lang.Object did not grow, so it is not listed.
    assertThat(grown).containsExactly(
        new ClassHistogram.Entry("java.util.concurrent.CompletableFuture", 4000, 128000),
        new ClassHistogram.Entry("io.asyncoracle.internal.Session", 2000, 80000),
        new ClassHistogram.Entry("io.asyncoracle.bench.workload.Call", 2000, 48000));
  }

  @Test
  void perCallFiguresAreCountedByTheClassAllocatedOncePerCall() {
    List<ClassHistogram.Entry> grown = ClassHistogram.parse(AFTER).since(ClassHistogram.parse(BEFORE));

    String md = ClassHistogram.markdown(grown, "io.asyncoracle.bench.workload.Call", 10, AllocationSites::owner);

    // 2,000 calls; 256,000 bytes in all: 128 a call.
    assertThat(md).contains("2,000 calls (instances of `io.asyncoracle.bench.workload.Call`), 128 bytes per call in all.",
        "Per owner: JDK 64, async-oracle 40, harness 24",
        "| `java.util.concurrent.CompletableFuture` | 2.00 | 64 |",
        "| `io.asyncoracle.internal.Session` | 1.00 | 40 |");
    assertThat(ClassHistogram.markdown(List.of(), "x.Call", 10, AllocationSites::owner)).contains("no calls to count by");
  }

  @Test
  void twoContendersAreComparedClassByClassPerCall() {
    List<ClassHistogram.Entry> subject = List.of(new ClassHistogram.Entry("x.Call", 100, 3_200),
        new ClassHistogram.Entry("io.asyncoracle.internal.Session", 100, 4_000),
        new ClassHistogram.Entry("java.lang.String", 200, 4_800));
    List<ClassHistogram.Entry> peer = List.of(new ClassHistogram.Entry("x.Call", 50, 1_600),
        new ClassHistogram.Entry("java.lang.String", 100, 2_400),
        new ClassHistogram.Entry("com.zaxxer.hikari.pool.HikariProxyConnection", 50, 2_800));

    String md = ClassHistogram.difference("async-oracle", subject, "HikariCP", peer, "x.Call", 8);

    // Per call: 120 against 136 bytes; Session +40, the proxy -56, String and Call equal (left out).
    assertThat(md).startsWith("async-oracle 120 bytes per call, HikariCP 136: -16.")
        .contains("| `io.asyncoracle.internal.Session` | 1.00 | 40 | 0.00 | 0 | +40 |",
            "| `com.zaxxer.hikari.pool.HikariProxyConnection` | 0.00 | 0 | 1.00 | 56 | -56 |")
        .doesNotContain("java.lang.String");
    assertThat(md.indexOf("Session")).isLessThan(md.indexOf("HikariProxyConnection"));
  }

  @Test
  void fillerObjectsAreNoAllocationOfAnyone() {
    ClassHistogram h = ClassHistogram.parse("   1:   5   400  [Ljdk.internal.vm.FillerElement; (java.base@25)\n"
        + "   2:   1   16  java.lang.Object (java.base@25)\n");

    assertThat(h.since(ClassHistogram.parse(""))).containsExactly(new ClassHistogram.Entry("java.lang.Object", 1, 16));
  }
}
