package io.asyncoracle.internal;

import static io.asyncoracle.PoolTestSupport.eventually;
import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the session callback sets is the session's baseline, kept with the session from lend to lend;
 * a release resets only what the application changed after the lend, back to that baseline. Pools
 * here have one connection, so every acquire gets the same physical session (checked where it
 * matters); client info is read back from H2, which keeps the {@code OCSID.*} keys.
 */
class SessionChangesTest {

  private AsyncPool pool;
  private final AtomicInteger callbacks = new AtomicInteger();

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  private AsyncPool pool(PoolOptions.Builder options) {
    pool = AsyncOracle.createPool(options.build()).join();
    return pool;
  }

  private static String clientInfo(AsyncConnection c, String key) throws SQLException {
    return ((ConnectionImpl) c).session().jdbc().getClientInfo(key);
  }

  private static long sessionId(AsyncConnection c) {
    return await(c.fetchOne("select session_id() from dual")).get(0, Long.class);
  }

  @Test
  void aCallTimeoutSetInTheSessionCallbackStaysWithTheSession() {
    // python-oracledb's test 5545 (1145): 5000 ms set in the callback, read on both acquires.
    pool(TestDatabases.options().max(1).sessionCallback((c, tag) -> {
      callbacks.incrementAndGet();
      c.setCallTimeout(Duration.ofMillis(5000));
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }));

    AsyncConnection first = await(pool.acquire());
    assertThat(first.callTimeout()).isEqualTo(Duration.ofMillis(5000));
    first.setCallTimeout(Duration.ofSeconds(1));
    await(first.close());
    AsyncConnection second = await(pool.acquire());
    assertThat(second.callTimeout()).as("the application's change is reset to the callback's value")
        .isEqualTo(Duration.ofMillis(5000));
    await(second.close());
    await(pool.withConnection(c -> {
      assertThat(c.callTimeout()).isEqualTo(Duration.ofMillis(5000));
      return c.ping();
    }));
    assertThat(callbacks).hasValue(1);
  }

  @Test
  void withoutASessionCallbackTheCallTimeoutIsResetToThePools() {
    // python-oracledb's test 5529 (1129).
    pool(TestDatabases.options().max(1).callTimeout(Duration.ofSeconds(3)));
    AsyncConnection first = await(pool.acquire());
    first.setCallTimeout(Duration.ofMillis(250));
    await(first.close());
    AsyncConnection second = await(pool.acquire());
    assertThat(second.callTimeout()).isEqualTo(Duration.ofSeconds(3));
    await(second.close());
  }

  @Test
  void moduleActionAndClientIdSetInTheSessionCallbackStayAndTheApplicationsAreReset() throws SQLException {
    pool(TestDatabases.options().max(1).module("pool-module").sessionCallback((c, tag) -> {
      callbacks.incrementAndGet();
      // No call after them: they are sent with the session's first call, whichever lend makes it.
      c.setModule("callback-module");
      c.setAction("callback-action");
      c.setClientIdentifier("callback-client");
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }));

    AsyncConnection first = await(pool.acquire());
    long session = sessionId(first);
    assertThat(clientInfo(first, "OCSID.MODULE")).isEqualTo("callback-module");
    assertThat(clientInfo(first, "OCSID.ACTION")).isEqualTo("callback-action");
    assertThat(clientInfo(first, "OCSID.CLIENTID")).isEqualTo("callback-client");
    first.setAction("request-action");
    first.setClientIdentifier("request-client");
    first.setClientInfo("request-info");
    await(first.ping());
    assertThat(clientInfo(first, "OCSID.ACTION")).isEqualTo("request-action");
    await(first.close());

    AsyncConnection second = await(pool.acquire());
    assertThat(clientInfo(second, "OCSID.MODULE")).isEqualTo("callback-module");
    assertThat(clientInfo(second, "OCSID.ACTION")).isEqualTo("callback-action");
    assertThat(clientInfo(second, "OCSID.CLIENTID")).isEqualTo("callback-client");
    assertThat(clientInfo(second, "OCSID.CLIENT_INFO")).as("not set by the callback: cleared").isEmpty();
    assertThat(sessionId(second)).isEqualTo(session);
    await(second.close());
    assertThat(callbacks).hasValue(1);
  }

  @Test
  void aBaselineSetWithNoCallReachesTheSessionEvenIfTheFirstLendMakesNoCall() throws SQLException {
    pool(TestDatabases.options().max(1).sessionCallback((c, tag) -> {
      c.setModule("callback-module");
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }));
    await(await(pool.acquire()).close());

    AsyncConnection second = await(pool.acquire());
    assertThat(clientInfo(second, "OCSID.MODULE")).isEqualTo("callback-module");
    await(second.close());
  }

  @Test
  void theCurrentSchemaSetInTheSessionCallbackStays() {
    pool(TestDatabases.options().max(1).sessionCallback((c, tag) -> c.execute("create schema if not exists app")
        .thenCompose(ignored -> c.setCurrentSchema("APP"))));

    AsyncConnection first = await(pool.acquire());
    assertThat(await(first.currentSchema())).isEqualTo("APP");
    await(first.setCurrentSchema("PUBLIC"));
    await(first.close());
    AsyncConnection second = await(pool.acquire());
    assertThat(await(second.currentSchema())).as("reset to the callback's schema").isEqualTo("APP");
    await(second.close());
  }

  @Test
  void theIsolationLevelSetInTheSessionCallbackStays() {
    pool(TestDatabases.options().max(1)
        .sessionCallback((c, tag) -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE)));

    AsyncConnection first = await(pool.acquire());
    assertThat(await(first.transactionIsolation())).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
    await(first.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED));
    await(first.close());
    AsyncConnection second = await(pool.acquire());
    assertThat(await(second.transactionIsolation())).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
    await(second.close());
  }

  @Test
  void theStatementCacheSizeSetInTheSessionCallbackStays() {
    pool(TestDatabases.options().max(1).stmtCacheSize(20).sessionCallback((c, tag) -> {
      c.setStmtCacheSize(50);
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }));

    AsyncConnection first = await(pool.acquire());
    assertThat(first.stmtCacheSize()).isEqualTo(50);
    first.setStmtCacheSize(7);
    await(first.ping());
    await(first.close());
    AsyncConnection second = await(pool.acquire());
    assertThat(second.stmtCacheSize()).isEqualTo(50);
    await(second.close());
  }

  @Test
  void theAutocommitDefaultSetInTheSessionCallbackStays() throws SQLException {
    pool(TestDatabases.options().max(1).sessionCallback((c, tag) -> c.setAutocommit(true)));
    await(pool.withConnection(c -> c.execute("create table t (id number)")));

    AsyncConnection first = await(pool.acquire());
    assertThat(first.autocommit()).isTrue();
    await(first.execute("insert into t values (1)"));
    await(first.setAutocommit(false));
    await(first.execute("insert into t values (2)"));
    await(first.close());
    assertThat(countRows()).as("the first insert was committed, the second rolled back").isEqualTo(1);

    AsyncConnection second = await(pool.acquire());
    assertThat(second.autocommit()).as("reset to the callback's default").isTrue();
    assertThat(((ConnectionImpl) second).session().jdbc().getAutoCommit()).isTrue();
    await(second.execute("insert into t values (3)"));
    await(second.close());
    assertThat(countRows()).isEqualTo(2);
  }

  private int countRows() throws SQLException {
    PoolOptions o = pool.options();
    try (Connection c = DriverManager.getConnection(o.jdbcUrl(), o.user(), o.password());
        ResultSet rs = c.createStatement().executeQuery("select count(*) from t")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void theBaselineStaysWhenUcpLendsTheSameSessionAgain() throws SQLException {
    // maxHold of 1 ms: every release gives the connection back to UCP, and the next acquire borrows it again.
    pool(TestDatabases.options().min(1).max(1).module("pool-module").maxHold(Duration.ofMillis(1))
        .sessionCallback((c, tag) -> {
          callbacks.incrementAndGet();
          c.setModule("callback-module");
          c.setCallTimeout(Duration.ofSeconds(7));
          return c.setAutocommit(true);
        }));
    UcpAsyncPool ucpPool = (UcpAsyncPool) pool;
    AsyncConnection first = await(pool.acquire());
    long session = sessionId(first);
    await(first.close());
    eventually("given back to UCP", () -> ucpPool.heldConnections() == 0);

    AsyncConnection again = await(pool.acquire());
    assertThat(sessionId(again)).as("UCP lent the same session").isEqualTo(session);
    assertThat(callbacks).as("set up once").hasValue(1);
    assertThat(again.autocommit()).isTrue();
    assertThat(((ConnectionImpl) again).session().jdbc().getAutoCommit()).isTrue();
    assertThat(clientInfo(again, "OCSID.MODULE")).isEqualTo("callback-module");
    assertThat(again.callTimeout()).isEqualTo(Duration.ofSeconds(7));
    await(again.close());
  }

  @Test
  void whatTheOnConnectHookSetsIsNotPartOfTheBaseline() throws SQLException {
    pool(TestDatabases.options().max(1)
        .sessionCallback((c, tag) -> {
          c.setAction("baseline");
          return java.util.concurrent.CompletableFuture.completedFuture(null);
        })
        .onConnect(c -> {
          c.setClientIdentifier("request");
          c.setCallTimeout(Duration.ofSeconds(2));
          return java.util.concurrent.CompletableFuture.completedFuture(null);
        }));
    AsyncConnection first = await(pool.acquire());
    await(first.ping());
    assertThat(clientInfo(first, "OCSID.CLIENTID")).isEqualTo("request");
    assertThat(first.callTimeout()).isEqualTo(Duration.ofSeconds(2));
    await(first.close());

    AsyncConnection second = await(pool.acquire());
    assertThat(clientInfo(second, "OCSID.CLIENTID")).as("reset: set by the per-lend hook").isEmpty();
    assertThat(clientInfo(second, "OCSID.ACTION")).isEqualTo("baseline");
    await(second.close());
  }
}
