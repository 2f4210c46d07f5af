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
 * with a real session, on Oracle: the pool recognises an ojdbc physical connection UCP lends it
 * again, and a dropped session is gone from {@code V$SESSION}.
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
  void theOnConnectHookRunsOncePerPhysicalConnectionAcrossUcpBorrows() {
    AtomicInteger runs = new AtomicInteger();
    pool = await(AsyncOracle.createPool(OracleDatabase.options().min(1).max(1).maxHold(Duration.ofMillis(1))
        .onConnect(c -> {
          runs.incrementAndGet();
          return c.execute("alter session set time_zone = 'UTC'");
        }).build()));
    Set<String> sessions = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      AsyncConnection c = await(pool.acquire());
      sessions.add(session(c));
      assertThat(await(c.fetchOne("select sessiontimezone from dual")).get(0)).isEqualTo("UTC");
      await(c.close());
    }
    assertThat(runs).hasValue(sessions.size());
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
