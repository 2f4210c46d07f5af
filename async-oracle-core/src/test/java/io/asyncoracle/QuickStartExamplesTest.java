package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every example of the reference quick start ({@code shared/reference/cx_oracle_async-quickstart.txt}),
 * written with our API as the README shows it, run on the embedded H2 target. Where the Python
 * queries {@code V$SESSION} or sleeps with {@code DBMS_LOCK.SLEEP(10)}, H2 has
 * {@code INFORMATION_SCHEMA.SESSIONS} and a long cancellable query instead.
 */
@Tag("workers")
class QuickStartExamplesTest {

  private static final String SESSIONS = "SELECT * FROM INFORMATION_SCHEMA.SESSIONS";

  @Test
  void basicUsage() {
    // create_pool(host=, port=, user=, password=, service_name=, min=2, max=4) — with a URL on H2.
    AsyncPool oraclePool = AsyncOracle.createPool(PoolOptions.builder()
        .url(TestDatabases.newUrl())
        .user("user").password("password")
        .min(2).max(4)
        .build()).join();

    // async with oracle_pool.acquire() as connection: async with connection.cursor() as cursor: ...
    List<Row> rows = oraclePool.withConnection(connection -> {
      AsyncCursor cursor = connection.cursor();
      return cursor.execute(SESSIONS)
          .thenCompose(AsyncCursor::fetchAll)
          .whenComplete((result, error) -> cursor.close());
    }).join();

    assertThat(rows).isNotEmpty();
    assertThat(oraclePool.stats().min()).isEqualTo(2);
    assertThat(oraclePool.stats().opened()).isGreaterThanOrEqualTo(2);
    oraclePool.close().join();
  }

  @Test
  void makeDsnStyle() {
    String dsn = AsyncOracle.makeDsn("localhost", 1521, "orcl");
    assertThat(dsn).isEqualTo(
        "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=localhost)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=orcl)))");
    assertThat(PoolOptions.builder().user("u").password("p").dsn(dsn).build().jdbcUrl())
        .isEqualTo("jdbc:oracle:thin:@" + dsn);

    // create_pool('username', 'password', dsn): any JDBC URL is a DSN too.
    AsyncPool pool = AsyncOracle.createPool("username", "password", TestDatabases.newUrl()).join();
    assertThat(pool.withConnection(c -> c.fetchOne("SELECT 1 FROM DUAL")).join().get(0, Integer.class)).isEqualTo(1);
    pool.close().join();
  }

  @Test
  void contextManagerAndExplicitStylesBehaveTheSame() {
    String url = TestDatabases.newUrl();
    AsyncPool pool1 = AsyncOracle.createPool("username", "password", url).join();
    AsyncPool pool2 = AsyncOracle.createPool("username", "password", url).join();
    assertThat(pool1.getClass()).isEqualTo(pool2.getClass());

    AsyncConnection conn1 = pool2.acquire().join();
    Object viaContext = pool2.withConnection(conn2 -> {
      assertThat(conn2.getClass()).isEqualTo(conn1.getClass());
      AsyncCursor cursor = conn2.cursor();
      return cursor.execute(SESSIONS).thenCompose(AsyncCursor::fetchAll);
    }).join();
    assertThat(viaContext).isNotNull();
    conn1.close().join();

    pool2.close().join();
    pool1.close().join();
  }

  @Test
  void closingWithConnectionsOutIsTheOra24422Case() throws Exception {
    AsyncPool pool = AsyncOracle.createPool("username", "password", TestDatabases.newUrl()).join();
    // solitary_fetching_thread: a long query holding a connection.
    CompletableFuture<Row> solitary = pool.withConnection(conn -> conn.fetchOne(TestDatabases.SLOW_QUERY));
    TestDatabases.awaitRunning(pool, TestDatabases.SLOW_QUERY, 1);

    // Without force: the ORA-24422 situation, as an exception; the pool stays usable.
    assertThatThrownBy(pool.close()::join).cause().isInstanceOf(PoolBusyException.class);

    // close(force = True): waits until the query has finished anyhow. The query's own future
    // completes after it gave its connection back, so maybe a moment after the close.
    pool.close(true, false).get(60, TimeUnit.SECONDS);
    assertThat(solitary.get(30, TimeUnit.SECONDS).get(0, Long.class)).as("ran to the end, not cancelled").isPositive();
  }

  @Test
  void closeWithInterruptCancelsTheQueryAndReturnsQuickly() throws Exception {
    AsyncPool pool = AsyncOracle.createPool("username", "password", TestDatabases.newUrl()).join();
    CompletableFuture<Row> solitary = pool.withConnection(conn -> conn.fetchOne(TestDatabases.VERY_SLOW_QUERY));
    TestDatabases.awaitRunning(pool, TestDatabases.VERY_SLOW_QUERY, 1);

    // async with timeout(2): await pool.close(force=True, interrupt=True). The bound here is wider:
    // UCP alone can take about 2 s to tear down the last pool in the JVM. Without the interrupt
    // the query would hold the close for its full 30 s.
    pool.close(true, true).get(10, TimeUnit.SECONDS);
    assertThat(solitary).failsWithin(TestFutures.TIMEOUT).withThrowableThat().havingCause()
        .isInstanceOf(PoolClosedException.class);
  }
}
