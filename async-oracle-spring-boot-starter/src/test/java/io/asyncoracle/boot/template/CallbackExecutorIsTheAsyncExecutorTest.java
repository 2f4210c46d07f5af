package io.asyncoracle.boot.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.Eventually;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.autoconfigure.AsyncPoolOptionsCustomizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The README's {@code callbacksOnOurExecutor} set-up: one executor of 8 threads is both the
 * {@code @Async} executor and the pool's callback executor, and 8 concurrent {@code @Async} methods
 * return template futures. Spring blocks each of the 8 threads on the future its method returned,
 * so nothing may wait for that executor: not the release of the connections, not the completion of
 * the futures the threads wait for.
 */
class CallbackExecutorIsTheAsyncExecutorTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class))
      .withUserConfiguration(SharedExecutorConfiguration.class)
      .withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.max=8");

  @Test
  void eightAsyncCallsOnEightThreadsThatAreAlsoTheCallbackExecutorComplete() {
    runner.run(context -> {
      SlowQueries service = context.getBean(SlowQueries.class);
      List<CompletableFuture<Long>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(service.count());
      }
      assertThat(CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)))
          .succeedsWithin(Duration.ofSeconds(30));
      AsyncPool pool = context.getBean(AsyncPool.class);
      Eventually.holds(Duration.ofSeconds(20), () -> pool.stats().busy() == 0, "every connection back");
    });
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAsync
  static class SharedExecutorConfiguration {

    @Bean
    ThreadPoolTaskExecutor applicationTaskExecutor() {
      ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
      executor.setCorePoolSize(8);
      executor.setMaxPoolSize(8);
      executor.setThreadNamePrefix("app-");
      executor.initialize();
      return executor;
    }

    @Bean
    AsyncPoolOptionsCustomizer callbacksOnOurExecutor(Executor applicationTaskExecutor) {
      return builder -> builder.callbackExecutor(applicationTaskExecutor);
    }

    @Bean
    SlowQueries slowQueries(AsyncOracleTemplate template) {
      return new SlowQueries(template);
    }
  }

  static class SlowQueries {
    private final AsyncOracleTemplate template;

    SlowQueries(AsyncOracleTemplate template) {
      this.template = template;
    }

    @Async
    public CompletableFuture<Long> count() {
      return template.queryForObject("select count(*) from system_range(1, 300000)", Long.class);
    }
  }
}
