package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class AsyncOracleTest {

  @Test
  void makeDsnBuildsAServiceNameDescriptor() {
    assertThat(AsyncOracle.makeDsn("db.example.com", 1521, "orclpdb1")).isEqualTo(
        "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db.example.com)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=orclpdb1)))");
  }

  @Test
  void makeDsnWithSidBuildsASidDescriptor() {
    assertThat(AsyncOracle.makeDsnWithSid("10.0.0.7", 1522, "ORCL")).isEqualTo(
        "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=10.0.0.7)(PORT=1522))(CONNECT_DATA=(SID=ORCL)))");
  }

  @Test
  void makeDsnAcceptsThePortLimits() {
    assertThat(AsyncOracle.makeDsn("h", 1, "s")).contains("(PORT=1)");
    assertThat(AsyncOracle.makeDsn("h", 65535, "s")).contains("(PORT=65535)");
  }

  @Test
  void makeDsnRejectsBadArgumentsNamingThem() {
    assertThatThrownBy(() -> AsyncOracle.makeDsn(" ", 1521, "svc"))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("host"));
    assertThatThrownBy(() -> AsyncOracle.makeDsn(null, 1521, "svc"))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("host"));
    assertThatThrownBy(() -> AsyncOracle.makeDsn("db", 0, "svc"))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("port"));
    assertThatThrownBy(() -> AsyncOracle.makeDsn("db", 65536, "svc"))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("port"));
    assertThatThrownBy(() -> AsyncOracle.makeDsn("db", 1521, ""))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("serviceName"));
    assertThatThrownBy(() -> AsyncOracle.makeDsnWithSid("db", 1521, null))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("sid"));
  }

  @Test
  void makeDsnRejectsTextThatWouldBreakTheDescriptor() {
    assertThatThrownBy(() -> AsyncOracle.makeDsn("db)(HOST=evil", 1521, "svc"))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("host"));
    assertThatThrownBy(() -> AsyncOracle.makeDsn("db", 1521, "svc)(X=1"))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("serviceName"));
  }

  @Test
  void createPoolFromUserPasswordAndAJdbcUrlDsn() {
    AsyncPool pool = await(AsyncOracle.createPool("sa", "pw", TestDatabases.newUrl()));
    try {
      assertThat(pool.options().jdbcUrl()).startsWith("jdbc:h2:mem:");
      assertThat(pool.options().max()).isEqualTo(PoolOptions.DEFAULT_MAX);
      Row row = await(pool.withConnection(c -> c.fetchOne("select 40 + 2 from dual")));
      assertThat(row.get(0, Integer.class)).isEqualTo(42);
      assertThat(pool.stats().busy()).as("withConnection gave the connection back").isZero();
    } finally {
      await(pool.close(true, false));
    }
    assertThat(pool.isClosed()).isTrue();
  }

  @Test
  void createPoolFailsTheFutureInsteadOfThrowing() {
    assertThat(failure(AsyncOracle.createPool("sa", "pw", " "))).isInstanceOfSatisfying(
        InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("dsn"));
    assertThat(failure(AsyncOracle.createPool(null))).isInstanceOfSatisfying(
        InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("options"));
  }

  @Test
  void createPoolFailsFastWhenTheDatabaseRefusesTheLogin() {
    // H2 with IFEXISTS=TRUE refuses to create a database: the pool cannot open its first connection.
    String url = "jdbc:h2:mem:missing" + UUID.randomUUID().toString().replace("-", "") + ";IFEXISTS=TRUE";
    Throwable error = failure(AsyncOracle.createPool(PoolOptions.builder().url(url).user("sa").password("pw").build()));
    assertThat(error).isInstanceOf(AsyncOracleException.class);
  }

  @Test
  void connectOpensAStandaloneConnectionThatCloseReallyCloses() {
    String url = TestDatabases.newUrl();
    AsyncConnection observer = await(AsyncOracle.connect("sa", "pw", url));
    try {
      AsyncConnection standalone = await(AsyncOracle.connect("sa", "pw", url));
      assertThat(standalone.dsn()).isEqualTo(url);
      assertThat(await(standalone.fetchOne("select 'standalone' from dual")).get(0)).isEqualTo("standalone");
      assertThat(sessions(observer)).isEqualTo(2);

      await(standalone.close());

      assertThat(standalone.isClosed()).isTrue();
      assertThat(standalone.isHealthy()).isFalse();
      assertThat(sessions(observer)).as("the physical session is gone, not parked in a pool").isEqualTo(1);
      assertThat(failure(standalone.fetchOne("select 1 from dual"))).isInstanceOf(AsyncOracleException.class)
          .hasMessageContaining("closed");
    } finally {
      await(observer.close());
    }
  }

  @Test
  void connectRejectsABlankDsn() {
    assertThat(failure(AsyncOracle.connect("sa", "pw", ""))).isInstanceOfSatisfying(
        InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("dsn"));
  }

  @Test
  void connectReportsADatabaseErrorWhenTheLoginFails() {
    String url = "jdbc:h2:mem:missing" + UUID.randomUUID().toString().replace("-", "") + ";IFEXISTS=TRUE";
    assertThat(failure(AsyncOracle.connect("sa", "pw", url))).isInstanceOf(DatabaseException.class);
  }

  private static long sessions(AsyncConnection connection) {
    return await(connection.fetchOne("select count(*) from information_schema.sessions")).get(0, Long.class);
  }
}
