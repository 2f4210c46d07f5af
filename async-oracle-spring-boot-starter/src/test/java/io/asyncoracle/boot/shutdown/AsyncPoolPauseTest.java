package io.asyncoracle.boot.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A context that is paused (Spring Framework 7's test context cache does it to contexts it is not
 * using) or stopped and started again (what a checkpoint and restore do) keeps its pool: stopping
 * suspends it, so no connection stays open, starting resumes it, and only closing the context
 * closes the pool.
 */
class AsyncPoolPauseTest {

  private static final Duration BOUND = Duration.ofSeconds(30);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class, LifecycleAutoConfiguration.class))
      .withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.min=2", "async-oracle.max=3");

  private static int query(AsyncOracleTemplate template, int value) throws Exception {
    return template.queryForObject("select ? from dual", Integer.class, value).get(BOUND.toSeconds(), TimeUnit.SECONDS);
  }

  /** Sessions open on the pool's H2 database, other than the one asking. */
  private static int openSessions(AsyncPool pool) throws Exception {
    PoolOptions options = pool.options();
    try (Connection watcher = DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
        Statement s = watcher.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from information_schema.sessions where session_id <> session_id()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void aPausedContextKeepsItsPoolAndItWorksAfterTheRestart() {
    runner.run(context -> {
      AsyncPool pool = context.getBean(AsyncPool.class);
      AsyncOracleTemplate template = context.getBean(AsyncOracleTemplate.class);
      assertThat(query(template, 1)).isEqualTo(1);

      context.pause();
      assertThat(pool.isClosed()).as("closed by a pause").isFalse();
      assertThat(context.getBean(AsyncPoolLifecycle.class).isRunning()).isFalse();
      assertThat(openSessions(pool)).as("connections left open while paused").isZero();

      context.restart();
      assertThat(context.getBean(AsyncPoolLifecycle.class).isRunning()).isTrue();
      assertThat(query(template, 2)).isEqualTo(2);
      // And again, as the cache switches back and forth between contexts.
      context.pause();
      context.restart();
      assertThat(query(template, 3)).isEqualTo(3);
    });
  }

  @Test
  void workSubmittedWhilePausedRunsAfterTheRestart() {
    runner.run(context -> {
      AsyncOracleTemplate template = context.getBean(AsyncOracleTemplate.class);
      assertThat(query(template, 1)).isEqualTo(1);
      context.pause();
      CompletableFuture<Integer> submitted = template.queryForObject("select 9 from dual", Integer.class);
      Thread.sleep(100);
      assertThat(submitted).isNotDone();
      context.restart();
      assertThat(submitted.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo(9);
    });
  }

  @Test
  void aCheckpointStyleStopAndStartClosesEveryConnectionAndReopens() {
    runner.run(context -> {
      AsyncPool pool = context.getBean(AsyncPool.class);
      AsyncOracleTemplate template = context.getBean(AsyncOracleTemplate.class);
      assertThat(query(template, 1)).isEqualTo(1);
      assertThat(openSessions(pool)).isPositive();

      // What Spring's checkpoint support does before a checkpoint (stop every bean) and after a
      // restore (start them again): no socket to the database may survive it.
      context.stop();
      assertThat(pool.isClosed()).isFalse();
      assertThat(pool.isSuspended()).isTrue();
      assertThat(openSessions(pool)).isZero();

      context.start();
      assertThat(pool.isSuspended()).isFalse();
      assertThat(query(template, 4)).isEqualTo(4);
    });
  }

  @Test
  void closingTheContextClosesThePoolEvenAfterAPause() {
    runner.run(context -> {
      AsyncPool pool = context.getBean(AsyncPool.class);
      context.pause();
      context.restart();
      context.close();
      assertThat(pool.isClosed()).isTrue();
    });
    runner.run(context -> {
      AsyncPool pool = context.getBean(AsyncPool.class);
      context.pause();
      // Closed while paused: the lifecycle is not running, so the destroy backstop closes it.
      context.close();
      assertThat(pool.isClosed()).isTrue();
    });
  }
}
