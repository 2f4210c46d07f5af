package io.asyncoracle.oracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.DatabaseException;
import io.asyncoracle.DbObjectType;
import io.asyncoracle.InvalidArgumentException;
import java.sql.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.oracle.OracleContainer;

/** Read-only Oracle attributes, object types and changePassword against Oracle Database Free. */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class OracleAttributesIT {

  private static AsyncPool pool;
  private AsyncConnection conn;

  @BeforeAll
  static void openPool() {
    pool = OracleDatabase.pool(2);
  }

  @AfterAll
  static void closePool() {
    if (pool != null) {
      await(pool.close(true, false));
    }
  }

  @BeforeEach
  void acquire() {
    conn = await(pool.acquire());
  }

  @AfterEach
  void release() {
    await(conn.close());
  }

  private String userenv(String key) {
    return (String) await(conn.fetchOne("select sys_context('USERENV', ?) from dual", key)).get(0);
  }

  @Test
  void namesOfTheDatabaseAndSession() {
    assertThat(conn.thin()).isTrue();
    assertThat(await(conn.dbName())).isNotBlank().isEqualTo(userenv("DB_NAME"));
    assertThat(await(conn.serviceName())).isEqualToIgnoringCase("freepdb1");
    assertThat(await(conn.instanceName())).isNotBlank().isEqualTo(userenv("INSTANCE_NAME"));
    assertThat(await(conn.dbDomain())).isEqualTo(userenv("DB_DOMAIN"));
    assertThat(await(conn.edition())).isEqualTo("ORA$BASE");
    assertThat(await(conn.username())).isEqualToIgnoringCase(OracleDatabase.container().getUsername());
    assertThat(await(conn.currentSchema())).isEqualToIgnoringCase(OracleDatabase.container().getUsername());
  }

  @Test
  void versionIsTheFullDatabaseVersion() {
    assertThat(await(conn.version())).matches("2[3-9]\\.\\d+\\.\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void sessionLimits() {
    int openCursors = Integer.parseInt((String) await(conn.fetchOne(
        "select value from v$parameter where name = 'open_cursors'")).get(0));
    assertThat(await(conn.maxOpenCursors())).isEqualTo(openCursors);
    assertThat(await(conn.sdu())).isBetween(512, 2_097_152);
  }

  @Test
  void ltxidIsAnOpaqueNonEmptyId() {
    byte[] ltxid = await(conn.ltxid());
    assertThat(ltxid).isNotEmpty();
  }

  @Test
  void transactionInProgressAndHealth() {
    await(conn.execute(OracleDatabase.dropIfExists("drop table it_attr")));
    await(conn.execute("create table it_attr(x number)"));
    assertThat(await(conn.transactionInProgress())).isFalse();
    await(conn.execute("insert into it_attr values (1)"));
    assertThat(await(conn.transactionInProgress())).isTrue();
    await(conn.commit());
    assertThat(await(conn.transactionInProgress())).isFalse();
    assertThat(conn.isHealthy()).isTrue();
    await(conn.ping());
  }

  @Test
  void getTypeDescribesObjectAndCollectionTypes() {
    await(conn.execute("create or replace type it_point force as object (x number, y varchar2(10))"));
    await(conn.execute("create or replace type it_points force as table of it_point"));

    DbObjectType point = await(conn.getType("it_point"));
    assertThat(point.schema()).isEqualToIgnoringCase(OracleDatabase.container().getUsername());
    assertThat(point.name()).isEqualTo("IT_POINT");
    assertThat(point.isCollection()).isFalse();
    assertThat(point.attributes()).containsExactly(new DbObjectType.Attribute("X", "NUMBER"),
        new DbObjectType.Attribute("Y", "VARCHAR2"));
    Object instance = await(point.newObject(1, "one"));
    assertThat(instance).isInstanceOf(Struct.class);

    DbObjectType points = await(conn.getType("IT_POINTS"));
    assertThat(points.isCollection()).isTrue();
    assertThat(points.elementTypeName()).isEqualTo("IT_POINT");
    assertThat(points.attributes()).isEmpty();

    assertThat(failure(conn.getType("no_such_type"))).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void changePasswordChangesTheLogin() {
    OracleContainer oracle = OracleDatabase.container();
    String user = OracleDatabase.PASSWORD_USER;
    String oldPassword = OracleDatabase.PASSWORD_USER_PASSWORD;
    String newPassword = "Changed_pw_2";
    AsyncConnection standalone = await(AsyncOracle.connect(user, oldPassword, oracle.getJdbcUrl()));
    await(standalone.changePassword(oldPassword, newPassword));
    await(standalone.close());
    try {
      assertThat(failure(AsyncOracle.connect(user, oldPassword, oracle.getJdbcUrl())))
          .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.oraCode()).isEqualTo("ORA-01017"));
      AsyncConnection again = await(AsyncOracle.connect(user, newPassword, oracle.getJdbcUrl()));
      assertThat(await(again.username())).isEqualToIgnoringCase(user);
      await(again.changePassword(newPassword, oldPassword));
      await(again.close());
    } finally {
      OracleDatabase.asSystem(oracle, "ALTER USER " + user + " IDENTIFIED BY \"" + oldPassword + "\"");
    }
  }
}
