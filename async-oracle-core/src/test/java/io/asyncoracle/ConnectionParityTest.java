package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connection shortcuts and attributes of python-oracledb's {@code AsyncConnection}, on H2. */
class ConnectionParityTest {

  private AsyncPool pool;
  private AsyncConnection conn;

  @BeforeEach
  void openPool() {
    pool = AsyncOracle.createPool(TestDatabases.options().arraySize(3).max(2).build()).join();
    conn = await(pool.acquire());
    await(conn.execute("create table n(id number primary key)"));
    List<List<?>> rows = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      rows.add(List.of(i));
    }
    await(conn.executeMany("insert into n values (?)", rows));
  }

  @AfterEach
  void closePool() {
    await(conn.close());
    await(pool.close(true, false));
  }

  private static List<Integer> ids(List<Row> rows) {
    return rows.stream().map(r -> r.get(0, Integer.class)).toList();
  }

  @Test
  void fetchManyWithoutACountReturnsTheArraySize() {
    assertThat(ids(await(conn.fetchMany("select id from n order by id")))).containsExactly(1, 2, 3);
    assertThat(ids(await(conn.fetchMany("select id from n where id > ? order by id", List.of(4)))))
        .containsExactly(5, 6, 7);
    assertThat(ids(await(conn.fetchMany("select id from n where id > :x order by id", Map.of("x", 6)))))
        .containsExactly(7, 8);
  }

  @Test
  void fetchAllTakesAnArraySize() {
    assertThat(ids(await(conn.fetchAll("select id from n where id <= ? order by id", List.of(5), 2))))
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(ids(await(conn.fetchAll("select id from n order by id", (List<?>) null, 100)))).hasSize(8);
    assertThat(ids(await(conn.fetchAll("select id from n where id >= :low order by id", Map.of("low", 7), 1))))
        .containsExactly(7, 8);
    List<Integer> mapped = await(conn.fetchAll("select id from n where id < ? order by id", List.of(3), 1,
        row -> row.get(0, Integer.class) * 10));
    assertThat(mapped).containsExactly(10, 20);
    assertThat(failure(conn.fetchAll("select id from n", List.of(), 0))).isInstanceOfSatisfying(
        InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("arraySize"));
  }

  @Test
  void executeManyWithAnEmptyListSucceedsWhateverTheSql() {
    assertThat(await(conn.executeMany("not sql", List.of()))).isZero();
  }

  @Test
  void everyCallOnAClosedConnectionFailsClearly() {
    AsyncConnection closed = await(pool.acquire());
    await(closed.close());
    assertThat(closed.isClosed()).isTrue();
    assertThat(closed.isHealthy()).isFalse();
    assertThat(await(closed.close())).as("closing again does nothing").isNull();
    List<Runnable> sync = List.of(closed::externalName, closed::internalName, closed::stmtCacheSize,
        closed::callTimeout, closed::autocommit, closed::cursor, closed::dsn, closed::thin, closed::fetchLobs,
        closed::inputTypeHandler, closed::outputTypeHandler, closed::cancel,
        () -> closed.setExternalName("x"), () -> closed.setInternalName("x"), () -> closed.setStmtCacheSize(5),
        () -> closed.setModule("m"), () -> closed.setAction("a"), () -> closed.setCallTimeout(Duration.ZERO),
        () -> closed.setFetchLobs(true), () -> closed.xid(1, "g", "b"), () -> closed.encodeOson(Map.of()),
        () -> closed.decodeOson(new byte[0]));
    for (Runnable call : sync) {
      assertThatThrownBy(call::run).isInstanceOf(AsyncOracleException.class).hasMessageContaining("closed");
    }
    assertThat(failure(closed.fetchOne("select 1 from dual"))).isInstanceOf(AsyncOracleException.class)
        .hasMessageContaining("closed");
    assertThat(failure(closed.fetchOne("select :a from dual", Map.of("a", 1)))).hasMessageContaining("closed");
    assertThat(failure(closed.commit())).hasMessageContaining("closed");
    assertThat(failure(closed.createLob(LobType.CLOB, "x"))).hasMessageContaining("closed");
    assertThat(failure(closed.callProc("p", List.of(), Map.of()))).hasMessageContaining("closed");
  }
}
