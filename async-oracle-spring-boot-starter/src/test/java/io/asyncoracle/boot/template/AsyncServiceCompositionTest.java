package io.asyncoracle.boot.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * An {@code @Async} service that composes template calls, as an application would write it.
 *
 * <p>Spring's {@code AsyncExecutionInterceptor} runs the method on its executor and then waits for
 * the returned future on that executor thread ({@code Future.get()}). The template never needs that
 * thread to complete its futures, so even a one-thread {@code @Async} executor serving many
 * concurrent calls cannot deadlock. Which thread runs the composed steps is not part of that
 * contract: the executor's own thread when a step's future is already complete as it is chained,
 * otherwise whichever thread completes it. Each step sees the MDC of its call either way.
 */
class AsyncServiceCompositionTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class))
      .withUserConfiguration(AsyncConfiguration.class)
      .withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.max=2");

  @Test
  void asyncMethodsComposeTemplateCallsWithoutDeadlockOnAOneThreadExecutor() {
    runner.run(context -> {
      AsyncOracleTemplate template = context.getBean(AsyncOracleTemplate.class);
      template.update("create table wallets (id number primary key, balance number(12,2) not null)").join();
      template.batchUpdate("insert into wallets values (:id, :balance)", new Map[] {
          Map.of("id", 1, "balance", 1000), Map.of("id", 2, "balance", 0)}).join();
      TransferService service = context.getBean(TransferService.class);

      List<CompletableFuture<BigDecimal>> transfers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        transfers.add(service.transfer(1, 2, new BigDecimal("10"), "req-" + i));
      }
      assertThat(CompletableFuture.allOf(transfers.toArray(CompletableFuture[]::new)))
          .as("eight transfers on a one-thread executor").succeedsWithin(Duration.ofSeconds(30));

      assertThat(template.queryForObject("select balance from wallets where id = 2", BigDecimal.class).join())
          .isEqualByComparingTo("80");
      assertThat(template.queryForObject("select balance from wallets where id = 1", BigDecimal.class).join())
          .isEqualByComparingTo("920");
      // Each composed step saw the MDC its own @Async call set, whichever thread ran it.
      assertThat(service.mdcSeen()).containsExactlyInAnyOrder(
          "req-0", "req-1", "req-2", "req-3", "req-4", "req-5", "req-6", "req-7");
    });
  }

  @Test
  void aFailedTransferRollsBackAndFailsTheAsyncFuture() {
    runner.run(context -> {
      AsyncOracleTemplate template = context.getBean(AsyncOracleTemplate.class);
      template.update("create table wallets (id number primary key, balance number(12,2) not null"
          + " check (balance >= 0))").join();
      template.update("insert into wallets values (1, 5)").join();
      template.update("insert into wallets values (2, 0)").join();
      CompletableFuture<BigDecimal> overdraft = context.getBean(TransferService.class)
          .transfer(1, 2, new BigDecimal("50"), "req-over");
      assertThat(overdraft).failsWithin(Duration.ofSeconds(30))
          .withThrowableThat().havingCause().isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
      assertThat(template.queryForObject("select balance from wallets where id = 2", BigDecimal.class).join())
          .isEqualByComparingTo("0");
    });
  }

  /** Moves money between wallets in one transaction, then reads the new balance. */
  static class TransferService {
    private final AsyncOracleTemplate template;
    final Set<String> mdcSeen = ConcurrentHashMap.newKeySet();

    TransferService(AsyncOracleTemplate template) {
      this.template = template;
    }

    /** @return the MDC values the composed steps saw (a method: the bean is an {@code @Async} proxy) */
    public Set<String> mdcSeen() {
      return mdcSeen;
    }

    @Async
    public CompletableFuture<BigDecimal> transfer(int from, int to, BigDecimal amount, String requestId) {
      MDC.put("requestId", requestId);
      try {
        return template.inTransaction(tx ->
                tx.update("update wallets set balance = balance + :amount where id = :id",
                        Map.of("amount", amount, "id", to))
                    .thenCompose(n -> tx.update("update wallets set balance = balance - ? where id = ?", amount, from)))
            .thenCompose(n -> template.queryForObject("select balance from wallets where id = ?", BigDecimal.class, to))
            .thenApply(balance -> {
              mdcSeen.add(String.valueOf(MDC.get("requestId")));
              return balance;
            });
      } finally {
        MDC.remove("requestId");
      }
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAsync
  static class AsyncConfiguration {
    @Bean
    ThreadPoolTaskExecutor taskExecutor() {
      ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
      executor.setCorePoolSize(1);
      executor.setMaxPoolSize(1);
      executor.setThreadNamePrefix("async-service-");
      return executor;
    }

    @Bean
    TransferService transferService(AsyncOracleTemplate template) {
      return new TransferService(template);
    }
  }
}
