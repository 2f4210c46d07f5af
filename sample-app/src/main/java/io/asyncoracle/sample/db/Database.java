package io.asyncoracle.sample.db;

/**
 * The kind of database the pool talks to; the few statements that differ between the embedded H2
 * (Oracle mode) and a real Oracle Database are chosen by it.
 */
public enum Database {

  /** The embedded default: H2 in Oracle compatibility mode. */
  H2("sleep_seconds"),

  /** A real Oracle Database. {@code DBMS_SESSION.SLEEP} is granted to PUBLIC from 18c on. */
  ORACLE("dbms_session.sleep");

  private final String sleepProcedure;

  Database(String sleepProcedure) {
    this.sleepProcedure = sleepProcedure;
  }

  /**
   * Tells the database from its JDBC URL.
   *
   * @param jdbcUrl the pool's URL
   * @return the database
   * @throws IllegalStateException for a database the sample has no statements for
   */
  public static Database of(String jdbcUrl) {
    if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:oracle:")) {
      return ORACLE;
    }
    throw new IllegalStateException("the sample runs on H2 or Oracle, not on " + describe(jdbcUrl));
  }

  private static String describe(String jdbcUrl) {
    if (jdbcUrl == null) {
      return "a pool without URL";
    }
    int colon = jdbcUrl.indexOf(':', "jdbc:".length());
    return colon > 0 ? jdbcUrl.substring(0, colon) : "this URL";
  }

  /**
   * Returns the stored procedure that sleeps a number of seconds and stops when its statement is
   * cancelled.
   *
   * @return the procedure name for {@link io.asyncoracle.AsyncConnection#callProc}
   */
  public String sleepProcedure() {
    return sleepProcedure;
  }
}
