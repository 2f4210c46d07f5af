package io.asyncoracle.oracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.DatabaseException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.oracle.OracleContainer;

/**
 * The Oracle-only paths issue 19 found wrong by reading ojdbc, each shown on a real database: what
 * the offline tests ({@code OjdbcPathsTest}, {@code OracleSqlParityTest}) prove about the calls the
 * library makes, these prove about what Oracle does with them.
 */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class DriverPathsIT {

  private static AsyncPool pool;

  @BeforeAll
  static void createTable() {
    pool = OracleDatabase.pool(2);
    await(pool.withConnection(c -> c.execute(OracleDatabase.dropIfExists("drop table it_paths"))
        .thenCompose(n -> c.execute("create table it_paths(id number, note varchar2(40))"))));
  }

  @AfterAll
  static void closePool() {
    if (pool != null) {
      await(pool.close(true, false));
    }
  }

  @BeforeEach
  void emptyTable() {
    await(pool.withConnection(c -> c.execute("delete from it_paths").thenCompose(n -> c.commit())));
  }

  private static long rows() {
    return await(pool.withConnection(c -> c.fetchOne("select count(*) from it_paths"))).get(0, Long.class);
  }

  private static AsyncConnection standalone(String url) {
    OracleContainer oracle = OracleDatabase.container();
    return await(AsyncOracle.connect(oracle.getUsername(), oracle.getPassword(), url));
  }

  // ---- item 7 -------------------------------------------------------------------------------

  @Test
  void sduIsWhatOracleNetNegotiated() {
    OracleContainer oracle = OracleDatabase.container();
    // The client asks for 4096 bytes: the negotiated SDU is the smaller of both sides' sizes,
    // so it is not the 8192 that was returned whatever happened.
    String url = "jdbc:oracle:thin:@(DESCRIPTION=(SDU=4096)(ADDRESS=(PROTOCOL=TCP)(HOST=" + oracle.getHost()
        + ")(PORT=" + oracle.getOraclePort() + "))(CONNECT_DATA=(SERVICE_NAME=" + oracle.getDatabaseName() + ")))";
    AsyncConnection c = standalone(url);
    try {
      assertThat(await(c.sdu())).isEqualTo(4096);
    } finally {
      await(c.close());
    }
  }

  // ---- item 10 ------------------------------------------------------------------------------

  @Test
  void closingAStandaloneConnectionDoesNotCommit() {
    AsyncConnection c = standalone(OracleDatabase.container().getJdbcUrl());
    await(c.execute("insert into it_paths values (10, 'never committed')"));
    await(c.close());
    assertThat(rows()).isZero();
  }

  @Test
  void aGivenUpStandaloneConnectionIsAbortedNotCommitted() throws ReflectiveOperationException {
    AsyncConnection c = standalone(OracleDatabase.container().getJdbcUrl());
    await(c.execute("insert into it_paths values (11, 'given up')"));
    // What a call timeout that gives the connection up does (Session.drop marks it broken, as
    // abandon does): its clean-up is skipped, and ojdbc's close() would commit.
    java.lang.reflect.Method session = c.getClass().getDeclaredMethod("session");
    session.setAccessible(true);
    Object s = session.invoke(c);
    java.lang.reflect.Method drop = s.getClass().getDeclaredMethod("drop");
    drop.setAccessible(true);
    await((CompletableFuture<?>) drop.invoke(s));
    assertThat(rows()).isZero();
  }

  // ---- items 2 and 3 ------------------------------------------------------------------------

  @Test
  void aPlsqlBlockWithARepeatedNameBindsByPosition() {
    // One value per distinct name, as in python-oracledb; ojdbc wants one per occurrence (ORA-17041 before).
    await(pool.withConnection(c -> c.execute(
        "begin insert into it_paths values (:id, :note); insert into it_paths values (:id + 1, :note); end;",
        20, "twice")));
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void pipelineStepsWithARepeatedPlsqlName() {
    String insert = "begin insert into it_paths values (:id, :note || to_char(:id)); end;";
    await(pool.withConnection(c -> c.pipeline()
        .addExecuteMany(insert, java.util.List.of(java.util.List.of(30, "a"), java.util.List.of(31, "b")))
        .addExecute(insert, 32, "c")
        .run(false)));
    java.util.List<io.asyncoracle.Row> notes =
        await(pool.withConnection(c -> c.fetchAll("select note from it_paths order by id")));
    assertThat(notes).extracting(r -> r.get(0, String.class)).containsExactly("a30", "b31", "c32");
  }

  @Test
  void quotedBindNamesAreBound() {
    assertThat(await(pool.withConnection(c -> c.fetchOne("select :\"Quoted Name\" + 1 from dual",
        java.util.Map.of("\"Quoted Name\"", 41)))).get(0, Integer.class)).isEqualTo(42);
    assertThat(await(pool.withConnection(c -> c.fetchOne("select :\"Quoted Name\" + 1 from dual", 1)))
        .get(0, Integer.class)).isEqualTo(2);
  }

  // ---- item 8 -------------------------------------------------------------------------------

  @Test
  void aCursorRunsEveryKindOfInsert() {
    AsyncConnection c = await(pool.acquire());
    try {
      io.asyncoracle.AsyncCursor cursor = c.cursor();
      await(cursor.execute("insert into it_paths values (40, 'values')"));
      assertThat(cursor.lastRowId()).as("single-row VALUES: the ROWID is known").isNotNull();
      // Each of these failed (ORA-00933 and the like) when ojdbc appended RETURNING ROWID INTO ?.
      await(cursor.execute("insert into it_paths select 41, 'select' from dual"));
      assertThat(cursor.lastRowId()).isNull();
      await(cursor.execute("insert all into it_paths values (42, 'all') into it_paths values (43, 'all') select * from dual"));
      await(c.commit());
    } finally {
      await(c.close());
    }
    assertThat(rows()).isEqualTo(4);
  }

  // ---- item 4 -------------------------------------------------------------------------------

  @Test
  void readOnlyTransactionsRefuseWrites() {
    AsyncConnection c = await(pool.acquire());
    try {
      await(c.setReadOnly(true));
      assertThat(failure(c.execute("insert into it_paths values (50, 'read only')")))
          .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.oraCode()).isEqualTo("ORA-01456"));
      await(c.rollback());
      assertThat(failure(c.execute("insert into it_paths values (51, 'still read only')")))
          .as("the next transaction is read-only too")
          .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.oraCode()).isEqualTo("ORA-01456"));
      await(c.setReadOnly(false));
      await(c.execute("insert into it_paths values (52, 'writable')"));
      await(c.commit());
    } finally {
      await(c.close());
    }
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void readOnlyIsRefusedInsideATransaction() {
    AsyncConnection c = await(pool.acquire());
    try {
      await(c.execute("insert into it_paths values (53, 'open transaction')"));
      assertThat(failure(c.setReadOnly(true)))
          .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.oraCode()).isEqualTo("ORA-01453"));
      assertThat(c.readOnly()).isFalse();
    } finally {
      await(c.close());
    }
  }

  // ---- item 6 -------------------------------------------------------------------------------

  @Test
  void callFuncTypesAreOnesOracleBinds() {
    await(pool.withConnection(c -> c.execute("create or replace function it_paths_now return timestamp with time zone"
        + " is begin return systimestamp; end;")));
    Short abs = await(pool.withConnection(c -> c.callFunc("abs", Short.class, -7)));
    assertThat(abs).isEqualTo((short) 7);
    java.time.ZonedDateTime now = await(pool.withConnection(c -> c.callFunc("it_paths_now", java.time.ZonedDateTime.class)));
    assertThat(now).isNotNull();
    // Object.class registered JAVA_OBJECT, which ojdbc refused inside the call (ORA-17004).
    assertThat(failure(pool.withConnection(c -> c.callFunc("abs", Object.class, -7))))
        .isInstanceOf(io.asyncoracle.InvalidArgumentException.class);
    assertThat(failure(pool.withConnection(c -> c.callProc("dbms_output.get_line",
        io.asyncoracle.OutParameter.out(java.util.List.class), io.asyncoracle.OutParameter.out(Integer.class)))))
        .isInstanceOf(io.asyncoracle.InvalidArgumentException.class);
  }

  // ---- item 5 -------------------------------------------------------------------------------

  @Test
  void twoPhaseCommitNeedsNoJavaXaPackage() {
    // The generic OracleXAResource calls "PUBLIC".JAVA_XA, which needs Oracle JVM's XA package;
    // the thin driver's native XA needs nothing installed. Whether or not this image has the
    // package, a full cycle must work (TwoPhaseCommitIT covers the rest of the family).
    long javaXa = await(pool.withConnection(c -> c.fetchOne(
        "select count(*) from all_objects where owner = 'PUBLIC' and object_name = 'JAVA_XA'"))).get(0, Long.class);
    System.out.println("[async-oracle] PUBLIC.JAVA_XA synonyms visible: " + javaXa);
    AsyncConnection c = await(pool.acquire());
    try {
      io.asyncoracle.Xid xid = c.xid(0x4153, "paths-" + java.util.UUID.randomUUID(), "b1");
      await(c.tpcBegin(xid));
      await(c.execute("insert into it_paths values (60, 'xa')"));
      await(c.tpcEnd());
      assertThat(await(c.tpcPrepare())).isTrue();
      await(c.tpcCommit());
    } finally {
      await(c.close());
    }
    assertThat(rows()).isEqualTo(1);
  }

  // ---- item D -------------------------------------------------------------------------------

  @Test
  void endToEndValuesAreCheckedWhenSet() {
    AsyncConnection c = await(pool.acquire());
    try {
      String longest = "a".repeat(64);
      c.setAction(longest);
      c.setClientIdentifier(longest);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.setAction(longest + "b"))
          .isInstanceOf(io.asyncoracle.InvalidArgumentException.class);
      // Before, ojdbc refused the value when this unrelated query sent it (ORA-17159).
      assertThat(await(c.fetchOne("select sys_context('USERENV', 'ACTION') from dual")).get(0, String.class))
          .isEqualTo(longest);
    } finally {
      await(c.close());
    }
  }

  // ---- item C -------------------------------------------------------------------------------

  @Test
  void pipelinedFollowsTheDriversDuplexMode() {
    OracleContainer oracle = OracleDatabase.container();
    // Without out-of-band breaks ojdbc pipelines half duplex: one round trip per call.
    String url = oracle.getJdbcUrl() + (oracle.getJdbcUrl().contains("?") ? "&" : "?") + "oracle.net.disableOob=true";
    AsyncConnection half = standalone(url);
    AsyncConnection full = standalone(oracle.getJdbcUrl());
    try {
      assertThat(await(half.pipeline().addFetchOne("select 1 from dual").addFetchOne("select 2 from dual").run(false)))
          .allSatisfy(r -> assertThat(r.pipelined()).isFalse());
      assertThat(await(full.pipeline().addFetchOne("select 1 from dual").addFetchOne("select 2 from dual").run(false)))
          .allSatisfy(r -> assertThat(r.pipelined()).isTrue());
    } finally {
      await(half.close());
      await(full.close());
    }
  }

  // ---- item E -------------------------------------------------------------------------------

  @Test
  void temporaryLobsOfALendAreFreedWhenItIsReleased() {
    AsyncPool one = OracleDatabase.pool(1);
    try {
      String count = "select nvl(sum(cache_lobs + nocache_lobs + abstract_lobs), 0) from v$temporary_lobs"
          + " where sid = sys_context('USERENV', 'SID')";
      await(one.withConnection(c -> c.fetchAll(
          "select to_clob(rpad('x', 100, 'x')) || to_clob(level) from dual connect by level <= 5")));
      // The same session, lent again: what the last lend's query created is gone.
      long left = await(one.withConnection(c -> c.fetchOne(count))).get(0, Long.class);
      assertThat(left).isZero();
    } finally {
      await(one.close(true, false));
    }
  }
}
