package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Oracle-only features on the embedded H2 database fail clearly, naming the feature and H2. */
class OracleOnlyOnH2Test {

  private AsyncPool pool;
  private AsyncConnection conn;

  @BeforeEach
  void openPool() {
    pool = TestDatabases.pool(1);
    conn = await(pool.acquire());
  }

  @AfterEach
  void closePool() {
    await(conn.close());
    await(pool.close(true, false));
  }

  @Test
  void everyOracleOnlyCallFailsWithUnsupportedFeatureException() {
    Xid xid = conn.xid(1, "gtrid", "bqual");
    // A list, not a map: some features appear twice, once per overload.
    List<Map.Entry<String, Function<AsyncConnection, CompletableFuture<?>>>> calls = new ArrayList<>();
    calls.add(Map.entry("tpcBegin", c -> c.tpcBegin(xid)));
    calls.add(Map.entry("tpcBegin", c -> c.tpcBegin(xid, TpcBeginFlag.JOIN, 5)));
    calls.add(Map.entry("tpcEnd", c -> c.tpcEnd()));
    calls.add(Map.entry("tpcEnd", c -> c.tpcEnd(xid, TpcEndFlag.SUSPEND)));
    calls.add(Map.entry("tpcPrepare", c -> c.tpcPrepare()));
    calls.add(Map.entry("tpcCommit", c -> c.tpcCommit(xid, true)));
    calls.add(Map.entry("tpcRollback", c -> c.tpcRollback()));
    calls.add(Map.entry("tpcForget", c -> c.tpcForget(xid)));
    calls.add(Map.entry("tpcRecover", AsyncConnection::tpcRecover));
    calls.add(Map.entry("changePassword", c -> c.changePassword("old-pw", "new-pw")));
    calls.add(Map.entry("getType", c -> c.getType("MY_TYPE")));
    calls.add(Map.entry("dbName", AsyncConnection::dbName));
    calls.add(Map.entry("dbDomain", AsyncConnection::dbDomain));
    calls.add(Map.entry("instanceName", AsyncConnection::instanceName));
    calls.add(Map.entry("edition", AsyncConnection::edition));
    calls.add(Map.entry("sdu", AsyncConnection::sdu));
    calls.add(Map.entry("ltxid", AsyncConnection::ltxid));
    calls.add(Map.entry("maxOpenCursors", AsyncConnection::maxOpenCursors));
    for (Map.Entry<String, Function<AsyncConnection, CompletableFuture<?>>> call : calls) {
      assertThat(failure(call.getValue().apply(conn))).as(call.getKey())
          .isInstanceOfSatisfying(UnsupportedFeatureException.class, e -> {
            assertThat(e.feature()).isEqualTo(call.getKey());
            assertThat(e.database()).startsWith("H2 ");
            assertThat(e.getMessage()).contains(call.getKey()).contains("H2").contains("requires Oracle Database");
          });
    }
  }

  @Test
  void theRestOfTheTpcFamilyFailsTheSameWay() {
    Xid xid = conn.xid(1, "gtrid", "bqual");
    assertThat(failure(conn.tpcPrepare(xid))).isInstanceOf(UnsupportedFeatureException.class);
    assertThat(failure(conn.tpcCommit())).isInstanceOf(UnsupportedFeatureException.class);
    assertThat(failure(conn.tpcRollback(xid))).isInstanceOf(UnsupportedFeatureException.class);
  }

  @Test
  void theConnectionStaysUsableAfterwards() {
    failure(conn.tpcBegin(conn.xid(1, "g", "b")));
    assertThat(conn.isHealthy()).isTrue();
    assertThat(await(conn.fetchOne("select 1 from dual")).get(0, Integer.class)).isEqualTo(1);
  }

  @Test
  void argumentsAreCheckedBeforeTheDatabase() {
    assertThat(failure(conn.changePassword("", "new"))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("oldPassword"));
    assertThat(failure(conn.changePassword("old", null))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("newPassword"));
    assertThat(failure(conn.changePassword("old", "new\" REPLACE \"x"))).isInstanceOf(InvalidArgumentException.class)
        .hasMessageNotContaining("REPLACE");
    assertThat(failure(conn.getType("t; drop table x"))).isInstanceOf(InvalidArgumentException.class);
    assertThat(failure(conn.tpcBegin(null))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("xid"));
    assertThat(failure(conn.tpcBegin(conn.xid(1, "g", "b"), null, 0))).isInstanceOfSatisfying(
        InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("flag"));
    assertThat(failure(conn.tpcEnd(null, null))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("flag"));
    assertThat(failure(conn.tpcForget(null))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("xid"));
    assertThat(failure(conn.tpcBegin(conn.xid(1, "g", "b"), TpcBeginFlag.NEW, -1)))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("timeoutSeconds"));
  }
}
