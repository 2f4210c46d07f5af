package io.asyncoracle.sample.db;

import io.asyncoracle.AsyncPool;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;

/** Tells which database the starter's pool reached. */
@Configuration(proxyBeanMethods = false)
@ImportRuntimeHints(SampleRuntimeHints.class)
public class DatabaseConfiguration {

  /**
   * The database kind, from the pool's JDBC URL.
   *
   * @param pool the pool the starter configured
   * @return H2 or Oracle
   */
  @Bean
  Database database(AsyncPool pool) {
    return Database.of(pool.options().jdbcUrl());
  }
}
