package io.asyncoracle.boot.autoconfigure;

/**
 * Connection details to the pool's database, for a tool that opens JDBC connections of its own
 * (Boot's DataSource, Flyway, Liquibase): the URL is always the pool's; a user given to the tool
 * replaces the pool's user and password, a password alone replaces only the password.
 *
 * <p>The starter's own auto-configurations extend it together with the tool's
 * {@code ConnectionDetails} type, so the three describe the pool's database the same way.
 */
public abstract class PoolDatabaseConnectionDetails {

  private final AsyncOracleConnectionDetails details;
  private final String user;
  private final String password;
  private final String tool;

  /**
   * Details for {@code tool}, from the pool's.
   *
   * @param details where the pool connects
   * @param user the tool's own user, or {@code null} for the pool's
   * @param password the tool's own password, or {@code null} for the pool's (with no own user)
   * @param tool what connects, named in {@link #toString()}
   */
  protected PoolDatabaseConnectionDetails(AsyncOracleConnectionDetails details, String user, String password,
      String tool) {
    this.details = details;
    this.user = user;
    this.password = password;
    this.tool = tool;
  }

  /**
   * The pool's URL.
   *
   * @return the JDBC URL
   */
  public String getJdbcUrl() {
    return details.getUrl();
  }

  /**
   * The tool's user if given, else the pool's.
   *
   * @return the user name
   */
  public String getUsername() {
    return user != null ? user : details.getUsername();
  }

  /**
   * The tool's password if it has a user or password of its own, else the pool's.
   *
   * @return the password
   */
  public String getPassword() {
    return user != null || password != null ? password : details.getPassword();
  }

  @Override
  public String toString() {
    return "async-oracle " + tool + " connection [" + details + "]";
  }
}
