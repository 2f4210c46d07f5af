package io.asyncoracle.internal;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Session tags and session state, checked on the JDBC connection itself. H2's Oracle mode accepts
 * client-info names with a dot, so the {@code OCSID.*} keys ojdbc understands can be read back.
 * Pools here have one connection, so every acquire gets the same physical session.
 */
class SessionTest {

  private static final Map<String, String> TAGS = Map.of(
      "OCSID.MODULE", "billing",
      "OCSID.ACTION", "close-month",
      "OCSID.CLIENTID", "user-17",
      "OCSID.CLIENT_INFO", "batch job",
      "OCSID.DBOP", "month-end",
      "OCSID.ECID", "ecid-0001");

  private AsyncPool pool;

  @AfterEach
  void closePool() {
    if (pool != null) {
      await(pool.close(true, false));
    }
  }

  private AsyncPool singleConnectionPool(String module) {
    pool = await(AsyncOracle.createPool(TestDatabases.options().min(1).max(1).module(module).build()));
    return pool;
  }

  private static Connection jdbc(AsyncConnection connection) {
    return ((ConnectionImpl) connection).session().jdbc();
  }

  private static String clientInfo(AsyncConnection connection, String key) throws SQLException {
    return jdbc(connection).getClientInfo(key);
  }

  private static void setAllTags(AsyncConnection c) {
    c.setModule(TAGS.get("OCSID.MODULE"));
    c.setAction(TAGS.get("OCSID.ACTION"));
    c.setClientIdentifier(TAGS.get("OCSID.CLIENTID"));
    c.setClientInfo(TAGS.get("OCSID.CLIENT_INFO"));
    c.setDbOp(TAGS.get("OCSID.DBOP"));
    c.setEcontextId(TAGS.get("OCSID.ECID"));
  }

  @Test
  void tagsAreSentWithTheNextCall() throws SQLException {
    AsyncConnection c = await(singleConnectionPool(null).acquire());
    setAllTags(c);
    for (String key : TAGS.keySet()) {
      assertThat(clientInfo(c, key)).as("%s before any call", key).isNull();
    }
    await(c.ping());
    for (Map.Entry<String, String> tag : TAGS.entrySet()) {
      assertThat(clientInfo(c, tag.getKey())).as(tag.getKey()).isEqualTo(tag.getValue());
    }
    await(c.close());
  }

  @Test
  void aNullTagClearsIt() throws SQLException {
    AsyncConnection c = await(singleConnectionPool(null).acquire());
    c.setAction("first");
    await(c.ping());
    c.setAction(null);
    await(c.ping());
    assertThat(clientInfo(c, "OCSID.ACTION")).isEmpty();
    await(c.close());
  }

  @Test
  void tagsSetByTheApplicationAreResetOnRelease() throws SQLException {
    singleConnectionPool(null);
    AsyncConnection first = await(pool.acquire());
    Object session = await(first.fetchOne("select session_id() from dual")).get(0);
    setAllTags(first);
    await(first.ping());
    await(first.close());

    AsyncConnection second = await(pool.acquire());
    assertThat(await(second.fetchOne("select session_id() from dual")).get(0)).as("same physical session")
        .isEqualTo(session);
    for (String key : TAGS.keySet()) {
      assertThat(clientInfo(second, key)).as(key).isEmpty();
    }
    await(second.close());
  }

  @Test
  void thePoolModuleIsSentOnEveryBorrowAndRestoredAfterAnOverride() throws SQLException {
    singleConnectionPool("pool-module");
    AsyncConnection first = await(pool.acquire());
    await(first.ping());
    assertThat(clientInfo(first, "OCSID.MODULE")).isEqualTo("pool-module");
    first.setModule("override");
    await(first.ping());
    assertThat(clientInfo(first, "OCSID.MODULE")).isEqualTo("override");
    await(first.close());

    AsyncConnection second = await(pool.acquire());
    assertThat(clientInfo(second, "OCSID.MODULE")).as("restored on release").isEqualTo("pool-module");
    second.setModule("again");
    await(second.ping());
    assertThat(clientInfo(second, "OCSID.MODULE")).isEqualTo("again");
    await(second.close());
  }

  @Test
  void tagsAreCheckedForLength() {
    AsyncConnection c = await(singleConnectionPool(null).acquire());
    assertThatThrownBy(() -> c.setModule("m".repeat(49)))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("module"));
    assertThatThrownBy(() -> c.setEcontextId("e".repeat(65)))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("econtextId"));
    c.setModule("m".repeat(48));
    c.setEcontextId("e".repeat(64));
    await(c.ping());
    await(c.close());
  }

  @Test
  void currentSchemaIsRestoredOnRelease() throws SQLException {
    singleConnectionPool(null);
    AsyncConnection first = await(pool.acquire());
    assertThat(await(first.currentSchema())).isEqualTo("PUBLIC");
    await(first.execute("create schema reports"));
    await(first.setCurrentSchema("REPORTS"));
    assertThat(await(first.currentSchema())).isEqualTo("REPORTS");
    await(first.execute("create table summary(x number)"));
    assertThat(await(first.fetchOne("select count(*) from information_schema.tables "
        + "where table_schema = 'REPORTS' and table_name = 'SUMMARY'")).get(0, Integer.class)).isEqualTo(1);
    await(first.close());

    AsyncConnection second = await(pool.acquire());
    assertThat(await(second.currentSchema())).isEqualTo("PUBLIC");
    assertThat(jdbc(second).getSchema()).isEqualTo("PUBLIC");
    assertThat(failure(second.setCurrentSchema(" "))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("schema"));
    await(second.close());
  }

  @Test
  void autocommitIsTurnedOffAgainOnRelease() throws SQLException {
    singleConnectionPool(null);
    AsyncConnection first = await(pool.acquire());
    await(first.setAutocommit(true));
    assertThat(jdbc(first).getAutoCommit()).isTrue();
    await(first.close());

    AsyncConnection second = await(pool.acquire());
    assertThat(second.autocommit()).isFalse();
    assertThat(jdbc(second).getAutoCommit()).isFalse();
    await(second.close());
  }
}
