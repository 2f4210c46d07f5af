package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 3: with every log at its finest, no password given inside a URL or DSN, nor any
 * other password, shows up in any log record or anything printed, whether the connect works or
 * fails. UCP logs its URL at FINE, and the URL is where these passwords used to be.
 */
class PasswordsStayOutOfLogsTest {

  /** Each password is distinct, so a failure says which path leaked it. */
  private static final String H2_INLINE = "h2InlineSecret4711";
  private static final String H2_WRONG = "h2WrongSecret4712";
  private static final String H2_TCP = "h2TcpSecret4713";
  private static final String ORACLE_URL = "oraUrlSecret4714";
  private static final String ORACLE_DSN = "oraDsnSecret4715";
  private static final String EXPLICIT = "explicitSecret4716";
  private static final String PROPERTY = "propertySecret4717";
  private static final List<String> SECRETS =
      List.of(H2_INLINE, H2_WRONG, H2_TCP, ORACLE_URL, ORACLE_DSN, EXPLICIT, PROPERTY);

  @Test
  void noPasswordReachesAnyLogOrConsole() throws Exception {
    String db = "logs" + UUID.randomUUID().toString().replace("-", "");
    String h2 = "jdbc:h2:mem:" + db + ";MODE=Oracle;DB_CLOSE_DELAY=-1";
    int closed = closedPort();
    List<String> outcomes = new ArrayList<>();
    String text;
    try (LogCapture logs = new LogCapture()) {
      System.getLogger(PasswordsStayOutOfLogsTest.class.getName())
          .log(System.Logger.Level.TRACE, "system-logger-canary");

      // Inline H2 credentials; the first connection creates the database with this password.
      outcomes.add(pool(logs, "h2 inline", PoolOptions.builder().url(h2 + ";USER=sa;PASSWORD=" + H2_INLINE)));
      outcomes.add(connect(logs, "h2 inline standalone", null, null, h2 + ";USER=sa;PASSWORD=" + H2_INLINE));
      // Wrong inline password for the same database.
      outcomes.add(pool(logs, "h2 wrong", PoolOptions.builder().url(h2 + ";USER=sa;PASSWORD=" + H2_WRONG)));
      outcomes.add(connect(logs, "h2 wrong standalone", null, null, h2 + ";USER=sa;PASSWORD=" + H2_WRONG));
      // The explicit password wins over the (wrong) inline one; a driver property holds a password.
      outcomes.add(pool(logs, "h2 explicit", PoolOptions.builder().url(h2 + ";USER=sa;PASSWORD=" + H2_WRONG)
          .user("sa").password(H2_INLINE).connectionProperty("javax.net.ssl.trustStorePassword", PROPERTY)));
      // Failed connects: nothing listens on the port.
      String tcp = "jdbc:h2:tcp://127.0.0.1:" + closed + "/mem:" + db + ";USER=sa;PASSWORD=" + H2_TCP;
      outcomes.add(pool(logs, "h2 tcp refused", PoolOptions.builder().url(tcp)));
      outcomes.add(connect(logs, "h2 tcp refused standalone", null, null, tcp));
      String oracleUrl = "jdbc:oracle:thin:scott/" + ORACLE_URL + "@//127.0.0.1:" + closed + "/FREEPDB1";
      outcomes.add(pool(logs, "oracle url", PoolOptions.builder().url(oracleUrl)));
      outcomes.add(connect(logs, "oracle url standalone", null, null, oracleUrl));
      String oracleDsn = "scott/" + ORACLE_DSN + "@127.0.0.1:" + closed + "/FREEPDB1";
      outcomes.add(pool(logs, "oracle dsn", PoolOptions.builder().dsn(oracleDsn)));
      outcomes.add(connect(logs, "oracle dsn standalone", null, null, oracleDsn));
      outcomes.add(pool(logs, "oracle explicit", PoolOptions.builder().dsn(oracleDsn).user("scott").password(EXPLICIT)
          .connectionProperty("javax.net.ssl.trustStorePassword", PROPERTY)));

      text = logs.text();
    }

    // Proves the capture saw the libraries' logs, so an empty capture cannot pass.
    assertThat(text).contains("system-logger-canary").contains("oracle.ucp").contains("oracle.jdbc")
        .contains("CONNECTION_POOL_NAME").contains(db);
    List<String> leaks = new ArrayList<>();
    for (String secret : SECRETS) {
      int at = text.indexOf(secret);
      if (at >= 0) {
        leaks.add(secret + " in ..." + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 50)));
      }
    }
    assertThat(leaks).as("passwords found in the captured logs").isEmpty();
    assertThat(outcomes).as("what each attempt did").containsExactly(
        "h2 inline: ok", "h2 inline standalone: ok",
        "h2 wrong: failed", "h2 wrong standalone: failed",
        "h2 explicit: ok",
        "h2 tcp refused: failed", "h2 tcp refused standalone: failed",
        "oracle url: failed", "oracle url standalone: failed",
        "oracle dsn: failed", "oracle dsn standalone: failed",
        "oracle explicit: failed");
  }

  /** Creates a pool, runs a query and closes it; returns "what: ok" or "what: failed". */
  private static String pool(LogCapture logs, String what, PoolOptions.Builder options) {
    return attempt(logs, what, AsyncOracle.createPool(options.min(1).max(2)
        .acquireTimeout(Duration.ofSeconds(5)).build()), pool -> pool.withConnection(c -> c.fetchOne("select 1 from dual"))
        .handle((row, error) -> error).thenCompose(error -> pool.close().thenApply(closed -> error)));
  }

  /** Opens a standalone connection, runs a query and closes it. */
  private static String connect(LogCapture logs, String what, String user, String password, String dsn) {
    return attempt(logs, what, AsyncOracle.connect(user, password, dsn), c -> c.fetchOne("select 1 from dual")
        .handle((row, error) -> error).thenCompose(error -> c.close().thenApply(closed -> error)));
  }

  private static <T> String attempt(LogCapture logs, String what, CompletableFuture<T> opened,
      Function<T, CompletableFuture<Throwable>> use) {
    try {
      T resource = opened.get(TestFutures.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Throwable error = await(use.apply(resource));
      if (error != null) {
        logs.record(what, error);
        return what + ": query failed";
      }
      return what + ": ok";
    } catch (ExecutionException | CompletionException e) {
      logs.record(what, e.getCause());
      return what + ": failed";
    } catch (Exception e) {
      logs.record(what, e);
      return what + ": " + e;
    }
  }

  /** A loopback port nothing listens on: bound once to get a free one, then closed. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
