package io.asyncoracle;

/**
 * An Oracle-only feature was used on a connection to another database (such as the embedded H2
 * default). The message names the feature and the database that was found.
 */
public class UnsupportedFeatureException extends AsyncOracleException {

  private static final long serialVersionUID = 1L;

  /** The feature that was called. */
  private final String feature;
  /** The database product and version found. */
  private final String database;

  /**
   * Creates the exception.
   *
   * @param feature the feature that was called, e.g. {@code "tpcBegin"}
   * @param database the database product and version found on the connection
   */
  public UnsupportedFeatureException(String feature, String database) {
    super(feature + " requires Oracle Database, but this connection is to " + database);
    this.feature = feature;
    this.database = database;
  }

  /**
   * Returns the feature that was called.
   *
   * @return the feature name
   */
  public String feature() {
    return feature;
  }

  /**
   * Returns the database product and version the connection is to.
   *
   * @return the database description
   */
  public String database() {
    return database;
  }
}
