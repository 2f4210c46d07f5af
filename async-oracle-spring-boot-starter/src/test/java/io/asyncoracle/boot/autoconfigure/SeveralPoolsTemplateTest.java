package io.asyncoracle.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.client.AsyncOracleClient;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * With a primary and a read replica, the auto-configured template and client, and whatever injects
 * them by type, use the primary pool, whatever templates and clients the application declares for
 * the replica (the README's example).
 */
class SeveralPoolsTemplateTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class));

  @Test
  void theInjectedTemplateAndClientUseThePrimaryWhenTheApplicationDeclaresAReplicaTemplate() {
    runner.withUserConfiguration(PrimaryAndReplica.class, ReplicaTemplate.class, Writer.class).run(context -> {
      assertThat(context).hasNotFailed().hasBean("asyncOracleTemplate").hasBean("replicaTemplate");
      AsyncPool primary = context.getBean("primaryPool", AsyncPool.class);

      assertThat(context.getBean(AsyncOracleTemplate.class).getPool()).isSameAs(primary);
      assertThat(whoAmI(context.getBean(AsyncOracleTemplate.class))).isEqualTo("primary");
      assertThat(context.getBean(AsyncOracleClient.class).sql("select name from who").query(String.class).single()
          .join()).isEqualTo("primary");
      assertThat(context.getBean(Writer.class).template.getPool()).as("injected by type").isSameAs(primary);
      assertThat(context.getBean(Writer.class).client.sql("select name from who").query(String.class).single().join())
          .isEqualTo("primary");
      assertThat(whoAmI(context.getBean("replicaTemplate", AsyncOracleTemplate.class))).isEqualTo("replica");
    });
  }

  @Test
  void aReplicaClientDoesNotReplaceTheAutoConfiguredOne() {
    runner.withUserConfiguration(PrimaryAndReplica.class, ReplicaTemplate.class, ReplicaClient.class).run(context -> {
      assertThat(context).hasNotFailed().hasBean("asyncOracleClient").hasBean("replicaClient");
      assertThat(context.getBean(AsyncOracleClient.class).sql("select name from who").query(String.class).single()
          .join()).isEqualTo("primary");
    });
  }

  @Test
  void backsOffForATemplateTheApplicationMarksPrimary() {
    runner.withUserConfiguration(PrimaryAndReplica.class, ReplicaTemplate.class, OwnPrimaryTemplate.class)
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean("asyncOracleTemplate");
          assertThat(context.getBean(AsyncOracleTemplate.class)).isSameAs(context.getBean("myPrimaryTemplate"));
          assertThat(context.getBean(AsyncOracleClient.class).sql("select name from who").query(String.class).single()
              .join()).isEqualTo("primary");
        });
  }

  private static String whoAmI(AsyncOracleTemplate template) {
    return template.queryForObject("select name from who", String.class).join();
  }

  private static AsyncPool poolNamed(String name) {
    AsyncPool pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).build()).join();
    pool.withConnection(c -> c.execute("create table who (name varchar(20))")
        .thenCompose(v -> c.execute("insert into who values (?)", name)).thenCompose(n -> c.commit())).join();
    return pool;
  }

  @Configuration(proxyBeanMethods = false)
  static class PrimaryAndReplica {
    @Bean(destroyMethod = "")
    @Primary
    AsyncPool primaryPool() {
      return poolNamed("primary");
    }

    @Bean(destroyMethod = "")
    AsyncPool replicaPool() {
      return poolNamed("replica");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ReplicaTemplate {
    @Bean
    AsyncOracleTemplate replicaTemplate(@Qualifier("replicaPool") AsyncPool replica) {
      return new AsyncOracleTemplate(replica);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ReplicaClient {
    @Bean
    AsyncOracleClient replicaClient(@Qualifier("replicaTemplate") AsyncOracleTemplate replica) {
      return AsyncOracleClient.create(replica);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnPrimaryTemplate {
    @Bean
    @Primary
    AsyncOracleTemplate myPrimaryTemplate(AsyncPool primary) {
      return new AsyncOracleTemplate(primary);
    }
  }

  /** An application bean that writes, injected by type as users do. */
  static class Writer {
    final AsyncOracleTemplate template;
    final AsyncOracleClient client;

    Writer(AsyncOracleTemplate template, AsyncOracleClient client) {
      this.template = template;
      this.client = client;
    }
  }
}
