package io.asyncoracle.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.GetMode;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.SessionCallback;
import io.asyncoracle.boot.FailureReports;
import io.asyncoracle.boot.TestDatabases;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The python-oracledb pool options as {@code async-oracle.*} properties, and the pool hooks as beans. */
class PoolModePropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class));

  @Test
  void bindsThePythonPoolOptions() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.get-mode=timedwait",
        "async-oracle.wait-timeout=750ms", "async-oracle.increment=3", "async-oracle.ping-interval=60s",
        "async-oracle.ping-timeout=2s", "async-oracle.inactive-timeout=45s", "async-oracle.max-lifetime=1h")
        .run(context -> {
          PoolOptions options = context.getBean(AsyncPool.class).options();
          assertThat(options.getMode()).isEqualTo(GetMode.TIMEDWAIT);
          assertThat(options.waitTimeout()).isEqualTo(Duration.ofMillis(750));
          assertThat(options.increment()).isEqualTo(3);
          assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(60));
          assertThat(options.pingTimeout()).isEqualTo(Duration.ofSeconds(2));
          assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(45));
          assertThat(options.maxLifetimeSession()).isEqualTo(Duration.ofHours(1));
        });
  }

  @Test
  void defaultsMatchTheCore() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl()).run(context -> {
      PoolOptions options = context.getBean(AsyncPool.class).options();
      PoolOptions core = PoolOptions.builder().url(TestDatabases.memUrl()).build();
      assertThat(options.getMode()).isEqualTo(core.getMode());
      assertThat(options.waitTimeout()).isEqualTo(core.waitTimeout());
      assertThat(options.increment()).isEqualTo(core.increment());
      assertThat(options.pingInterval()).isEqualTo(core.pingInterval());
      assertThat(options.pingTimeout()).isEqualTo(core.pingTimeout());
      assertThat(options.sessionCallback()).isNull();
      assertThat(options.onConnect()).isNull();
    });
  }

  @Test
  void aNegativePingIntervalTurnsTheChecksOffAndASetOneWinsOverValidateOnBorrow() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.ping-interval=-1s")
        .run(context -> assertThat(context.getBean(AsyncPool.class).options().validateOnBorrow()).isFalse());
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.validate-on-borrow=false",
        "async-oracle.ping-interval=2s").run(context -> {
          PoolOptions options = context.getBean(AsyncPool.class).options();
          assertThat(options.validateOnBorrow()).isTrue();
          assertThat(options.aliveBypass()).isEqualTo(Duration.ofSeconds(2));
        });
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.validate-on-borrow=false")
        .run(context -> assertThat(context.getBean(AsyncPool.class).options().validateOnBorrow()).isFalse());
  }

  @Test
  void forceGetFromPropertiesOpensBeyondMax() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.max=1",
        "async-oracle.get-mode=forceget").run(context -> {
          AsyncPool pool = context.getBean(AsyncPool.class);
          AsyncConnection first = pool.acquire().get(30, TimeUnit.SECONDS);
          AsyncConnection second = pool.acquire().get(30, TimeUnit.SECONDS);
          assertThat(pool.stats().beyondMax()).isEqualTo(1);
          second.close().get(30, TimeUnit.SECONDS);
          first.close().get(30, TimeUnit.SECONDS);
          assertThat(pool.stats().beyondMax()).isZero();
        });
  }

  @Test
  void badValuesFailStartupNamingTheProperty() {
    assertInvalid("async-oracle.increment", "increment must not be negative",
        "async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.increment=-1");
    assertInvalid("async-oracle.wait-timeout", "must not be negative",
        "async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.wait-timeout=-5s");
    assertInvalid("async-oracle.ping-timeout", "more than zero",
        "async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.ping-timeout=0s");
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.get-mode=sometimes")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(FailureReports.analyze(context.getStartupFailure()).getDescription())
              .contains("async-oracle.get-mode");
        });
  }

  @Test
  void aSessionCallbackAndAnOnConnectBeanAreTheHooksOfThePool() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.max=1")
        .withUserConfiguration(HooksConfiguration.class).run(context -> {
          AsyncPool pool = context.getBean(AsyncPool.class);
          HooksConfiguration hooks = context.getBean(HooksConfiguration.class);
          for (int i = 0; i < 3; i++) {
            String zone = pool.withConnection(c -> c.fetchOne("select @zone from dual"))
                .get(30, TimeUnit.SECONDS).get(0, String.class);
            assertThat(zone).isEqualTo("UTC");
          }
          assertThat(hooks.connects).as("the on-connect hook runs on every lend").hasValue(3);
          assertThat(hooks.callbacks).as("the session callback once per session").hasValue(1);
          AsyncConnection tagged = pool.acquire("k=v").get(30, TimeUnit.SECONDS);
          assertThat(tagged.tag()).isEqualTo("k=v");
          tagged.close().get(30, TimeUnit.SECONDS);
          assertThat(hooks.callbacks).hasValue(2);
          assertThat(hooks.connects).hasValue(4);
        });
  }

  private void assertInvalid(String property, String reason, String... properties) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription()).contains("Property: " + property).contains(reason);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class HooksConfiguration {
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger callbacks = new AtomicInteger();

    @Bean
    AsyncConnectionInitializer utcSessions() {
      return c -> {
        connects.incrementAndGet();
        return c.execute("set @zone = 'UTC'");
      };
    }

    @Bean
    SessionCallback tagSessions() {
      return (c, tag) -> {
        callbacks.incrementAndGet();
        c.setTag(tag);
        return CompletableFuture.completedFuture(null);
      };
    }
  }
}
