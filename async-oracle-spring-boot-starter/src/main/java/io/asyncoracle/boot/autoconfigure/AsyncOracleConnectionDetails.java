package io.asyncoracle.boot.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the auto-configured pool connects. By default it comes from {@code async-oracle.*}
 * properties (or an embedded H2 database); a bean of this type replaces them. Spring Boot's
 * service connections create one for {@code @ServiceConnection OracleContainer} (Testcontainers'
 * Oracle Free module) and for a Docker Compose {@code gvenzl/oracle-free} service.
 *
 * <p>Why a type of our own and not Boot's {@code JdbcConnectionDetails}: that one describes the
 * application's {@code DataSource}. Reading it would need spring-boot-jdbc (which also builds a
 * second, synchronous pool), and any {@code JdbcConnectionDetails} in the context (a PostgreSQL
 * container next to Oracle) would redirect the pool.
 */
public interface AsyncOracleConnectionDetails extends ConnectionDetails {

  /**
   * Returns the JDBC URL, e.g. {@code jdbc:oracle:thin:@//host:1521/freepdb1}.
   *
   * @return the URL, never {@code null}
   */
  String getUrl();

  /**
   * Returns the login user.
   *
   * @return the user, or {@code null} to use the one in the URL or wallet
   */
  String getUsername();

  /**
   * Returns the login password.
   *
   * @return the password, or {@code null}
   */
  String getPassword();
}
