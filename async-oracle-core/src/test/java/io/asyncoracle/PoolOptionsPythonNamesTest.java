package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The python-oracledb pool options in {@link PoolOptions}: defaults, checks and the names shared with ours. */
class PoolOptionsPythonNamesTest {

  private static PoolOptions.Builder base() {
    return PoolOptions.builder().url("jdbc:h2:mem:names");
  }

  @Test
  void defaultsAreThoseOfPythonOracledbWhereTheyApply() {
    PoolOptions o = base().build();
    assertThat(o.getMode()).isEqualTo(GetMode.WAIT);
    assertThat(o.waitTimeout()).isZero();
    assertThat(o.increment()).isEqualTo(1);
    assertThat(o.pingTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.timeout()).isZero();
    assertThat(o.maxLifetimeSession()).isZero();
    assertThat(o.sessionCallback()).isNull();
    assertThat(o.onConnect()).isNull();
    // Our alive-bypass window, not python-oracledb's 60 s (see pingInterval's Javadoc).
    assertThat(o.pingInterval()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void pythonNamesSetTheSameSettingsAsOurs() {
    PoolOptions o = base().pingInterval(Duration.ofSeconds(60)).timeout(Duration.ofSeconds(30))
        .maxLifetimeSession(Duration.ofHours(2)).build();
    assertThat(o.aliveBypass()).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.validateOnBorrow()).isTrue();
    assertThat(o.inactiveTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.maxLifetime()).isEqualTo(Duration.ofHours(2));

    PoolOptions off = base().pingInterval(Duration.ofSeconds(-1)).build();
    assertThat(off.validateOnBorrow()).isFalse();
    assertThat(off.pingInterval()).isNegative();
  }

  @Test
  void everyNewOptionIsCopiedByToBuilder() {
    SessionCallback callback = (c, tag) -> CompletableFuture.completedFuture(null);
    java.util.function.Function<AsyncConnection, CompletableFuture<Void>> hook = c -> CompletableFuture.completedFuture(null);
    PoolOptions o = base().getMode(GetMode.TIMEDWAIT).waitTimeout(Duration.ofMillis(250)).increment(4)
        .pingTimeout(Duration.ofMillis(900)).sessionCallback(callback).onConnect(hook).build();
    PoolOptions copy = o.toBuilder().build();
    assertThat(copy.getMode()).isEqualTo(GetMode.TIMEDWAIT);
    assertThat(copy.waitTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(copy.increment()).isEqualTo(4);
    assertThat(copy.pingTimeout()).isEqualTo(Duration.ofMillis(900));
    assertThat(copy.sessionCallback()).isSameAs(callback);
    assertThat(copy.onConnect()).isSameAs(hook);
    assertThat(o.toString()).contains("getMode=TIMEDWAIT", "waitTimeout=PT0.25S", "increment=4");
  }

  @Test
  void anIncrementOfZeroIsOneWhenThePoolCanGrowAndStaysZeroWhenMinEqualsMax() {
    // python-oracledb's tests 5519 and 5520.
    assertThat(base().min(1).max(4).increment(0).build().increment()).isEqualTo(1);
    assertThat(base().min(2).max(2).increment(0).build().increment()).isZero();
    assertThat(base().min(2).max(2).increment(0).build().toBuilder().max(3).build().increment())
        .as("a copy that can grow is normalised again").isEqualTo(1);

    AsyncPool fixed = TestFutures.await(AsyncOracle.createPool(TestDatabases.options().min(2).max(2).increment(0)
        .build()));
    try {
      AsyncConnection first = TestFutures.await(fixed.acquire());
      AsyncConnection second = TestFutures.await(fixed.acquire());
      assertThat(TestFutures.await(second.fetchOne("select 1 from dual")).get(0, Integer.class)).isEqualTo(1);
      assertThat(fixed.options().increment()).isZero();
      TestFutures.await(first.close());
      TestFutures.await(second.close());
    } finally {
      TestFutures.await(fixed.close(true, true));
    }
  }

  @Test
  void badValuesNameTheOption() {
    assertThatThrownBy(() -> base().increment(-1).build())
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("increment"));
    assertThatThrownBy(() -> base().getMode(null).build())
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("getMode"));
    assertThatThrownBy(() -> base().waitTimeout(Duration.ofMillis(-1)).build())
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("waitTimeout"));
    assertThatThrownBy(() -> base().pingTimeout(Duration.ZERO).build())
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("pingTimeout"));
    assertThatThrownBy(() -> base().pingInterval(null))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("pingInterval"));
    assertThatThrownBy(() -> base().timeout(Duration.ofSeconds(-1)).build())
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("inactiveTimeout"));
  }

  @Test
  void poolStatsKeepsItsSixValueConstructor() {
    PoolStats stats = new PoolStats(3, 1, 2, 0, 1, 4);
    assertThat(stats.beyondMax()).isZero();
    assertThat(stats.toString()).doesNotContain("beyondMax");
  }
}
