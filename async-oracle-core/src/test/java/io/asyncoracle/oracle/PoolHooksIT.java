package io.asyncoracle.oracle;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The on-connect hook and the session callback with real {@code ALTER SESSION}s, {@code pool.drop}
 * with a real session, on Oracle: the on-connect hook runs on every lend, what the session callback
 * set stays with the session when UCP lends the same ojdbc connection again, and a dropped session
 * is gone from {@code V$SESSION}.
 */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class PoolHooksIT {

  private static final String SID_SERIAL = "select sys_context('USERENV', 'SID') || ',' || serial#"
      + " from v$session where sid = sys_context('USERENV', 'SID')";

  private AsyncPool pool;

  @AfterEach
  void closePool() {
    if (pool != null) {
      await(pool.close(true, false));
    }
  }

  private static String session(AsyncConnection c) {
    return String.valueOf(await(c.fetchOne(SID_SERIAL)).get(0));
  }

  @Test
  void theOnConnectHookRunsOnEveryLendAcrossUcpBorrows() {
    AtomicInteger runs = new AtomicInteger();
    pool = await(AsyncOracle.createPool(OracleDatabase.options().min(1).max(1).maxHold(Duration.ofMillis(1))
        .onConnect(c -> {
          runs.incrementAndGet();
          return c.execute("alter session set time_zone = 'UTC'");
        }).build()));
    Set<String> sessions = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      AsyncConnection c = await(pool.acquire());
      assertThat(runs).as("python-oracledb's test 5546: once per acquire").hasValue(i + 1);
      sessions.add(session(c));
      assertThat(await(c.fetchOne("select sessiontimezone from dual")).get(0)).isEqualTo("UTC");
      await(c.close());
    }
    assertThat(sessions.size()).isLessThan(5);
  }

  @Test
  void whatTheSessionCallbackSetsStaysWithTheSessionAcrossUcpBorrows() {
    String attributes = "select module, action, client_identifier from v$session"
        + " where sid = sys_context('USERENV', 'SID')";
    pool = await(AsyncOracle.createPool(OracleDatabase.options().min(1).max(1).maxHold(Duration.ofMillis(1))
        .sessionCallback((c, tag) -> {
          c.setModule("callback-module");
          c.setAction("callback-action");
          c.setCallTimeout(Duration.ofMillis(5000));
          return c.execute("alter session set nls_date_format = 'YYYY-MM-DD'");
        })
        .onConnect(c -> {
          c.setClientIdentifier("end-user");
          return java.util.concurrent.CompletableFuture.completedFuture(null);
        }).build()));
    AsyncConnection first = await(pool.acquire());
    String sessionOfFirst = session(first);
    first.setAction("request-action");
    first.setCallTimeout(Duration.ofSeconds(1));
    // Attributes travel with the next call, as in SessionTagsIT: one call, then read them.
    await(first.fetchOne("select 1 from dual"));
    var row = await(first.fetchOne(attributes));
    assertThat(row.get("ACTION")).isEqualTo("request-action");
    assertThat(row.get("CLIENT_IDENTIFIER")).isEqualTo("end-user");
    await(first.close());

    AsyncConnection second = await(pool.acquire());
    assertThat(second.callTimeout()).as("python-oracledb's test 5545").isEqualTo(Duration.ofMillis(5000));
    await(second.fetchOne("select 1 from dual"));
    row = await(second.fetchOne(attributes));
    assertThat(row.get("MODULE")).isEqualTo("callback-module");
    assertThat(row.get("ACTION")).as("the application's change reset to the callback's").isEqualTo("callback-action");
    assertThat(row.get("CLIENT_IDENTIFIER")).as("set again by the on-connect hook").isEqualTo("end-user");
    if (session(second).equals(sessionOfFirst)) {
      assertThat(await(second.fetchOne("select value from nls_session_parameters where parameter = 'NLS_DATE_FORMAT'"))
          .get(0)).isEqualTo("YYYY-MM-DD");
    }
    await(second.close());
  }

  @Test
  void theSessionCallbackSetsTheNlsDateFormatPerTag() {
    pool = await(AsyncOracle.createPool(OracleDatabase.options().max(1).sessionCallback((c, tag) -> {
      String format = "NLS_DATE_FORMAT=FULL".equals(tag) ? "YYYY-MM-DD HH24:MI" : "YYYY-MM-DD";
      return c.execute("alter session set nls_date_format = '" + format + "'").thenRun(() -> c.setTag(tag));
    }).build()));

    AsyncConnection full = await(pool.acquire("NLS_DATE_FORMAT=FULL"));
    assertThat(await(full.fetchOne("select value from nls_session_parameters where parameter = 'NLS_DATE_FORMAT'"))
        .get(0)).isEqualTo("YYYY-MM-DD HH24:MI");
    await(full.close());
    AsyncConnection again = await(pool.acquire("NLS_DATE_FORMAT=FULL"));
    assertThat(again.tag()).isEqualTo("NLS_DATE_FORMAT=FULL");
    await(again.close());
  }

  @Test
  void aDroppedSessionIsGoneFromTheDatabase() {
    pool = OracleDatabase.pool(2);
    AsyncConnection c = await(pool.acquire());
    String dropped = session(c);
    await(pool.drop(c));
    AsyncConnection other = await(pool.acquire());
    assertThat(session(other)).isNotEqualTo(dropped);
    await(other.close());
  }
}
