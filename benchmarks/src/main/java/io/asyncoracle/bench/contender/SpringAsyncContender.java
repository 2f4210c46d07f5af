package io.asyncoracle.bench.contender;

import com.zaxxer.hikari.HikariDataSource;
import io.asyncoracle.bench.workload.Call;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.sql.DataSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Contender 4: a Spring bean whose {@code @Async} method runs {@link JdbcTemplate} on a
 * {@link ThreadPoolTaskExecutor} configured as Spring Boot configures its default one (8 core
 * threads, unbounded queue), over a HikariCP pool. Inserts run in a {@link TransactionTemplate}, as
 * a {@code @Transactional} method would.
 */
public final class SpringAsyncContender implements Contender {

  @Override
  public String name() {
    return "JdbcTemplate + @Async";
  }

  /** A peer: one of the asynchronous ways applications reach a database today. */
  @Override
  public boolean peer() {
    return true;
  }

  @Override
  public String setup() {
    return "Spring @Async bean on ThreadPoolTaskExecutor with Spring Boot's defaults (8 core threads, unbounded queue), "
        + "JdbcTemplate (+ TransactionTemplate for inserts) on HikariCP as contender 3";
  }

  @Override
  public Client open(ContenderContext context) {
    AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
    spring.registerBean(ContenderContext.class, () -> context);
    spring.register(SpringConfiguration.class);
    spring.refresh();
    Repository repository = spring.getBean(Repository.class);
    return new AsyncClient() {
      @Override
      public CompletionStage<Object> execute(Call call) {
        return repository.execute(call);
      }

      @Override
      public void close() {
        spring.close();
      }
    };
  }

  /** The application context: what Spring Boot's auto-configuration would have defined. */
  @Configuration(proxyBeanMethods = false)
  @EnableAsync
  public static class SpringConfiguration {

    /**
     * Boot's default application task executor ({@code spring.task.execution.*} defaults).
     *
     * @return the executor
     */
    @Bean
    public ThreadPoolTaskExecutor taskExecutor() {
      ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
      executor.setCorePoolSize(8);
      executor.setMaxPoolSize(Integer.MAX_VALUE);
      executor.setQueueCapacity(Integer.MAX_VALUE);
      executor.setKeepAliveSeconds(60);
      executor.setAllowCoreThreadTimeOut(true);
      executor.setThreadNamePrefix("task-");
      return executor;
    }

    /**
     * The HikariCP pool.
     *
     * @param context the benchmark settings
     * @return the data source
     */
    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(ContenderContext context) {
      return HikariFuturesContender.hikari(context, "bench-spring");
    }

    /**
     * The repository with the {@code @Async} method.
     *
     * @param dataSource the pool
     * @return the repository
     */
    @Bean
    public Repository repository(DataSource dataSource) {
      return new Repository(new JdbcTemplate(dataSource),
          new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }
  }

  /** An application's repository: each method runs on the task executor through {@code @Async}. */
  public static class Repository {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    /**
     * Creates the repository.
     *
     * @param jdbc the template
     * @param transactions the transaction template
     */
    public Repository(JdbcTemplate jdbc, TransactionTemplate transactions) {
      this.jdbc = jdbc;
      this.transactions = transactions;
    }

    /** For CGLIB proxying. */
    protected Repository() {
      this(null, null);
    }

    /**
     * Runs a call on the task executor.
     *
     * @param call the call
     * @return the row or update count
     */
    @Async
    public CompletableFuture<Object> execute(Call call) {
      if (call.kind() == Call.Kind.INSERT_COMMIT) {
        Integer count = transactions.execute(status -> jdbc.update(call.sql(), call.args()));
        return CompletableFuture.completedFuture(count == null ? null : count.longValue());
      }
      Object row = jdbc.query(call.sql(), rs -> rs.next() ? Jdbc.row(rs) : null, call.args());
      return CompletableFuture.completedFuture(row);
    }
  }
}
