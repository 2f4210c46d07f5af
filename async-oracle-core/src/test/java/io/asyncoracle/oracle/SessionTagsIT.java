package io.asyncoracle.oracle;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Module, action, client identifier, client info and ECID reach V$SESSION with the next call. */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class SessionTagsIT {

  private static final String OWN_SESSION = "select module, action, client_identifier, client_info, ecid"
      + " from v$session where sid = sys_context('USERENV', 'SID')";

  private AsyncPool pool;

  @AfterEach
  void closePool() {
    if (pool != null) {
      await(pool.close(true, false));
    }
  }

  @Test
  void tagsAreVisibleInVsession() {
    pool = OracleDatabase.pool(1);
    AsyncConnection c = await(pool.acquire());
    c.setModule("billing");
    c.setAction("close-month");
    c.setClientIdentifier("user-17");
    c.setClientInfo("batch job");
    c.setEcontextId("ecid-0001");
    await(c.fetchOne("select 1 from dual"));

    Row session = await(c.fetchOne(OWN_SESSION));
    assertThat(session.get("MODULE")).isEqualTo("billing");
    assertThat(session.get("ACTION")).isEqualTo("close-month");
    assertThat(session.get("CLIENT_IDENTIFIER")).isEqualTo("user-17");
    assertThat(session.get("CLIENT_INFO")).isEqualTo("batch job");
    assertThat(session.get("ECID")).isEqualTo("ecid-0001");
    Row context = await(c.fetchOne("select sys_context('USERENV', 'MODULE'), sys_context('USERENV', 'ACTION'),"
        + " sys_context('USERENV', 'CLIENT_IDENTIFIER') from dual"));
    assertThat(context.values()).containsExactly("billing", "close-month", "user-17");
    await(c.close());
  }

  @Test
  void aDatabaseOperationNameIsAcceptedWithTheNextCall() {
    // DBOP_NAME shows in V$SQL_MONITOR only for monitored statements; what must hold everywhere is
    // that the driver sends it without breaking the call it rides on.
    pool = OracleDatabase.pool(1);
    AsyncConnection c = await(pool.acquire());
    c.setDbOp("month_end");
    assertThat(await(c.fetchOne("select 'ran' from dual")).get(0)).isEqualTo("ran");
    assertThat(c.isHealthy()).isTrue();
    await(c.close());
  }

  @Test
  void tagsDoNotLeakToTheNextBorrower() {
    pool = OracleDatabase.pool(1);
    AsyncConnection first = await(pool.acquire());
    Object sid = await(first.fetchOne("select sys_context('USERENV', 'SID') from dual")).get(0);
    first.setModule("leaky");
    first.setAction("leaky-action");
    first.setClientIdentifier("leaky-client");
    await(first.fetchOne("select 1 from dual"));
    await(first.close());

    AsyncConnection second = await(pool.acquire());
    Row session = await(second.fetchOne("select sys_context('USERENV', 'SID'), module, action, client_identifier"
        + " from v$session where sid = sys_context('USERENV', 'SID')"));
    assertThat(session.get(0)).as("same session").isEqualTo(sid);
    assertThat(session.get("MODULE")).isNotEqualTo("leaky");
    assertThat(session.get("ACTION")).isNotEqualTo("leaky-action");
    assertThat(session.get("CLIENT_IDENTIFIER")).isNotEqualTo("leaky-client");
    await(second.close());
  }

  @Test
  void thePoolModuleTagsEveryBorrowedConnection() {
    pool = await(AsyncOracle.createPool(OracleDatabase.options().max(1).module("async-oracle-it").build()));
    AsyncConnection c = await(pool.acquire());
    assertThat(await(c.fetchOne("select sys_context('USERENV', 'MODULE') from dual")).get(0))
        .isEqualTo("async-oracle-it");
    await(c.close());
  }
}
