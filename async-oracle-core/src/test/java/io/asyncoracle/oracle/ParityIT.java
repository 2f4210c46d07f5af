package io.asyncoracle.oracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncCursor;
import io.asyncoracle.AsyncLob;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.LobType;
import io.asyncoracle.OutParameter;
import io.asyncoracle.Row;
import java.sql.JDBCType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The python-oracledb parity features that need Oracle: binding by name through ojdbc
 * ({@code setObjectAtName}), keyword parameters in PL/SQL named notation, {@code lastRowId},
 * and LOB locators.
 */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class ParityIT {

  private static AsyncPool pool;
  private static AsyncConnection conn;

  @BeforeAll
  static void createObjects() {
    pool = OracleDatabase.pool(1);
    conn = await(pool.acquire());
    await(conn.execute(OracleDatabase.dropIfExists("drop table it_person")));
    await(conn.execute("create table it_person(id number primary key, name varchar2(40), boss number, notes clob)"));
    await(conn.execute("create or replace function it_greet(greeting varchar2, name varchar2 default 'you')"
        + " return varchar2 as begin return greeting || ', ' || name || '!'; end;"));
    await(conn.execute("create or replace procedure it_twice(x in number, doubled out number) as"
        + " begin doubled := 2 * x; end;"));
  }

  @AfterAll
  static void closePool() {
    if (conn != null) {
      await(conn.close());
    }
    if (pool != null) {
      await(pool.close(true, false));
    }
  }

  @Test
  void namedAndNumberedBindsGoThroughTheDriver() {
    Map<String, Object> ada = new LinkedHashMap<>();
    ada.put("id", 1);
    ada.put("name", "Ada");
    await(conn.execute("insert into it_person (id, name, boss) values (:id, :name, :id)", ada));
    await(conn.executeMany("insert into it_person (id, name, boss) values (:1, :2, :3)",
        List.of(List.of(2, "Grace", 1), Arrays.asList(3, "Linus", null))));
    assertThat(await(conn.fetchOne("select name from it_person where id = :ID and boss = :Id", Map.of("id", 1)))
        .get(0)).isEqualTo("Ada");
    assertThat(await(conn.fetchAll("select id from it_person where boss = :b", Map.of("B", 1)))).hasSize(2);
    assertThat(await(conn.execute("begin insert into it_person (id, boss) values (:x, :y + :x); end;", 4, 1)))
        .as("a PL/SQL block binds each name once").isNotNull();
    assertThat(await(conn.fetchOne("select boss from it_person where id = 4")).get(0, Integer.class)).isEqualTo(5);
    assertThat(failure(conn.fetchAll("select * from it_person where id = :id", Map.of("idx", 1))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining(":idx");
    await(conn.rollback());
  }

  @Test
  void keywordParametersUseNamedNotation() {
    assertThat(await(conn.callFunc("it_greet", String.class, List.of("Hello"), Map.of()))).isEqualTo("Hello, you!");
    assertThat(await(conn.callFunc("it_greet", String.class, List.of("Hello"), Map.of("name", "Ada"))))
        .isEqualTo("Hello, Ada!");
    assertThat(await(conn.callFunc("it_greet", String.class, null, Map.of("name", "Ada", "greeting", "Hi"))))
        .isEqualTo("Hi, Ada!");
    assertThat(await(conn.callProc("it_twice", List.of(21), Map.of("doubled", OutParameter.out(Long.class)))))
        .containsExactly(21, 42L);
  }

  @Test
  void lastRowIdIsTheRowidOfTheInsertedRow() {
    AsyncCursor cursor = conn.cursor();
    await(cursor.execute("insert into it_person (id, name) values (:1, :2)", 10, "Ten"));
    String rowId = cursor.lastRowId();
    assertThat(rowId).isNotBlank();
    assertThat(await(conn.fetchOne("select name from it_person where rowid = :r", Map.of("r", rowId))).get(0))
        .isEqualTo("Ten");
    await(cursor.execute("select 1 from dual"));
    assertThat(cursor.lastRowId()).isNull();
    cursor.close();
    await(conn.rollback());
  }

  @Test
  void lobLocatorsAreReadInPartsAndInputSizesTypeNulls() {
    AsyncLob notes = await(conn.createLob(LobType.CLOB, "x".repeat(50_000) + "end"));
    await(conn.execute("insert into it_person (id, notes) values (:id, :notes)", Map.of("id", 20, "notes", notes)));
    AsyncCursor cursor = conn.cursor();
    cursor.setFetchLobs(true);
    cursor.setPrefetchRows(1);
    await(cursor.execute("select notes from it_person where id = 20"));
    Row row = await(cursor.fetchOne());
    AsyncLob locator = (AsyncLob) row.get(0);
    assertThat(await(locator.size())).isEqualTo(50_003L);
    assertThat(await(locator.read(50_001, 10))).isEqualTo("end");
    await(locator.close());
    cursor.setInputSizes(JDBCType.NUMERIC, null);
    await(cursor.executeMany("insert into it_person (id, boss) values (:1, :2)",
        List.of(Arrays.asList(21, null), Arrays.asList(22, 5))));
    assertThat(cursor.rowCount()).isEqualTo(2);
    cursor.close();
    await(conn.rollback());
  }
}
