package io.asyncoracle.boot.autoconfigure;

/**
 * Where the pool connects when the target comes from outside {@code async-oracle.*}: a Spring Boot
 * {@code JdbcConnectionDetails} bean (e.g. from {@code @ServiceConnection}).
 *
 * @param url the JDBC URL
 * @param username the user, or {@code null}
 * @param password the password, or {@code null}
 */
record DatabaseTarget(String url, String username, String password) {

  @Override
  public String toString() {
    return "DatabaseTarget[" + io.asyncoracle.boot.support.JdbcUrls.redact(url) + ", " + username + "]";
  }
}
