package io.asyncoracle.internal;

import static io.asyncoracle.PoolTestSupport.eventually;
import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.DatabaseException;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code AsyncOracle.connect(PoolOptions)}: a standalone connection with the connection settings of
 * pool options, and the on-connect hook run before the connection is returned (python-oracledb's
 * {@code connect_async(on_connect_callback=...)}).
 */
class StandaloneConnectionsTest {

  private final String url = TestDatabases.newUrl();

  private PoolOptions.Builder options() {
    return PoolOptions.builder().url(url).user("sa").password("secret-pw");
  }

  /** Sessions of the test's database other than the watcher's own. */
  private int openSessions() {
    try (Connection c = DriverManager.getConnection(url, "sa", "secret-pw");
        ResultSet rs = c.createStatement().executeQuery(
            "select count(*) from information_schema.sessions where session_id <> session_id()")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theOnConnectHookRunsBeforeTheConnectionIsReturned() throws SQLException {
    AtomicInteger hookRuns = new AtomicInteger();
    CompletableFuture<AsyncConnection> connecting = AsyncOracle.connect(options()
        .module("reporting").callTimeout(Duration.ofSeconds(4)).arraySize(7)
        .onConnect(c -> {
          hookRuns.incrementAndGet();
          return c.execute("set @tz = 'UTC'");
        }).build());

    AsyncConnection c = await(connecting);
    assertThat(hookRuns).hasValue(1);
    assertThat(await(c.fetchOne("select @tz from dual")).get(0)).isEqualTo("UTC");
    assertThat(c.callTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(c.cursor().arraySize()).isEqualTo(7);
    assertThat(((ConnectionImpl) c).session().jdbc().getClientInfo("OCSID.MODULE")).isEqualTo("reporting");
    await(c.close());
    assertThat(hookRuns).as("once per connect").hasValue(1);
    eventually("closed for real", () -> openSessions() == 0);
  }

  @Test
  void eachConnectRunsTheHook() {
    AtomicInteger hookRuns = new AtomicInteger();
    PoolOptions withHook = options().onConnect(c -> {
      hookRuns.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    }).build();
    for (int i = 0; i < 3; i++) {
      await(await(AsyncOracle.connect(withHook)).close());
      assertThat(hookRuns).hasValue(i + 1);
    }
  }

  @Test
  void aFailingHookFailsTheConnectAndClosesTheConnection() {
    assertThat(failure(AsyncOracle.connect(options()
        .onConnect(c -> c.execute("alter session set no_such_setting = 1")).build())))
        .isInstanceOf(DatabaseException.class);
    eventually("the connection is closed", () -> openSessions() == 0);

    assertThat(failure(AsyncOracle.connect(options().onConnect(c -> {
      throw new IllegalStateException("simulated: the end user's context is missing");
    }).build()))).isInstanceOf(IllegalStateException.class).hasMessageContaining("simulated");
    assertThat(failure(AsyncOracle.connect(options().onConnect(c -> null).build())))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("onConnect");
    eventually("every connection is closed", () -> openSessions() == 0);
  }

  @Test
  void badOptionsFailTheFuture() {
    assertThat(failure(AsyncOracle.connect((PoolOptions) null))).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void theThreeArgumentConnectIsUnchanged() {
    AsyncConnection c = await(AsyncOracle.connect("sa", "secret-pw", url));
    assertThat(c.callTimeout()).isEqualTo(Duration.ZERO);
    assertThat(c.stmtCacheSize()).isEqualTo(PoolOptions.DEFAULT_STMT_CACHE_SIZE);
    await(c.close());
  }
}
