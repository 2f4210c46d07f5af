package io.asyncoracle.boot.sql;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.template.AsyncOracleOperations;
import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Tells Spring Boot that {@link AsyncPool} and {@link AsyncOracleOperations} beans (and so every
 * bean that uses them) depend on database initialization: Flyway, Liquibase and
 * {@code spring.sql.init} run first. The counterpart of Boot's detector for {@code JdbcOperations}.
 * Registered in {@code META-INF/spring.factories}; only read when spring-boot-sql is present.
 *
 * <p>Why the pool itself and not only the template: code that takes the pool directly (or a
 * pool bean's own checks at startup) must not see the schema before migrations. Migrations do not
 * go through the pool (see {@code AsyncOracleFlywayAutoConfiguration}), so this cannot form a cycle.
 */
class AsyncOracleDependsOnDatabaseInitializationDetector
    extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

  @Override
  protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
    return Set.of(AsyncPool.class, AsyncOracleOperations.class);
  }

}
