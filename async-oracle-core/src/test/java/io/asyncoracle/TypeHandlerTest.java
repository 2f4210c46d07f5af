package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-connection input and output type handlers, python-oracledb's inputtypehandler/outputtypehandler. */
class TypeHandlerTest {

  /** An application type the driver knows nothing about. */
  record Money(BigDecimal amount, String currency) {
  }

  private static final InputTypeHandler MONEY_AS_AMOUNT = value -> value instanceof Money m ? m.amount() : value;

  private AsyncPool pool;
  private AsyncConnection conn;

  @BeforeEach
  void openPool() {
    pool = TestDatabases.pool(2);
    conn = await(pool.acquire());
    await(conn.execute("create table price(id number(10), label varchar2(20), amount number(10,2))"));
  }

  @AfterEach
  void closePool() {
    await(conn.close());
    await(pool.close(true, false));
  }

  @Test
  void noHandlersByDefault() {
    assertThat(conn.inputTypeHandler()).isNull();
    assertThat(conn.outputTypeHandler()).isNull();
    assertThat(OutputTypeHandler.DEFAULT).hasToString("OutputTypeHandler.DEFAULT");
  }

  @Test
  void anInputHandlerConvertsEveryBoundValue() {
    conn.setInputTypeHandler(MONEY_AS_AMOUNT);
    assertThat(conn.inputTypeHandler()).isSameAs(MONEY_AS_AMOUNT);
    Money tenEuros = new Money(new BigDecimal("10.00"), "EUR");

    await(conn.execute("insert into price values (?, ?, ?)", 1, "execute", tenEuros));
    await(conn.executeMany("insert into price values (?, ?, ?)",
        List.of(List.of(2, "batch", new Money(new BigDecimal("2.50"), "EUR")))));
    await(conn.cursor().execute("insert into price values (?, ?, ?)", 3, "cursor", new Money(BigDecimal.ONE, "EUR")));
    assertThat(await(conn.fetchAll("select amount from price where amount >= ? order by id", new Money(BigDecimal.ONE, "EUR"))))
        .extracting(r -> r.get(0, BigDecimal.class))
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("10.00"), new BigDecimal("2.50"), BigDecimal.ONE);
  }

  @Test
  void withoutTheInputHandlerTheDriverRefusesTheValue() {
    Throwable error = failure(conn.execute("insert into price values (?, ?, ?)", 1, "x", new Money(BigDecimal.ONE, "EUR")));
    assertThat(error).isInstanceOf(DatabaseException.class);
    conn.setInputTypeHandler(MONEY_AS_AMOUNT);
    conn.setInputTypeHandler(null);
    assertThat(failure(conn.execute("insert into price values (?, ?, ?)", 1, "x", new Money(BigDecimal.ONE, "EUR"))))
        .isInstanceOf(DatabaseException.class);
  }

  @Test
  void anOutputHandlerReadsTheColumnsItWantsAndLeavesTheRest() {
    await(conn.execute("insert into price values (1, 'one', 1.50)"));
    OutputTypeHandler handler = (rs, index, column) -> {
      if (column.jdbcType() == Types.NUMERIC && column.scale() == 0) {
        return rs.getLong(index);
      }
      if (column.name().equals("AMOUNT")) {
        return "$" + rs.getBigDecimal(index).toPlainString();
      }
      return OutputTypeHandler.DEFAULT;
    };
    conn.setOutputTypeHandler(handler);
    assertThat(conn.outputTypeHandler()).isSameAs(handler);

    Row row = await(conn.fetchOne("select id, label, amount from price"));
    assertThat(row.get("ID")).isEqualTo(1L);
    assertThat(row.get("LABEL")).isEqualTo("one");
    assertThat(row.get("AMOUNT")).isEqualTo("$1.50");

    AsyncCursor cursor = conn.cursor();
    await(cursor.execute("select id, amount from price"));
    assertThat(await(cursor.fetchOne()).values()).containsExactly(1L, "$1.50");

    conn.setOutputTypeHandler(null);
    assertThat(await(conn.fetchOne("select id from price")).get(0)).isInstanceOf(BigDecimal.class);
  }

  @Test
  void anOutputHandlerErrorFailsTheFetchAndKeepsTheConnection() {
    await(conn.execute("insert into price values (1, 'one', 1.50)"));
    conn.setOutputTypeHandler((rs, index, column) -> {
      throw new SQLException("cannot read " + column.name(), "22000");
    });
    assertThat(failure(conn.fetchAll("select label from price"))).isInstanceOf(DatabaseException.class)
        .hasMessageContaining("cannot read LABEL");
    conn.setOutputTypeHandler(null);
    assertThat(await(conn.fetchAll("select label from price"))).hasSize(1);
  }
}
