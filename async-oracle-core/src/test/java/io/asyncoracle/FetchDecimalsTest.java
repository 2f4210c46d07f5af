package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * python-oracledb's {@code fetch_decimals} as a pool, connection and cursor option: number columns
 * come back as {@link BigDecimal} whatever type the driver picks (H2 gives {@code Integer} and
 * {@code Long} for integer expressions, {@code BigDecimal} for {@code NUMBER(p, s)}), while binary
 * floating-point columns keep their type.
 */
class FetchDecimalsTest {

  private static final String SQL = "select 7637, count(*), cast(2.5 as number(5, 1)), cast(1.5 as binary_double)"
      + " from dual";

  private AsyncPool pool;

  @AfterEach
  void closePool() {
    await(pool.close(true, true));
  }

  @Test
  void offByDefaultEachValueKeepsTheDriversType() {
    pool = TestDatabases.pool(1);
    Row row = await(pool.withConnection(c -> {
      assertThat(c.fetchDecimals()).isFalse();
      return c.fetchOne(SQL);
    }));
    assertThat(row.get(0)).isEqualTo(7637);
    assertThat(row.get(1)).isEqualTo(1L);
    assertThat(row.get(2)).isEqualTo(new BigDecimal("2.5"));
    assertThat(row.get(3)).isEqualTo(1.5d);
  }

  @Test
  void onAConnectionEveryShortcutAndCursorFetchesDecimals() {
    pool = TestDatabases.pool(1);
    AsyncConnection conn = await(pool.acquire());
    conn.setFetchDecimals(true);
    assertThat(conn.fetchDecimals()).isTrue();

    Row one = await(conn.fetchOne(SQL));
    assertThat(one.get(0)).isEqualTo(new BigDecimal("7637"));
    assertThat(one.get(1)).isEqualTo(BigDecimal.ONE);
    assertThat(one.get(2)).isEqualTo(new BigDecimal("2.5"));
    assertThat(one.get(3)).as("BINARY_DOUBLE is not a decimal").isEqualTo(1.5d);
    assertThat(await(conn.fetchAll(SQL)).get(0).get(0)).isEqualTo(new BigDecimal("7637"));
    assertThat(await(conn.fetchMany(SQL, 1)).get(0).get(1)).isEqualTo(BigDecimal.ONE);

    try (AsyncCursor cursor = conn.cursor()) {
      assertThat(cursor.fetchDecimals()).as("the connection's, until the cursor sets its own").isTrue();
      await(cursor.execute(SQL));
      assertThat(await(cursor.fetchOne()).get(0)).isEqualTo(new BigDecimal("7637"));
      cursor.setFetchDecimals(false);
      await(cursor.execute(SQL));
      assertThat(await(cursor.fetchOne()).get(0)).isEqualTo(7637);
    }
    try (AsyncCursor cursor = conn.cursor()) {
      conn.setFetchDecimals(false);
      cursor.setFetchDecimals(true);
      await(cursor.execute(SQL));
      assertThat(await(cursor.fetchAll()).get(0).get(1)).isEqualTo(BigDecimal.ONE);
    }
    assertThat(await(conn.fetchOne(SQL)).get(0)).isEqualTo(7637);
    await(conn.close());
  }

  @Test
  void thePoolOptionIsEachConnectionsStartingValue() {
    pool = await(AsyncOracle.createPool(TestDatabases.options().min(1).max(1).fetchDecimals(true).build()));
    assertThat(pool.options().fetchDecimals()).isTrue();
    assertThat(pool.options().toBuilder().build().fetchDecimals()).isTrue();
    List<Row> rows = await(pool.withConnection(c -> {
      assertThat(c.fetchDecimals()).isTrue();
      c.setFetchDecimals(false);
      return c.fetchAll(SQL);
    }));
    assertThat(rows.get(0).get(0)).isEqualTo(7637);
    Row again = await(pool.withConnection(c -> c.fetchOne(SQL)));
    assertThat(again.get(0)).as("a new lend starts from the pool's value").isEqualTo(new BigDecimal("7637"));
  }
}
