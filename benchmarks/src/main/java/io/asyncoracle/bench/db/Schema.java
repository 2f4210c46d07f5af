package io.asyncoracle.bench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the benchmark's tables and the server-side sleep function, the same on H2 and Oracle.
 * {@code BENCH_ITEM} holds {@link #ITEMS} rows whose columns are derived from the id, so every
 * answer can be checked.
 */
public final class Schema {

  /** Rows in {@code BENCH_ITEM}; ids run from 1 to this. */
  public static final int ITEMS = 1_000;

  private Schema() {
  }

  /**
   * Drops and re-creates everything.
   *
   * @param target the database
   * @throws SQLException on failure
   */
  public static void create(DatabaseTarget target) throws SQLException {
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      dropQuietly(s, "DROP TABLE BENCH_ITEM");
      dropQuietly(s, "DROP TABLE BENCH_INSERT");
      s.execute("CREATE TABLE BENCH_ITEM (ID NUMBER(10) PRIMARY KEY, NAME VARCHAR2(40) NOT NULL, AMOUNT NUMBER(12,2) NOT NULL)");
      s.execute("CREATE TABLE BENCH_INSERT (ID NUMBER(19) PRIMARY KEY, PAYLOAD VARCHAR2(40) NOT NULL)");
      if (target.oracle()) {
        s.execute("CREATE OR REPLACE FUNCTION BENCH_SLEEP(P NUMBER) RETURN NUMBER IS "
            + "BEGIN DBMS_SESSION.SLEEP(P / 1000000); RETURN P; END;");
      } else {
        dropQuietly(s, "DROP ALIAS BENCH_SLEEP");
        s.execute("CREATE ALIAS BENCH_SLEEP FOR '" + ServerFunctions.class.getName() + ".sleepMicros'");
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO BENCH_ITEM (ID, NAME, AMOUNT) VALUES (?, ?, ?)")) {
        for (int id = 1; id <= ITEMS; id++) {
          ps.setInt(1, id);
          ps.setString(2, name(id));
          ps.setBigDecimal(3, amount(id));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }

  /**
   * Empties {@code BENCH_INSERT}, so every measured window inserts into a table of the same size.
   *
   * @param target the database
   * @throws SQLException on failure
   */
  public static void truncateInserts(DatabaseTarget target) throws SQLException {
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE TABLE BENCH_INSERT");
    }
  }

  /**
   * The name stored for an id.
   *
   * @param id the id
   * @return its name
   */
  public static String name(long id) {
    return "item-" + id;
  }

  /**
   * The amount stored for an id.
   *
   * @param id the id
   * @return its amount
   */
  public static java.math.BigDecimal amount(long id) {
    return java.math.BigDecimal.valueOf(id * 7, 2);
  }

  private static void dropQuietly(Statement s, String sql) {
    try {
      s.execute(sql);
    } catch (SQLException e) {
      // Not there yet (first run).
    }
  }
}
