package io.asyncoracle.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.bench.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchmarkSettingsTest {

  @Test
  void defaultsGiveEveryContenderThePoolSizeAsCallers() {
    BenchmarkSettings s = BenchmarkSettings.parse();

    assertThat(s.poolSize()).isEqualTo(8);
    assertThat(s.callers()).isEqualTo(s.poolSize());
    assertThat(s.crowd()).isEqualTo(10_000);
    assertThat(s.workloads()).containsExactly(Workload.values());
    assertThat(s.oracle()).isFalse();
  }

  @Test
  void parsesOptions() {
    BenchmarkSettings s = BenchmarkSettings.parse("--pool=4", "--callers=16", "--crowd=1_000", "--reps=5",
        "--window=900", "--workloads=fast_query,latency-bound", "--contenders=async-oracle", "--diagnostics=false",
        "--out=/tmp/x", "--oracle-url=jdbc:oracle:thin:@//h:1521/s", "--oracle-user=u", "--oracle-password=p");

    assertThat(s.poolSize()).isEqualTo(4);
    assertThat(s.callers()).isEqualTo(16);
    assertThat(s.crowd()).isEqualTo(1000);
    assertThat(s.reps()).isEqualTo(5);
    assertThat(s.window()).isEqualTo(Duration.ofMillis(900));
    assertThat(s.workloads()).containsExactly(Workload.FAST_QUERY, Workload.LATENCY_BOUND);
    assertThat(s.contenders()).containsExactly("async-oracle");
    assertThat(s.diagnostics()).isFalse();
    assertThat(s.outputDirectory()).isEqualTo(Path.of("/tmp/x"));
    assertThat(s.oracle()).isTrue();
    assertThat(s.oracleUser()).isEqualTo("u");
  }

  @Test
  void quickIsShort() {
    BenchmarkSettings s = BenchmarkSettings.parse("--quick");

    assertThat(s.window()).isLessThan(Duration.ofSeconds(1));
    assertThat(s.reps()).isEqualTo(1);
  }

  @Test
  void rejectsUnknownAndBadOptions() {
    assertThatThrownBy(() -> BenchmarkSettings.parse("--nope=1")).hasMessageContaining("unknown option --nope");
    assertThatThrownBy(() -> BenchmarkSettings.parse("--pool=0")).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> BenchmarkSettings.parse("--workloads=bogus")).hasMessageContaining("unknown workload");
    assertThatThrownBy(() -> BenchmarkSettings.parse("positional")).hasMessageContaining("unexpected argument");
  }

  @Test
  void settingsTextNeverShowsThePassword() {
    BenchmarkSettings s = BenchmarkSettings.parse("--oracle-url=jdbc:oracle:thin:@//h:1521/s",
        "--oracle-user=u", "--oracle-password=s3cret");

    assertThat(s.toString()).doesNotContain("s3cret");
  }
}
