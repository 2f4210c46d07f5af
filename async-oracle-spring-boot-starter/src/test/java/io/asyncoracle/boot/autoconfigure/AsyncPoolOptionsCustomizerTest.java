package io.asyncoracle.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolListener;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.VirtualThreads;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * What properties cannot say, said with beans: {@link AsyncPoolOptionsCustomizer}s in order,
 * {@code spring.threads.virtual.enabled} for the workers, and the application's
 * {@link SQLExceptionTranslator} in the template.
 */
class AsyncPoolOptionsCustomizerTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class))
      .withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.max=2");

  /** Runs callbacks on the calling thread and counts them. */
  static final class CountingExecutor implements Executor {
    final AtomicInteger tasks = new AtomicInteger();

    @Override
    public void execute(Runnable command) {
      tasks.incrementAndGet();
      command.run();
    }
  }

  /** Counts acquires. */
  static final class CountingListener implements PoolListener {
    final AtomicInteger acquires = new AtomicInteger();

    @Override
    public void onAcquire(Duration waited) {
      acquires.incrementAndGet();
    }
  }

  @Order(1)
  static final class First implements AsyncPoolOptionsCustomizer {
    @Override
    public void customize(PoolOptions.Builder builder) {
      builder.connectionProperty("applied.by", "first").connectionProperty("only.first", "yes");
    }
  }

  @Order(2)
  static final class Second implements AsyncPoolOptionsCustomizer {
    @Override
    public void customize(PoolOptions.Builder builder) {
      builder.connectionProperty("applied.by", "second");
    }
  }

  @Test
  void customizersAreAppliedInOrderAfterTheProperties() {
    runner.withPropertyValues("async-oracle.connection-properties.applied.by=properties")
        .withBean(Second.class).withBean(First.class).run(context -> {
          PoolOptions options = context.getBean(AsyncPool.class).options();
          assertThat(options.connectionProperties()).containsEntry("applied.by", "second")
              .containsEntry("only.first", "yes");
        });
  }

  @Test
  void aCustomizerSetsTheCallbackExecutorAndItIsUsed() {
    CountingExecutor callbacks = new CountingExecutor();
    runner.withBean(AsyncPoolOptionsCustomizer.class, () -> builder -> builder.callbackExecutor(callbacks))
        .run(context -> {
          AsyncPool pool = context.getBean(AsyncPool.class);
          assertThat(pool.options().callbackExecutor()).isSameAs(callbacks);
          // A dependent callback makes the pool hand the completion to the executor.
          Integer value = pool.withConnection(c -> c.fetchOne("select 5 from dual"))
              .thenApply(row -> row.get(0, Integer.class)).get(30, TimeUnit.SECONDS);
          assertThat(value).isEqualTo(5);
          assertThat(callbacks.tasks.get()).isPositive();
        });
  }

  @Test
  void aListenerFromACustomizerJoinsThePoolListenerBeans() {
    CountingListener fromBean = new CountingListener();
    CountingListener fromCustomizer = new CountingListener();
    runner.withBean("beanListener", PoolListener.class, () -> fromBean)
        .withBean(AsyncPoolOptionsCustomizer.class, () -> builder -> builder.listener(fromCustomizer))
        .run(context -> {
          context.getBean(AsyncOracleTemplate.class).queryForObject("select 1 from dual", Integer.class)
              .get(30, TimeUnit.SECONDS);
          assertThat(fromBean.acquires.get()).isPositive();
          assertThat(fromCustomizer.acquires.get()).isPositive();
        });
  }

  @Test
  void autoWorkersFollowSpringVirtualThreads() {
    boolean jvmHasVirtualThreads = Runtime.version().feature() >= 21;
    runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context ->
        assertThat(context.getBean(AsyncPool.class).options().virtualThreads())
            .isEqualTo(jvmHasVirtualThreads ? VirtualThreads.ENABLED : VirtualThreads.AUTO));
    runner.withPropertyValues("spring.threads.virtual.enabled=true", "async-oracle.virtual-threads=false")
        .run(context -> assertThat(context.getBean(AsyncPool.class).options().virtualThreads())
            .isEqualTo(VirtualThreads.DISABLED));
    runner.run(context -> assertThat(context.getBean(AsyncPool.class).options().virtualThreads())
        .isEqualTo(VirtualThreads.AUTO));
  }

  @Test
  void aUniqueSqlExceptionTranslatorBeanTranslatesTheTemplatesErrors() {
    SQLExceptionTranslator mine = (task, sql, ex) -> new PermissionDeniedDataAccessException("mine: " + task, ex);
    runner.withBean(SQLExceptionTranslator.class, () -> mine).run(context -> {
      AsyncOracleTemplate template = context.getBean(AsyncOracleTemplate.class);
      Throwable failure = failureOf(template.queryForObject("select * from no_such_table", Integer.class));
      assertThat(failure).isInstanceOf(PermissionDeniedDataAccessException.class).hasMessageContaining("mine");
    });
    // Two translators: none is unique, the database's error codes are used.
    runner.withBean("one", SQLExceptionTranslator.class, () -> mine)
        .withBean("two", SQLExceptionTranslator.class, () -> mine).run(context -> {
          Throwable failure = failureOf(context.getBean(AsyncOracleTemplate.class)
              .queryForObject("select * from no_such_table", Integer.class));
          assertThat(failure).isInstanceOf(DataAccessException.class)
              .isNotInstanceOf(PermissionDeniedDataAccessException.class);
        });
  }

  private static Throwable failureOf(java.util.concurrent.CompletableFuture<?> future) throws Exception {
    try {
      future.get(30, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
