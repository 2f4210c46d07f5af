package io.asyncoracle.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.health.AsyncOracleHealthIndicator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AsyncOracleHealthAutoConfigurationTest {

  /** Generous bound for "returns, does not hang": far above the health timeouts used here. */
  private static final Duration NO_HANG = Duration.ofSeconds(15);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class,
          AsyncOracleHealthAutoConfiguration.class));

  @Test
  void registersTheIndicator() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl())
        .run(context -> assertThat(context).hasSingleBean(AsyncOracleHealthIndicator.class)
            .hasBean("async-oracleHealthIndicator"));
  }

  @Test
  void theContributorIsNamedAsItsSwitch() {
    // Boot names a contributor after its bean minus the HealthIndicator suffix: the name users
    // put in management.endpoint.health.group.readiness.include, and the one the switch uses.
    runner.withConfiguration(AutoConfigurations.of(
            org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration.class))
        .withPropertyValues("async-oracle.url=" + TestDatabases.memUrl())
        .run(context -> {
          org.springframework.boot.health.registry.HealthContributorRegistry registry =
              context.getBean(org.springframework.boot.health.registry.HealthContributorRegistry.class);
          assertThat(registry.getContributor("async-oracle")).isInstanceOf(AsyncOracleHealthIndicator.class);
          assertThat(registry.getContributor("asyncOracle")).isNull();
        });
  }

  @Test
  void theUrlIsShownOnlyWhenAskedFor() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl()).run(context -> {
      Health health = context.getBean(AsyncOracleHealthIndicator.class).health();
      assertThat(health.getDetails()).doesNotContainKey("url").containsEntry("database", "H2");
      assertThat(health.toString()).doesNotContain("jdbc:h2");
    });
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.health.show-url=true")
        .run(context -> assertThat(context.getBean(AsyncOracleHealthIndicator.class).health().getDetails())
            .containsKey("url").containsEntry("database", "H2"));
  }

  @Test
  void severalPoolsGiveACompositeWithOneIndicatorPerPoolBean() {
    Server replicaServer = startServer();
    try {
      runner.withBean("primaryPool", AsyncPool.class, () -> pool(TestDatabases.memUrl(), "health-primary"),
              bd -> bd.setDestroyMethodName(""))
          .withBean("replicaPool", AsyncPool.class, () -> pool(TestDatabases.tcpUrl(replicaServer), "health-replica"),
              bd -> bd.setDestroyMethodName(""))
          .run(context -> {
            assertThat(context).hasNotFailed().hasBean("async-oracleHealthIndicator");
            CompositeHealthContributor composite = context.getBean("async-oracleHealthIndicator",
                CompositeHealthContributor.class);
            HealthIndicator primary = (HealthIndicator) composite.getContributor("primaryPool");
            HealthIndicator replica = (HealthIndicator) composite.getContributor("replicaPool");
            assertThat(primary.health().getStatus()).isEqualTo(Status.UP);
            assertThat(replica.health().getStatus()).isEqualTo(Status.UP);
            assertThat(composite.stream().map(c -> c.name())).containsExactlyInAnyOrder("primaryPool", "replicaPool");
            // Each indicator checks its own pool: the replica going away shows on the replica only.
            replicaServer.stop();
            assertTimeoutPreemptively(NO_HANG, () -> assertThat(replica.health().getStatus()).isEqualTo(Status.DOWN));
            assertThat(primary.health().getStatus()).isEqualTo(Status.UP);
          });
    } finally {
      replicaServer.stop();
    }
  }

  private static Server startServer() {
    try {
      return TestDatabases.startTcpServer();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AsyncPool pool(String url, String name) {
    return io.asyncoracle.AsyncOracle.createPool(io.asyncoracle.PoolOptions.builder().url(url).poolName(name)
        .acquireTimeout(Duration.ofSeconds(2)).build()).join();
  }

  @Test
  void canBeDisabled() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "management.health.async-oracle.enabled=false")
        .run(context -> assertThat(context).hasSingleBean(AsyncPool.class)
            .doesNotHaveBean(AsyncOracleHealthIndicator.class));
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "management.health.defaults.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(AsyncOracleHealthIndicator.class));
  }

  @Test
  void backsOffWithoutSpringBootHealth() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl())
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).hasSingleBean(AsyncPool.class)
            .doesNotHaveBean(AsyncOracleHealthIndicator.class));
  }

  @Test
  void backsOffForTheApplicationsOwnIndicator() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl())
        .withBean("asyncOracleHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
        .run(context -> assertThat(context).doesNotHaveBean(AsyncOracleHealthIndicator.class));
  }

  @Test
  void upWithPoolStateAndNoSecrets() {
    String url = TestDatabases.memUrl() + ";USER=app;PASSWORD=Top-Secret-1";
    runner.withPropertyValues("async-oracle.url=" + url, "async-oracle.password=Top-Secret-1",
        "async-oracle.health.show-url=true", "async-oracle.pool-name=health-up", "async-oracle.min=1", "async-oracle.max=3").run(context -> {
          Health health = context.getBean(AsyncOracleHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsEntry("pool", "health-up").containsEntry("max", 3)
              .containsEntry("min", 1).containsEntry("busy", 0).containsEntry("waiting", 0)
              .containsKeys("opened", "idle");
          assertThat((String) health.getDetails().get("ping")).startsWith("ok in ");
          assertThat((String) health.getDetails().get("url")).contains("PASSWORD=***");
          assertThat(health.toString()).doesNotContain("Top-Secret-1");
          // The check gave its connection back.
          assertThat(context.getBean(AsyncPool.class).stats().busy()).isZero();
        });
  }

  @Test
  void downWithTheReasonWhenTheDatabaseStops() throws Exception {
    Server server = TestDatabases.startTcpServer();
    try {
      runner.withPropertyValues("async-oracle.url=" + TestDatabases.tcpUrl(server), "async-oracle.health.timeout=3s",
          // With the database gone, UCP retries a borrow until the acquire timeout: keep it short.
          "async-oracle.acquire-timeout=2s")
          .run(context -> {
            AsyncOracleHealthIndicator indicator = context.getBean(AsyncOracleHealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            server.stop();
            Health down = assertTimeoutPreemptively(NO_HANG, () -> indicator.health());
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat((String) down.getDetails().get("ping")).isNotBlank().doesNotContain("ok in");
          });
    } finally {
      server.stop();
    }
  }

  @Test
  void downWhenTheDatabaseWasNeverReachable() {
    String url = "jdbc:h2:tcp://localhost:" + TestDatabases.freePort() + "/mem:none;MODE=Oracle";
    // UCP takes 1.3 to 2.3 s to give up on a refused connection here: both timeouts leave it room,
    // so the refusal, not a timeout, is what the check reports.
    runner.withPropertyValues("async-oracle.url=" + url, "async-oracle.fail-fast=false",
        "async-oracle.acquire-timeout=10s", "async-oracle.health.timeout=10s").run(context -> {
      Health health = assertTimeoutPreemptively(NO_HANG, () -> context.getBean(AsyncOracleHealthIndicator.class).health());
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat((String) health.getDetails().get("ping")).contains("Connection refused");
    });
  }

  @Test
  void neverHangsWhenTheDatabaseDoesNotAnswer() throws Exception {
    // A listener that accepts connections and never says a word: the driver's handshake blocks.
    try (ServerSocket silent = new ServerSocket(0)) {
      List<Socket> accepted = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "jdbc:h2:tcp://localhost:" + silent.getLocalPort() + "/mem:silent;MODE=Oracle";
      runner.withPropertyValues("async-oracle.url=" + url, "async-oracle.fail-fast=false",
          "async-oracle.health.timeout=500ms").run(context -> {
            Health health = assertTimeoutPreemptively(NO_HANG,
                () -> context.getBean(AsyncOracleHealthIndicator.class).health());
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat((String) health.getDetails().get("ping")).contains("no connection within 500 ms");
            silent.close();
            for (Socket s : accepted) {
              s.close();
            }
          });
    }
  }

  @Test
  void anExhaustedPoolIsReportedWithoutBorrowingOrWaiting() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.max=1",
        "async-oracle.health.timeout=10s").run(context -> {
          AsyncPool pool = context.getBean(AsyncPool.class);
          AsyncOracleHealthIndicator indicator = context.getBean(AsyncOracleHealthIndicator.class);
          assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

          AsyncConnection held = pool.acquire().join();
          CompletableFuture<AsyncConnection> queued = pool.acquire();
          Health health = assertTimeoutPreemptively(NO_HANG, () -> indicator.health());
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsEntry("busy", 1).containsEntry("waiting", 1)
              .containsEntry("ping", "skipped: pool saturated").containsKey("lastLentOrValidatedAt");

          // The health check took nothing: the application's waiter gets the connection next.
          held.close().join();
          queued.get(10, java.util.concurrent.TimeUnit.SECONDS).close().join();
          assertThat(pool.stats().busy()).isZero();
        });
  }
}
