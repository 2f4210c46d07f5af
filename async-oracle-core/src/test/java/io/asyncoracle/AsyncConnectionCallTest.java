package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code callFunc} and {@code callProc} on H2's Java stored code. H2 2.x has no OUT parameters
 * ({@code registerOutParameter} is not implemented), so functions are read from the result of H2's
 * {@code CALL}, and OUT/IN OUT parameters are tested against Oracle in {@code StoredCodeIT}.
 */
class AsyncConnectionCallTest {

  private AsyncPool pool;
  private AsyncConnection conn;

  @BeforeEach
  void openPool() {
    pool = TestDatabases.pool(2);
    conn = await(pool.acquire());
    await(conn.execute("create table item(id number(10) primary key, label varchar2(20))"));
    H2StoredCode.install(conn);
  }

  @AfterEach
  void closePool() {
    await(conn.close());
    await(pool.close(true, false));
  }

  @Test
  void callFuncReturnsTheFunctionsValue() {
    assertThat(await(conn.callFunc("TWICE", Long.class, 21))).isEqualTo(42L);
    assertThat(await(conn.callFunc("twice", Integer.class, 5))).as("names are not case-sensitive").isEqualTo(10);
    assertThat(await(conn.callFunc("GREET", String.class, "Hello", "Ann"))).isEqualTo("Hello, Ann!");
    assertThat(await(conn.callFunc("NOTHING", String.class))).isNull();
    assertThat(await(conn.callFunc("TWICE", Object.class, 4))).isEqualTo(8L);
    assertThat(await(conn.callFunc("TWICE", BigDecimal.class, new BigDecimal("7")))).isEqualByComparingTo("14");
  }

  @Test
  void callProcRunsTheProcedureAndReturnsTheArguments() {
    List<Object> result = await(conn.callProc("ADD_ITEM", 1, "first"));
    assertThat(result).containsExactly(1, "first");
    assertThat(await(conn.fetchOne("select label from item where id = 1")).get(0)).isEqualTo("first");
    assertThat(await(conn.transactionInProgress())).as("the procedure's insert is not committed").isTrue();
    await(conn.rollback());
    assertThat(await(conn.fetchOne("select label from item where id = 1"))).isNull();
  }

  @Test
  void outParametersNeedADatabaseWithOutParameters() {
    Throwable error = failure(conn.callProc("ADD_ITEM", 1, OutParameter.out(String.class)));
    assertThat(error).isInstanceOf(DatabaseException.class).hasMessageContaining("registerOutParameter");
  }

  @Test
  void errorsRaisedByStoredCodeArriveAsDatabaseExceptions() {
    assertThat(failure(conn.callProc("FAIL_WITH", "no funds"))).isInstanceOf(DatabaseException.class)
        .hasMessageContaining("no funds");
    assertThat(failure(conn.callFunc("NO_SUCH_FUNCTION", String.class))).isInstanceOf(DatabaseException.class);
    assertThat(await(conn.callFunc("TWICE", Long.class, 1))).as("the connection still works").isEqualTo(2L);
  }

  @Test
  void namesThatAreNotNamesAreRejectedBeforeAnythingIsSent() {
    for (String name : new String[] {"TWICE(1); drop table item; --", "f; drop table item", "ADD_ITEM(1,'x')", "",
        "a b"}) {
      assertThat(failure(conn.callProc(name))).as(name).isInstanceOfSatisfying(InvalidArgumentException.class,
          e -> assertThat(e.argument()).isEqualTo("name"));
      assertThat(failure(conn.callFunc(name, String.class))).as(name).isInstanceOf(InvalidArgumentException.class);
    }
    assertThat(failure(conn.callProc(null))).isInstanceOf(InvalidArgumentException.class);
    assertThat(failure(conn.callFunc("TWICE", null, 1))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("returnType"));
    assertThat(await(conn.fetchOne("select count(*) from item")).get(0, Integer.class)).as("item still exists")
        .isZero();
  }

  @Test
  void qualifiedNamesWork() {
    assertThat(await(conn.callFunc("PUBLIC.TWICE", Long.class, 3))).isEqualTo(6L);
  }
}
