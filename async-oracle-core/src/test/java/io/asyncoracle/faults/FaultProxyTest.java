package io.asyncoracle.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault proxy itself, driven with plain JDBC against an H2 TCP server. */
class FaultProxyTest {

  /** How long a call that must hang is watched before the test says it hangs. */
  private static final long HANGS_MILLIS = 500;
  /** How long a call that must end (fail or succeed) gets; generous, as the machine is shared. */
  private static final long ENDS_SECONDS = 10;

  private static H2TcpServer h2;
  private FaultProxy proxy;
  private String url;
  private ExecutorService callers;

  @BeforeAll
  static void startServer() throws SQLException {
    h2 = H2TcpServer.start();
  }

  @AfterAll
  static void stopServer() {
    h2.close();
  }

  @BeforeEach
  void startProxy() throws Exception {
    proxy = h2.proxy();
    url = h2.urlThrough(proxy, H2TcpServer.newDatabaseName());
    callers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fault-proxy-test-caller");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
    assertThat(proxy.liveThreads()).as("threads left after close").isEmpty();
    callers.shutdownNow();
  }

  @Test
  void passForwardsTraffic() throws Exception {
    try (Connection c = connect()) {
      assertThat(queryInt(c, "select 40 + 2 from dual")).isEqualTo(42);
    }
    assertThat(proxy.acceptedConnections()).isEqualTo(1);
  }

  @Test
  void latencyDelaysEachWay() throws Exception {
    try (Connection c = connect()) {
      queryInt(c, "select 1 from dual");
      proxy.latency(Duration.ofMillis(150));

      long start = System.nanoTime();
      assertThat(queryInt(c, "select 2 from dual")).isEqualTo(2);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      // A query is at least one chunk out and one back: twice the latency, at the very least.
      assertThat(millis).isGreaterThanOrEqualTo(300);
      proxy.pass();
      assertThat(queryInt(c, "select 3 from dual")).isEqualTo(3);
    }
  }

  @Test
  void freezeHoldsAQueryUntilTheConnectionIsCut() throws Exception {
    Connection c = connect();
    queryInt(c, "select 1 from dual");
    proxy.freeze();

    Future<Integer> query = call(() -> queryInt(c, "select 2 from dual"));

    assertHangs(query);
    proxy.cut();
    assertFailsWithSqlException(query);
    closeBroken(c);
    proxy.pass();
    try (Connection again = connect()) {
      assertThat(queryInt(again, "select 3 from dual")).isEqualTo(3);
    }
  }

  @Test
  void freezeHoldsNewConnectionsAndThawingLetsThemThrough() throws Exception {
    proxy.freeze();

    Future<Integer> connectAndQuery = call(() -> {
      try (Connection c = connect()) {
        return queryInt(c, "select 7 from dual");
      }
    });

    assertHangs(connectAndQuery);
    assertThat(proxy.openConnections()).as("accepted while frozen").isEqualTo(1);
    proxy.pass();
    assertThat(connectAndQuery.get(ENDS_SECONDS, TimeUnit.SECONDS)).isEqualTo(7);
  }

  @Test
  void cutBreaksOpenConnectionsAndNewOnesWork() throws Exception {
    Connection c = connect();
    queryInt(c, "select 1 from dual");

    proxy.cut();

    assertThatThrownBy(() -> queryInt(c, "select 2 from dual")).isInstanceOf(SQLException.class);
    closeBroken(c);
    try (Connection again = connect()) {
      assertThat(queryInt(again, "select 3 from dual")).isEqualTo(3);
    }
    assertThat(proxy.acceptedConnections()).isEqualTo(2);
  }

  @Test
  void blackholeNeverAnswersNewConnectionsButKeepsExistingOnes() throws Exception {
    Connection existing = connect();
    proxy.blackhole();

    Future<Connection> fresh = call(this::connect);

    assertThat(queryInt(existing, "select 1 from dual")).as("existing connection").isEqualTo(1);
    assertHangs(fresh);
    proxy.cut();
    assertFailsWithSqlException(fresh);
    closeBroken(existing);
    proxy.pass();
    try (Connection again = connect()) {
      assertThat(queryInt(again, "select 2 from dual")).isEqualTo(2);
    }
  }

  @Test
  void closeEndsEveryThreadWhateverTheConnectionsAreDoing() throws Exception {
    Connection open = connect();
    proxy.freeze();
    Future<Integer> frozenQuery = call(() -> queryInt(open, "select 1 from dual"));
    Future<Connection> frozenConnect = call(this::connect);
    assertHangs(frozenQuery);

    proxy.close();

    assertThat(proxy.liveThreads()).isEmpty();
    assertFailsWithSqlException(frozenQuery);
    assertFailsWithSqlException(frozenConnect);
    closeBroken(open);
  }

  @Test
  void onlyForwardsToLoopback() {
    assertThatThrownBy(() -> FaultProxy.to(new InetSocketAddress("192.0.2.1", 1521)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "sa", "");
  }

  private static int queryInt(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Closes a connection the proxy broke: H2 may report the broken session once more on close. */
  private static void closeBroken(Connection c) {
    try {
      c.close();
    } catch (SQLException expected) {
      // Connection is broken: "session closed"; nothing is left to release.
    }
  }

  private <T> Future<T> call(Callable<T> body) {
    return callers.submit(body);
  }

  private static void assertHangs(Future<?> call) throws Exception {
    assertThatThrownBy(() -> call.get(HANGS_MILLIS, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
  }

  private static void assertFailsWithSqlException(Future<?> call) throws Exception {
    try {
      Object value = call.get(ENDS_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("expected an SQLException, got " + value);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(SQLException.class);
    }
  }
}
