package io.asyncoracle.internal;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncCursor;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.ColumnDescription;
import io.asyncoracle.DatabaseException;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.MappedCursor;
import io.asyncoracle.OutputTypeHandler;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.Row;
import io.asyncoracle.ScrollMode;
import io.asyncoracle.TestDatabases;
import io.asyncoracle.UnsupportedFeatureException;
import java.sql.JDBCType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cursor attributes and behaviours of python-oracledb's {@code AsyncCursor}, on H2. */
class CursorParityTest {

  private String url;
  private AsyncPool pool;
  private AsyncConnection conn;

  @BeforeEach
  void openPool() {
    url = TestDatabases.newUrl();
    pool = AsyncOracle.createPool(TestDatabases.withTestWorkers(PoolOptions.builder().url(url).user("sa")
        .password("parity-pw").min(1).max(2).acquireTimeout(Duration.ofSeconds(10))
        .connectionFactoryClassName(CountingDataSource.class.getName())).build()).join();
    conn = await(pool.acquire());
    await(conn.execute("create table item(id number(10) primary key, label varchar2(20), price number(8,2))"));
    List<List<?>> rows = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      rows.add(List.of(i, "item-" + i, i * 10));
    }
    await(conn.executeMany("insert into item values (?, ?, ?)", rows));
    await(conn.commit());
  }

  @AfterEach
  void closePool() {
    await(conn.close());
    await(pool.close(true, false));
  }

  private static Integer id(Row row) {
    return row == null ? null : row.get(0, Integer.class);
  }

  @Test
  void prefetchRowsSizesTheFirstRoundTripAndArraySizeTheRest() throws Exception {
    // Over TCP, H2 fetches rows in round trips of the fetch size (in memory it ignores it).
    try (io.asyncoracle.faults.H2TcpServer server = io.asyncoracle.faults.H2TcpServer.start()) {
      AsyncPool remote = AsyncOracle.createPool(TestDatabases.withTestWorkers(PoolOptions.builder()
          .url(server.directUrl(io.asyncoracle.faults.H2TcpServer.newDatabaseName())).user("sa").password("pw")
          .min(1).max(1).acquireTimeout(Duration.ofSeconds(10))).build()).join();
      try {
        AsyncConnection c = await(remote.acquire());
        AsyncCursor cursor = c.cursor();
        cursor.setArraySize(4);
        assertThat(cursor.prefetchRows()).as("until set, it follows the array size").isEqualTo(4);
        await(cursor.execute("select x from system_range(1, 10)"));
        assertThat(await(((CursorImpl) cursor).jdbcFetchSizes())).containsExactly(4, 4);
        cursor.setPrefetchRows(2);
        assertThat(cursor.prefetchRows()).isEqualTo(2);
        await(cursor.execute("select x from system_range(1, 10)"));
        assertThat(await(((CursorImpl) cursor).jdbcFetchSizes())).containsExactly(2, 4);
        assertThat(await(cursor.fetchAll())).hasSize(10);
        cursor.setPrefetchRows(0);
        await(cursor.execute("select x from system_range(1, 10)"));
        assertThat(await(((CursorImpl) cursor).jdbcFetchSizes())).as("JDBC's smallest").containsExactly(1, 4);
        assertThatThrownBy(() -> cursor.setPrefetchRows(-1)).isInstanceOf(InvalidArgumentException.class);
        await(c.close());
      } finally {
        await(remote.close(true, true));
      }
    }
  }

  @Test
  void lastRowIdIsOracleOnly() {
    AsyncCursor cursor = conn.cursor();
    await(cursor.execute("insert into item (id) values (?)", 99));
    assertThatThrownBy(cursor::lastRowId).isInstanceOfSatisfying(UnsupportedFeatureException.class,
        e -> assertThat(e.feature()).isEqualTo("lastRowId")).hasMessageContaining("H2");
  }

  @Test
  void parsePreparesWithoutRunningAndDescribesQueries() {
    AsyncCursor cursor = conn.cursor();
    assertThat(cursor.statement()).isNull();
    await(cursor.parse("select id, label from item where id = :id"));
    assertThat(cursor.statement()).isEqualTo("select id, label from item where id = :id");
    assertThat(cursor.description()).extracting(ColumnDescription::name).containsExactly("ID", "LABEL");
    assertThat(cursor.rowCount()).isEqualTo(-1);
    await(cursor.execute("select id, label from item where id = :id", Map.of("id", 3)));
    assertThat(await(cursor.fetchOne()).get(1)).isEqualTo("item-3");

    await(cursor.parse("delete from item where id = 1"));
    assertThat(cursor.description()).isEmpty();
    assertThat(await(conn.fetchAll("select id from item"))).as("parse runs nothing").hasSize(10);
    assertThat(failure(cursor.parse("select nothing from nowhere"))).isInstanceOf(DatabaseException.class);
    await(cursor.execute("select id from item where id = 2"));
    assertThat(cursor.statement()).isEqualTo("select id from item where id = 2");
  }

  @Test
  void inputSizesSetTheTypeOfBinds() {
    AsyncCursor cursor = conn.cursor();
    cursor.setInputSizes(JDBCType.NUMERIC);
    await(cursor.execute("select ? from dual", (Object) null));
    assertThat(await(cursor.fetchOne()).get(0)).isNull();
    cursor.setInputSizes(Integer.class, 20);
    await(cursor.execute("select ?, ? from dual", "42", 7));
    Row row = await(cursor.fetchOne());
    assertThat(row.get(0)).isEqualTo(new java.math.BigDecimal("42"));
    assertThat(row.get(1)).as("a size means a string").isEqualTo("7");

    cursor.setInputSizes(Map.of("n", JDBCType.NUMERIC));
    await(cursor.execute("select :n from dual", Map.of("n", "5")));
    assertThat(await(cursor.fetchOne()).get(0)).isEqualTo(new java.math.BigDecimal("5"));
    cursor.setInputSizes();
    await(cursor.execute("select ? from dual", "5"));
    assertThat(await(cursor.fetchOne()).get(0)).isEqualTo("5");
    assertThatThrownBy(() -> cursor.setInputSizes(new Object())).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> cursor.setInputSizes(Object.class)).isInstanceOf(InvalidArgumentException.class);

    cursor.setInputSizes(null, JDBCType.NUMERIC);
    await(cursor.executeMany("insert into item (id, price) values (?, ?)",
        List.of(Arrays.asList(20, null), Arrays.asList(21, null), Arrays.asList(22, 5))));
    assertThat(cursor.rowCount()).isEqualTo(3);
    cursor.setInputSizes();
    await(cursor.executeMany("insert into item (id, label, price) values (?, ?, ?)",
        List.of(Arrays.asList(30, null, null), Arrays.asList(31, "x", 2.5))));
    assertThat(await(conn.fetchOne("select price from item where id = 31")).get(0, Double.class)).isEqualTo(2.5);
  }

  @Test
  void inputSizesByNameThenValuesByPositionFailInsteadOfBeingIgnored() {
    // python-oracledb's test 6350 (DPY-2006).
    AsyncCursor cursor = conn.cursor();
    cursor.setInputSizes(Map.of("n", JDBCType.NUMERIC));
    assertThat(failure(cursor.execute("select :n from dual", "5")))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("params"))
        .hasMessageContaining("DPY-2006").hasMessageContaining("[n]");
    assertThat(failure(cursor.executeMany("insert into item (id, price) values (:id, :n)",
        List.of(List.of(40, "5"))))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("DPY-2006");
    assertThat(await(conn.fetchAll("select id from item where id = 40"))).as("nothing was sent").isEmpty();

    await(cursor.executeMany("insert into item (id, price) values (:id, :n)",
        List.of(Map.of("id", 41, "n", "6"), Map.of("id", 42, "n", "7"))));
    assertThat(await(conn.fetchOne("select price from item where id = 42")).get(0, Integer.class))
        .as("rows by name take the sizes by name").isEqualTo(7);
    await(cursor.execute("select :n from dual", Map.of("n", "5")));
    assertThat(await(cursor.fetchOne()).get(0)).isEqualTo(new java.math.BigDecimal("5"));
    cursor.setInputSizes(JDBCType.NUMERIC);
    await(cursor.execute("select :n from dual", "5"));
    assertThat(await(cursor.fetchOne()).get(0)).as("sizes by position type values by position")
        .isEqualTo(new java.math.BigDecimal("5"));
  }

  @Test
  void aRowFactoryMapsTheCursorsRows() {
    AsyncCursor cursor = conn.cursor();
    await(cursor.execute("select id, label from item where id <= 3 order by id"));
    MappedCursor<String> labels = cursor.withRowFactory(row -> row.get(0) + ":" + row.get(1));
    assertThat(cursor.rowFactory()).isNotNull();
    assertThat(await(labels.fetchOne())).isEqualTo("1:item-1");
    assertThat(id(await(cursor.fetchOne()))).as("the view shares the position").isEqualTo(2);
    assertThat(await(labels.fetchAll())).containsExactly("3:item-3");
    assertThat(cursor.rowCount()).isEqualTo(3);
    assertThat(labels.cursor()).isSameAs(cursor);
    assertThat(await(labels.fetchMany(0))).isEmpty();
  }

  @Test
  void cursorTypeHandlersOverrideTheConnections() {
    conn.setOutputTypeHandler((rs, index, column) -> "conn:" + rs.getString(index));
    conn.setInputTypeHandler(value -> value instanceof String s ? "conn-" + s : value);
    AsyncCursor cursor = conn.cursor();
    await(cursor.execute("select label from item where label = ?", "x"));
    assertThat(await(cursor.fetchAll())).isEmpty();
    cursor.setInputTypeHandler(value -> value);
    cursor.setOutputTypeHandler((rs, index, column) -> index == 1 ? "cursor:" + rs.getString(index)
        : OutputTypeHandler.DEFAULT);
    assertThat(cursor.inputTypeHandler()).isNotNull();
    await(cursor.execute("select label, id from item where label = ?", "item-1"));
    Row row = await(cursor.fetchOne());
    assertThat(row.get(0)).isEqualTo("cursor:item-1");
    assertThat(row.get(1, Integer.class)).isEqualTo(1);
    assertThat(await(conn.fetchOne("select label from item where id = 1")).get(0)).isEqualTo("conn:item-1");
  }

  @Test
  void executeManyWithIterationsAndBatchSize() {
    await(conn.execute("create sequence seq start with 100"));
    AsyncCursor cursor = conn.cursor();
    await(cursor.executeMany("insert into item (id) values (seq.nextval)", 4));
    assertThat(cursor.rowCount()).isEqualTo(4);
    assertThat(await(conn.fetchOne("select count(*) from item where id >= 100")).get(0, Integer.class)).isEqualTo(4);
    await(cursor.executeMany("insert into item (id) values (seq.nextval)", 0));
    assertThat(cursor.rowCount()).isZero();
    assertThat(failure(cursor.executeMany("insert into item (id) values (?)", 2))).isInstanceOf(
        InvalidArgumentException.class);

    assertThat(cursor.batchSize()).isEqualTo(Integer.MAX_VALUE);
    cursor.setBatchSize(2);
    List<List<?>> rows = new ArrayList<>();
    for (int i = 200; i < 205; i++) {
      rows.add(List.of(i));
    }
    await(cursor.executeMany("insert into item (id) values (?)", rows));
    assertThat(cursor.rowCount()).isEqualTo(5);
    assertThatThrownBy(() -> cursor.setBatchSize(0)).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void afterAFailedExecuteManyRowCountIsTheRowsProcessedBeforeTheError() {
    AsyncCursor cursor = conn.cursor();
    assertThat(failure(cursor.executeMany("insert into item (id) values (?)",
        List.of(List.of(50), List.of(51), List.of(1), List.of(52))))).isInstanceOf(DatabaseException.class);
    assertThat(cursor.rowCount()).isEqualTo(2);
    cursor.setBatchSize(1);
    assertThat(failure(cursor.executeMany("insert into item (id) values (?)",
        List.of(List.of(60), List.of(61), List.of(62), List.of(2), List.of(63))))).isInstanceOf(DatabaseException.class);
    assertThat(cursor.rowCount()).isEqualTo(3);
    assertThat(await(conn.fetchOne("select count(*) from item where id = 63")).get(0, Integer.class))
        .as("with one row per round trip, nothing after the error ran").isZero();
  }

  @Test
  void executeManyWithNoRowsMakesNoRoundTripAndSucceedsWhateverTheSql() {
    AsyncCursor cursor = conn.cursor();
    CountingDataSource.log(url).clear();
    assertThat(await(cursor.executeMany("this is not sql at all", List.of()))).isSameAs(cursor);
    assertThat(cursor.rowCount()).isZero();
    assertThat(await(conn.executeMany("neither is this", List.of()))).isZero();
    assertThat(CountingDataSource.log(url).calls()).doesNotContain("prepareStatement");
  }

  @Test
  @SuppressWarnings({"rawtypes", "unchecked"})
  void aRowThatIsNotAListOrMapFailsWithInvalidArgument() {
    List rows = new ArrayList();
    rows.add(List.of(1));
    rows.add("not a row");
    assertThat(failure(conn.cursor().executeMany("insert into item (id) values (?)", rows)))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("rows"))
        .hasMessageContaining("row 1");
    assertThat(failure(conn.executeMany("insert into item (id) values (?)", List.of(42))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("java.lang.Integer");
    List nullRow = new ArrayList();
    nullRow.add(null);
    assertThat(failure(conn.executeMany("insert into item (id) values (?)", nullRow)))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void fetchManyOfZeroOrLessIsEmpty() {
    AsyncCursor cursor = conn.cursor();
    await(cursor.execute("select id from item order by id"));
    assertThat(await(cursor.fetchMany(0))).isEmpty();
    assertThat(await(cursor.fetchMany(-5))).isEmpty();
    assertThat(id(await(cursor.fetchOne()))).as("nothing was consumed").isEqualTo(1);
  }

  @Test
  void theCursorIsAutoCloseableAndClosedItFailsEveryCallButRowCountIsMinusOne() {
    AsyncCursor kept;
    try (AsyncCursor cursor = conn.cursor()) {
      await(cursor.execute("select id from item"));
      kept = cursor;
    }
    assertThat(kept.isClosed()).isTrue();
    assertThat(kept.rowCount()).isEqualTo(-1);
    kept.close();
    List<Runnable> sync = List.of(kept::arraySize, () -> kept.setArraySize(3), kept::description, kept::statement,
        kept::lastRowId, kept::prefetchRows, kept::batchSize, kept::fetchLobs, kept::inputTypeHandler,
        kept::rowFactory, kept::stream, () -> kept.setInputSizes(JDBCType.NUMERIC));
    for (Runnable call : sync) {
      assertThatThrownBy(call::run).isInstanceOf(AsyncOracleException.class).hasMessageContaining("closed");
    }
    assertThat(failure(kept.fetchAll())).hasMessageContaining("closed");
    assertThat(failure(kept.fetchMany(0))).hasMessageContaining("closed");
    assertThat(failure(kept.parse("select 1 from dual"))).hasMessageContaining("closed");
    assertThat(failure(kept.executeMany("select 1 from dual", List.of()))).hasMessageContaining("closed");
    assertThat(kept.scrollable()).isFalse();
  }

  @Test
  void afterScrollRowCountIsThePositionAsInTheReference() {
    AsyncCursor cursor = conn.cursor(true);
    await(cursor.execute("select id from item order by id"));
    assertThat(await(cursor.fetchMany())).hasSize(10);
    assertThat(cursor.rowCount()).isEqualTo(10);
    await(cursor.scroll(2 - (int) cursor.rowCount(), ScrollMode.RELATIVE));
    assertThat(id(await(cursor.fetchOne()))).isEqualTo(2);
    assertThat(cursor.rowCount()).isEqualTo(2);
    await(cursor.scroll(6, ScrollMode.ABSOLUTE));
    assertThat(cursor.rowCount()).isEqualTo(5);
    assertThat(id(await(cursor.fetchOne()))).isEqualTo(6);
    assertThat(cursor.rowCount()).isEqualTo(6);
    await(cursor.scroll(0, ScrollMode.LAST));
    assertThat(id(await(cursor.fetchOne()))).isEqualTo(10);
    assertThat(cursor.rowCount()).isEqualTo(10);
    await(cursor.scroll(0, ScrollMode.FIRST));
    assertThat(cursor.rowCount()).isZero();
    assertThat(await(cursor.fetchMany(3))).extracting(r -> r.get(0, Integer.class)).containsExactly(1, 2, 3);
    assertThat(cursor.rowCount()).isEqualTo(3);
  }

  @Test
  void scrollFirstAndLastOnAnEmptyResultAreNotErrors() {
    AsyncCursor cursor = conn.cursor(true);
    await(cursor.execute("select id from item where id < 0"));
    await(cursor.scroll(0, ScrollMode.LAST));
    assertThat(await(cursor.fetchAll())).isEmpty();
    await(cursor.scroll(0, ScrollMode.FIRST));
    assertThat(await(cursor.fetchAll())).isEmpty();
    assertThat(failure(cursor.scroll(1, ScrollMode.ABSOLUTE))).isInstanceOf(InvalidArgumentException.class);
  }
}
