package io.asyncoracle.internal;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The library's Oracle-only paths, run offline on {@link OjdbcLikeDriver}: an H2 database behind a
 * connection that the library takes for ojdbc's. What each test checks is which driver calls and
 * statements the library makes; the Oracle Free ITs check what the database then does.
 */
class OjdbcPathsTest {

  private String h2Url;
  private AsyncConnection conn;

  @BeforeEach
  void openDatabase() throws SQLException {
    h2Url = TestDatabases.newUrl();
    try (Connection c = DriverManager.getConnection(h2Url, "sa", "");
        Statement st = c.createStatement()) {
      st.execute("create table t(id number)");
    }
    OjdbcLikeDriver.EVENTS.clear();
  }

  @AfterEach
  void close() {
    if (conn != null && !conn.isClosed()) {
      await(conn.close());
    }
  }

  private AsyncConnection connect() {
    conn = await(AsyncOracle.connect("sa", "", OjdbcLikeDriver.url(h2Url)));
    return conn;
  }

  private long rowsInT() throws SQLException {
    try (Connection c = DriverManager.getConnection(h2Url, "sa", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from t")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void theHarnessLooksLikeOjdbc() {
    AsyncConnection c = connect();
    assertThat(((ConnectionImpl) c).session().isOracle()).isTrue();
  }

  // ---- item 7: sdu() ------------------------------------------------------------------------

  @Test
  void sduIsTheSizeTheDriverNegotiated() {
    OjdbcLikeDriver.negotiatedSdu = 32767;
    try {
      assertThat(await(connect().sdu())).isEqualTo(32767);
      assertThat(OjdbcLikeDriver.events()).contains("getNegotiatedSDU");
    } finally {
      OjdbcLikeDriver.negotiatedSdu = 8192;
    }
  }

  // ---- item 10: standalone close ------------------------------------------------------------

  @Test
  void aStandaloneConnectionGivenUpIsNotCommittedByTheDriversClose() throws SQLException {
    AsyncConnection c = connect();
    await(c.execute("insert into t values (1)"));
    // What a call timeout that gives the connection up does: the session is discarded, and its
    // clean-up (the rollback of a lent connection) is skipped.
    await(((ConnectionImpl) c).session().drop());
    assertThat(OjdbcLikeDriver.events()).as("aborted, not closed")
        .contains("abort")
        .doesNotContain("implicit commit on close");
    assertThat(rowsInT()).as("ojdbc's close would have committed the insert").isZero();
  }

  @Test
  void closingAStandaloneConnectionRollsBackWhatWasNotCommitted() throws SQLException {
    AsyncConnection c = connect();
    await(c.execute("insert into t values (1)"));
    await(c.close());
    assertThat(OjdbcLikeDriver.events()).as("rolled back before the driver's close")
        .containsSubsequence("rollback", "close");
    assertThat(rowsInT()).isZero();
  }

  @Test
  void committedWorkStaysAfterClose() throws SQLException {
    AsyncConnection c = connect();
    await(c.execute("insert into t values (1)"));
    await(c.commit());
    await(c.close());
    assertThat(rowsInT()).isEqualTo(1);
  }

  // ---- item 8: the ROWID of an INSERT --------------------------------------------------------

  @Test
  void onlySingleRowInsertValuesAskForTheRowId() {
    AsyncConnection c = connect();
    io.asyncoracle.AsyncCursor cursor = c.cursor();
    await(cursor.execute("insert into t values (1)"));
    await(cursor.execute("insert into t select 2 from dual"));
    await(cursor.execute("insert into t (id) (select 3 from dual)"));
    assertThat(OjdbcLikeDriver.events()).contains("prepare with keys insert into t values (1)")
        .contains("prepare insert into t select 2 from dual")
        .contains("prepare insert into t (id) (select 3 from dual)");
    assertThat(cursor.lastRowId()).as("no ROWID asked for an INSERT ... SELECT").isNull();
  }

  // ---- item 4: read-only transactions -------------------------------------------------------

  @Test
  void readOnlyModeStartsEachTransactionReadOnly() {
    AsyncConnection c = connect();
    await(c.setReadOnly(true));
    await(c.setReadOnly(true));
    assertThat(OjdbcLikeDriver.events()).as("ojdbc's setReadOnly only keeps a flag; once is enough")
        .containsExactly("execute SET TRANSACTION READ ONLY");
    OjdbcLikeDriver.EVENTS.clear();
    await(c.commit());
    await(c.rollback());
    assertThat(OjdbcLikeDriver.events()).containsExactly(
        "commit", "execute SET TRANSACTION READ ONLY", "rollback", "execute SET TRANSACTION READ ONLY");
    OjdbcLikeDriver.EVENTS.clear();
    await(c.setReadOnly(false));
    await(c.commit());
    assertThat(OjdbcLikeDriver.events()).as("the read-only transaction ends; the next one is not read-only")
        .containsExactly("rollback", "commit");
  }

  // ---- item 5: two-phase commit -------------------------------------------------------------

  @Test
  void twoPhaseCommitUsesTheThinDriversNativeXa() throws Exception {
    AsyncConnection c = connect();
    TwoPhaseCommit tpc = new TwoPhaseCommit(((ConnectionImpl) c).session());
    java.lang.reflect.Method resource = TwoPhaseCommit.class.getDeclaredMethod("resource", String.class);
    resource.setAccessible(true);
    Object xa = ((ConnectionImpl) c).session().isOracle()
        ? await(((ConnectionImpl) c).session().run("xa", s -> resource.invoke(tpc, "tpcBegin")))
        : null;
    // What OracleXADataSource builds for jdbc:oracle:thin URLs; the generic OracleXAResource runs
    // "PUBLIC".JAVA_XA.xa_start_new(...), which only databases with Oracle JVM's XA package have.
    assertThat(xa.getClass().getName()).isEqualTo("oracle.jdbc.driver.T4CXAResource");
    await(c.tpcBegin(c.xid(1, "g", "b")).handle((v, e) -> null));
    assertThat(OjdbcLikeDriver.events()).noneMatch(e -> e.contains("JAVA_XA"));
  }

  // ---- item E: temporary LOBs ---------------------------------------------------------------

  @Test
  void aLendThatReadLobColumnsFreesTheDriversTemporaryLobsAtRelease() {
    AsyncConnection c = connect();
    await(c.fetchAll("select id from t"));
    assertThat(await(c.fetchOne("select cast('text' as clob) from dual")).get(0, String.class)).isEqualTo("text");
    await(c.close());
    assertThat(OjdbcLikeDriver.events()).as("freed on the release, before the connection goes")
        .containsSubsequence("freeTemporaryBlobsAndClobs", "close");
  }

  @Test
  void aLendWithoutLobColumnsStaysClean() {
    AsyncConnection c = connect();
    await(c.fetchAll("select id from t"));
    await(c.close());
    assertThat(OjdbcLikeDriver.events()).doesNotContain("freeTemporaryBlobsAndClobs");
  }
}
