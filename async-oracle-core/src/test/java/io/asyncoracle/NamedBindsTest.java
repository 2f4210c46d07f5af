package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Oracle's {@code :name} and {@code :1} placeholders end to end on H2, which has neither: the
 * library rewrites them to {@code ?} and lays the values out (on Oracle, {@code NamedBindsIT}).
 */
class NamedBindsTest {

  private AsyncPool pool;
  private AsyncConnection conn;

  @BeforeEach
  void openPool() {
    pool = TestDatabases.pool(2);
    conn = await(pool.acquire());
    await(conn.execute("create table person(id number(10) primary key, name varchar2(40), boss number(10))"));
    await(conn.executeMany("insert into person values (:1, :2, :3)",
        List.of(List.of(1, "Ada", 1), List.of(2, "Grace", 1), List.of(3, "Linus", 2))));
  }

  @AfterEach
  void closePool() {
    await(conn.close());
    await(pool.close(true, false));
  }

  private static Map<String, Object> params(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void connectionShortcutsBindByName() {
    assertThat(await(conn.fetchOne("select name from person where id = :id", Map.of("id", 2))).get(0))
        .isEqualTo("Grace");
    assertThat(await(conn.fetchAll("select id from person where boss = :boss order by id", Map.of("BOSS", 1))))
        .extracting(r -> r.get(0, Integer.class)).containsExactly(1, 2);
    assertThat(await(conn.fetchMany("select id from person where id >= :low order by id", 2, Map.of("low", 1))))
        .hasSize(2);
    assertThat(await(conn.fetchMany("select id from person where id >= :low", Map.of("low", 1)))).as("array size")
        .hasSize(3);
    RowMapper<String> name = row -> row.get(0, String.class);
    String linus = await(conn.fetchOne("select name from person where id = :id", name, Map.of("id", 3)));
    assertThat(linus).isEqualTo("Linus");
    List<String> names = await(conn.fetchAll("select name from person where boss = :b", name, Map.of("b", 2)));
    assertThat(names).containsExactly("Linus");
    assertThat(await(conn.execute("update person set name = :name where id = :id", params("name", "Ada L.", "id", 1))))
        .isEqualTo(1);
    assertThat(await(conn.fetchOne("select name from person where id = 1")).get(0)).isEqualTo("Ada L.");
  }

  @Test
  void everyOccurrenceOfANameBindsTheSameValue() {
    List<Row> rows = await(conn.fetchAll("select id from person where id = :x or boss = :x or :X = 99 order by id",
        Map.of("x", 2)));
    assertThat(rows).extracting(r -> r.get(0, Integer.class)).containsExactly(2, 3);
  }

  @Test
  void numberedPlaceholdersTakePositionalValues() {
    assertThat(await(conn.fetchOne("select name from person where id = :1 and boss = :2", 3, 2)).get(0))
        .isEqualTo("Linus");
    assertThat(await(conn.fetchAll("select id from person where id = :a or id = :b", 1, 3))).hasSize(2);
    assertThat(await(conn.fetchOne("select name from person where id = :1", Map.of("1", 1))).get(0))
        .as("numbers are names too").isEqualTo("Ada");
  }

  @Test
  void literalsQuotedIdentifiersCommentsAndCastsAreNotPlaceholders() {
    Row row = await(conn.fetchOne("select ':no' as \"a:b\", /* :c */ cast(:n as int) + 1 -- :d\n"
        + ", 7::varchar(3) from person where id = :id", Map.of("n", 41, "id", 1)));
    assertThat(row.values()).containsExactly(":no", 42, "7");
  }

  @Test
  void aMissingOrUnknownNameFailsNamingIt() {
    assertThat(failure(conn.fetchOne("select * from person where id = :id and boss = :boss", Map.of("id", 1))))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("params"))
        .hasMessageContaining(":BOSS");
    assertThat(failure(conn.execute("delete from person where id = :id", Map.of("id", 1, "idd", 2))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining(":idd");
    assertThat(failure(conn.fetchAll("select * from person", Map.of("x", 1)))).hasMessageContaining(":x");
    assertThat(failure(conn.fetchAll("select * from person where id = :id", 1, 2)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("1 bind placeholder");
    assertThat(failure(conn.fetchAll("select * from person where id = :id and boss = ?", 1, 2)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("mixes");
    assertThat(await(conn.fetchAll("select * from person"))).as("nothing was sent, nothing changed").hasSize(3);
  }

  @Test
  void cursorsBindByNameAndExecuteManyTakesMapsOrLists() {
    AsyncCursor cursor = conn.cursor();
    await(cursor.execute("select name from person where id = :id", Map.of("id", 1)));
    assertThat(await(cursor.fetchOne()).get(0)).isEqualTo("Ada");

    await(cursor.executeMany("insert into person (id, name, boss) values (:id, :name, :id)",
        List.of(params("id", 10, "name", "Ten"), params("name", "Eleven", "id", 11))));
    assertThat(cursor.rowCount()).isEqualTo(2);
    assertThat(await(conn.fetchOne("select boss from person where id = 11")).get(0, Integer.class)).isEqualTo(11);

    await(cursor.executeMany("update person set boss = :2 where id = :1", List.of(List.of(10, 1), List.of(11, 2))));
    assertThat(cursor.rowCount()).isEqualTo(2);

    assertThat(failure(cursor.executeMany("insert into person (id) values (:id)", List.of(Map.of("id", 12),
        Map.of("idx", 13))))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("row 1")
        .hasMessageContaining(":idx");
    assertThat(failure(cursor.executeMany("insert into person (id) values (:id)", List.of(Map.of("id", 12),
        List.of(13))))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("one kind");
  }

  @Test
  void streamsBindByName() {
    List<Object> names = new ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    conn.stream("select name from person where boss = :b order by id", Map.of("b", 1)).subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(Row row) {
            names.add(row.get(0));
          }

          @Override
          public void onError(Throwable t) {
            done.completeExceptionally(t);
          }

          @Override
          public void onComplete() {
            done.complete(null);
          }
        });
    await(done);
    assertThat(names).containsExactly("Ada", "Grace");
  }

  @Test
  void keywordParametersOfStoredCode() {
    H2StoredCode.install(conn);
    // H2 lists the parameters of a Java alias as P1, P2, ...: the names its metadata gives.
    assertThat(await(conn.callFunc("GREET", String.class, List.of("Hello"), Map.of("P2", "Ada"))))
        .isEqualTo("Hello, Ada!");
    assertThat(await(conn.callFunc("GREET", String.class, null, params("p2", "Grace", "P1", "Hi"))))
        .as("keywords in any order, names ignoring case").isEqualTo("Hi, Grace!");
    await(conn.execute("create table item(id number primary key, label varchar2(20))"));
    assertThat(await(conn.callProc("ADD_ITEM", List.of(5), Map.of("P2", "five")))).containsExactly(5, "five");
    assertThat(await(conn.fetchOne("select label from item where id = 5")).get(0)).isEqualTo("five");

    assertThat(failure(conn.callFunc("GREET", String.class, List.of("Hello"), Map.of("WHO", "x"))))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("keywordParams"))
        .hasMessageContaining("WHO");
    assertThat(failure(conn.callFunc("GREET", String.class, List.of("Hello"), Map.of())))
        .as("no keywords: a positional call, H2 reports the missing argument").isInstanceOf(DatabaseException.class);
    assertThat(failure(conn.callFunc("GREET", String.class, List.of(), Map.of("P1", "x"))))
        .hasMessageContaining("P2");
    assertThat(failure(conn.callProc("ADD_ITEM", List.of(), Map.of("x; drop table item", 1))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not a parameter name");
  }
}
