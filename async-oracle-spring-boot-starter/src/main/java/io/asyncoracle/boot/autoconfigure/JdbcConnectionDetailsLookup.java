package io.asyncoracle.boot.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.util.ClassUtils;

/**
 * Reads Spring Boot's {@link JdbcConnectionDetails}, so {@code @ServiceConnection OracleContainer}
 * points the pool at the container. Only loaded when spring-boot-jdbc is on the classpath.
 */
final class JdbcConnectionDetailsLookup {

  private static final String JDBC_CONNECTION_DETAILS =
      "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails";
  /** Boot's adapter of {@code spring.datasource.*}: those properties configure the DataSource, not us. */
  private static final String PROPERTIES_DETAILS =
      "org.springframework.boot.jdbc.autoconfigure.PropertiesJdbcConnectionDetails";

  private JdbcConnectionDetailsLookup() {
  }

  /**
   * Finds the connection details of a service connection, if any.
   *
   * @param beanFactory the bean factory
   * @return the target, or {@code null}
   */
  static DatabaseTarget find(ListableBeanFactory beanFactory) {
    if (!ClassUtils.isPresent(JDBC_CONNECTION_DETAILS, JdbcConnectionDetailsLookup.class.getClassLoader())) {
      return null;
    }
    return Lookup.find(beanFactory);
  }

  /** Separate class so {@link JdbcConnectionDetails} is only resolved when present. */
  private static final class Lookup {
    static DatabaseTarget find(ListableBeanFactory beanFactory) {
      return beanFactory.getBeanProvider(JdbcConnectionDetails.class).orderedStream()
          .filter(details -> !PROPERTIES_DETAILS.equals(details.getClass().getName()))
          .findFirst()
          .map(details -> new DatabaseTarget(details.getJdbcUrl(), details.getUsername(), details.getPassword()))
          .orElse(null);
    }
  }
}
