package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncCursorTest {

  private AsyncPool pool;
  private AsyncConnection conn;

  @BeforeEach
  void openPoolAndFillTable() {
    pool = TestDatabases.pool(2);
    conn = await(pool.acquire());
    await(conn.execute("create table item(id number(10) not null primary key, label varchar2(20), price number(8,2))"));
    List<List<?>> rows = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
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

  private static List<Integer> ids(List<Row> rows) {
    return rows.stream().map(r -> r.get(0, Integer.class)).toList();
  }

  private static Integer id(Row row) {
    return row == null ? null : row.get(0, Integer.class);
  }

  // ---- execute and fetch --------------------------------------------------------------------

  @Test
  void executeCompletesWithTheCursorItself() {
    AsyncCursor cursor = conn.cursor();
    assertThat(await(cursor.execute("select id from item order by id"))).isSameAs(cursor);
    assertThat(cursor.scrollable()).isFalse();
  }

  @Test
  void fetchesWalkThroughTheResult() {
    AsyncCursor cursor = conn.cursor();
    await(cursor.execute("select id from item where id > ? order by id", 0));
    assertThat(id(await(cursor.fetchOne()))).isEqualTo(1);
    assertThat(ids(await(cursor.fetchMany(2)))).containsExactly(2, 3);
    assertThat(ids(await(cursor.fetchAll()))).containsExactly(4, 5);
    assertThat(await(cursor.fetchOne())).isNull();
    assertThat(await(cursor.fetchMany(3))).isEmpty();
    assertThat(await(cursor.fetchAll())).isEmpty();
  }

  @Test
  void fetchManyWithoutACountFetchesArraySizeRows() {
    AsyncCursor cursor = conn.cursor();
    assertThat(cursor.arraySize()).isEqualTo(PoolOptions.DEFAULT_ARRAY_SIZE);
    cursor.setArraySize(2);
    assertThat(cursor.arraySize()).isEqualTo(2);
    await(cursor.execute("select id from item order by id"));
    assertThat(ids(await(cursor.fetchMany()))).containsExactly(1, 2);
    assertThat(ids(await(cursor.fetchMany()))).containsExactly(3, 4);
    assertThat(ids(await(cursor.fetchMany()))).containsExactly(5);
    assertThat(await(cursor.fetchMany())).isEmpty();
  }

  @Test
  void arraySizeMustBePositive() {
    AsyncCursor cursor = conn.cursor();
    assertThatThrownBy(() -> cursor.setArraySize(0))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("arraySize"));
    assertThat(cursor.arraySize()).isEqualTo(PoolOptions.DEFAULT_ARRAY_SIZE);
    assertThat(await(cursor.fetchMany(0))).as("as the reference: no rows, no error").isEmpty();
  }

  @Test
  void thePoolArraySizeIsTheCursorDefault() {
    AsyncPool small = AsyncOracle.createPool(TestDatabases.options().arraySize(3).build()).join();
    try {
      AsyncConnection c = await(small.acquire());
      assertThat(c.cursor().arraySize()).isEqualTo(3);
      await(c.close());
    } finally {
      await(small.close(true, false));
    }
  }

  @Test
  void descriptionNamesAndTypesTheColumns() {
    AsyncCursor cursor = conn.cursor();
    assertThat(cursor.description()).as("before any statement").isEmpty();
    await(cursor.execute("select id, label as name, price from item"));
    List<ColumnDescription> columns = cursor.description();
    assertThat(columns).extracting(ColumnDescription::name).containsExactly("ID", "NAME", "PRICE");
    assertThat(columns).extracting(ColumnDescription::jdbcType).containsExactly(Types.NUMERIC, Types.VARCHAR, Types.NUMERIC);
    assertThat(columns.get(1).typeName()).isEqualTo("CHARACTER VARYING");
    assertThat(columns.get(2).precision()).isEqualTo(8);
    assertThat(columns.get(2).scale()).isEqualTo(2);
    assertThat(columns.get(0).nullable()).isFalse();
    assertThat(columns.get(1).nullable()).isTrue();
    assertThat(await(cursor.fetchOne()).columns()).isEqualTo(columns);

    await(cursor.execute("update item set price = price + 1"));
    assertThat(cursor.description()).as("after DML").isEmpty();
  }

  @Test
  void rowCountCountsTouchedOrFetchedRows() {
    AsyncCursor cursor = conn.cursor();
    assertThat(cursor.rowCount()).as("before any statement").isEqualTo(-1);
    await(cursor.execute("update item set price = 0 where id <= ?", 3));
    assertThat(cursor.rowCount()).isEqualTo(3);
    await(cursor.execute("delete from item where id = 99"));
    assertThat(cursor.rowCount()).isZero();
    await(cursor.execute("select id from item order by id"));
    assertThat(cursor.rowCount()).isZero();
    await(cursor.fetchOne());
    assertThat(cursor.rowCount()).isEqualTo(1);
    await(cursor.fetchMany(2));
    assertThat(cursor.rowCount()).isEqualTo(3);
    await(cursor.fetchAll());
    assertThat(cursor.rowCount()).isEqualTo(5);
    await(cursor.fetchOne());
    assertThat(cursor.rowCount()).isEqualTo(5);
  }

  @Test
  void executeManyOnACursorCountsTheWholeBatch() {
    AsyncCursor cursor = conn.cursor();
    assertThat(await(cursor.executeMany("insert into item (id, label) values (?, ?)",
        List.of(List.of(6, "six"), List.of(7, "seven"), List.of(8, "eight"))))).isSameAs(cursor);
    assertThat(cursor.rowCount()).isEqualTo(3);
    assertThat(cursor.description()).isEmpty();
    await(cursor.executeMany("delete from item where id >= ?", List.of(List.of(7), List.of(6))));
    assertThat(cursor.rowCount()).isEqualTo(3);
    assertThat(failure(cursor.executeMany("insert into item (id) values (?)", List.of(List.of(1, 2)))))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void aNewExecuteReplacesThePreviousQuery() {
    AsyncCursor cursor = conn.cursor();
    await(cursor.execute("select id from item order by id"));
    await(cursor.fetchOne());
    await(cursor.execute("select label from item where id = ?", 5));
    assertThat(await(cursor.fetchAll())).extracting(r -> r.get(0)).containsExactly("item-5");
  }

  @Test
  void fetchingBeforeAQueryFails() {
    AsyncCursor cursor = conn.cursor();
    assertThat(failure(cursor.fetchOne())).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("no query");
    await(cursor.execute("delete from item where id = 5"));
    assertThat(failure(cursor.fetchAll())).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void cursorArgumentsAreCheckedBeforeAnythingIsSent() {
    AsyncCursor cursor = conn.cursor();
    assertThat(failure(cursor.execute(null))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("sql"));
    assertThat(failure(cursor.execute("delete from item where id = ?"))).isInstanceOf(InvalidArgumentException.class);
    assertThat(await(conn.fetchOne("select count(*) from item")).get(0, Integer.class)).isEqualTo(5);
  }

  @Test
  void aClosedCursorRefusesCalls() {
    AsyncCursor cursor = conn.cursor();
    await(cursor.execute("select id from item"));
    cursor.close();
    assertThat(cursor.isClosed()).isTrue();
    assertThat(failure(cursor.fetchOne())).isInstanceOf(AsyncOracleException.class).hasMessageContaining("closed");
    assertThat(failure(cursor.execute("select 1 from dual"))).isInstanceOf(AsyncOracleException.class)
        .hasMessageContaining("closed");
    assertThat(failure(conn.cursor(true).scroll(1, ScrollMode.ABSOLUTE))).isInstanceOf(InvalidArgumentException.class);
    cursor.close();
    assertThat(await(conn.fetchOne("select 1 from dual"))).as("the connection is unaffected").isNotNull();
  }

  @Test
  void closingTheConnectionClosesItsCursors() {
    AsyncConnection other = await(pool.acquire());
    AsyncCursor cursor = other.cursor();
    await(cursor.execute("select id from item"));
    await(other.close());
    assertThat(cursor.isClosed()).isTrue();
    assertThat(failure(cursor.fetchOne())).isInstanceOf(AsyncOracleException.class);
  }

  @Test
  void streamPublishesTheRemainingRows() {
    AsyncCursor cursor = conn.cursor();
    cursor.setArraySize(2);
    await(cursor.execute("select id from item order by id"));
    await(cursor.fetchOne());
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    cursor.stream().subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(Row row) {
        seen.add(id(row));
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
    assertThat(seen).containsExactly(2, 3, 4, 5);
  }

  // ---- scrollable cursors -------------------------------------------------------------------

  private AsyncCursor scrollable() {
    AsyncCursor cursor = conn.cursor(true);
    assertThat(cursor.scrollable()).isTrue();
    await(cursor.execute("select id from item order by id"));
    return cursor;
  }

  @Test
  void scrollFirstMakesTheNextFetchReturnTheFirstRow() {
    AsyncCursor cursor = scrollable();
    await(cursor.fetchMany(3));
    await(cursor.scroll(0, ScrollMode.FIRST));
    assertThat(id(await(cursor.fetchOne()))).isEqualTo(1);
    assertThat(id(await(cursor.fetchOne()))).isEqualTo(2);
  }

  @Test
  void scrollLastMakesTheNextFetchReturnTheLastRow() {
    AsyncCursor cursor = scrollable();
    await(cursor.scroll(0, ScrollMode.LAST));
    assertThat(id(await(cursor.fetchOne()))).isEqualTo(5);
    assertThat(await(cursor.fetchOne())).isNull();
  }

  @Test
  void scrollAbsoluteGoesToARowNumber() {
    AsyncCursor cursor = scrollable();
    await(cursor.scroll(3, ScrollMode.ABSOLUTE));
    assertThat(ids(await(cursor.fetchMany(2)))).containsExactly(3, 4);
    await(cursor.scroll(1, ScrollMode.ABSOLUTE));
    assertThat(ids(await(cursor.fetchAll()))).containsExactly(1, 2, 3, 4, 5);
    await(cursor.scroll(5, ScrollMode.ABSOLUTE));
    assertThat(ids(await(cursor.fetchAll()))).containsExactly(5);
  }

  @Test
  void scrollRelativeMovesFromTheLastRowFetched() {
    AsyncCursor cursor = scrollable();
    await(cursor.fetchMany(2));
    await(cursor.scroll(2, ScrollMode.RELATIVE));
    assertThat(id(await(cursor.fetchOne()))).as("2 rows after row 2").isEqualTo(4);
    await(cursor.scroll(-3, ScrollMode.RELATIVE));
    assertThat(id(await(cursor.fetchOne()))).as("3 rows before row 4").isEqualTo(1);
    await(cursor.scroll(0, ScrollMode.RELATIVE));
    assertThat(id(await(cursor.fetchOne()))).as("0 rows from row 1 fetches it again").isEqualTo(1);
  }

  @Test
  void scrollRelativeWorksAfterEveryRowWasFetched() {
    AsyncCursor cursor = scrollable();
    assertThat(await(cursor.fetchAll())).hasSize(5);
    await(cursor.scroll(-1, ScrollMode.RELATIVE));
    assertThat(id(await(cursor.fetchOne()))).as("1 row before the last row fetched (5)").isEqualTo(4);
  }

  @Test
  void scrollOutOfRangeFailsAndLeavesTheCursorWhereItWas() {
    AsyncCursor cursor = scrollable();
    await(cursor.fetchMany(2));
    for (int[] bad : new int[][] {{6, 0}, {0, 0}, {-1, 0}, {4, 1}, {-2, 1}}) {
      ScrollMode mode = bad[1] == 0 ? ScrollMode.ABSOLUTE : ScrollMode.RELATIVE;
      assertThat(failure(cursor.scroll(bad[0], mode))).as("%s %s", mode, bad[0])
          .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("value"))
          .hasMessageContaining("out of range");
    }
    assertThat(id(await(cursor.fetchOne()))).isEqualTo(3);
    await(cursor.fetchAll());
    assertThat(failure(cursor.scroll(1, ScrollMode.RELATIVE))).isInstanceOf(InvalidArgumentException.class);
    assertThat(await(cursor.fetchOne())).as("still after the last row").isNull();
  }

  @Test
  void scrollNeedsAScrollableCursorWithAQuery() {
    AsyncCursor forwardOnly = conn.cursor();
    await(forwardOnly.execute("select id from item"));
    assertThat(failure(forwardOnly.scroll(1, ScrollMode.ABSOLUTE))).isInstanceOfSatisfying(
        InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("scroll"));
    assertThat(failure(conn.cursor(true).scroll(0, ScrollMode.FIRST))).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("no query");
    assertThat(failure(scrollable().scroll(1, null))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("mode"));
  }
}
