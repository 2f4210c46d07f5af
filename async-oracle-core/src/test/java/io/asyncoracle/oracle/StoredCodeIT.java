package io.asyncoracle.oracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.DatabaseException;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.OutParameter;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** callFunc/callProc on PL/SQL, including the OUT and IN OUT parameters H2 cannot do. */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class StoredCodeIT {

  private static AsyncPool pool;
  private static AsyncConnection conn;

  @BeforeAll
  static void createStoredCode() {
    pool = OracleDatabase.pool(2);
    conn = await(pool.acquire());
    await(conn.execute("create or replace function it_add(a number, b number) return number is"
        + " begin return a + b; end;"));
    await(conn.execute("create or replace function it_day(d date) return date is begin return d + 1; end;"));
    await(conn.execute("create or replace procedure it_split(p_full in varchar2, p_first out varchar2,"
        + " p_count in out number) is begin p_first := substr(p_full, 1, instr(p_full, ' ') - 1);"
        + " p_count := p_count + 1; end;"));
    await(conn.execute("create or replace procedure it_fail(p_message varchar2) is"
        + " begin raise_application_error(-20001, p_message); end;"));
    await(conn.execute("create or replace package it_pkg as function hello(p_name varchar2) return varchar2; end;"));
    await(conn.execute("create or replace package body it_pkg as function hello(p_name varchar2) return varchar2 is"
        + " begin return 'Hello, ' || p_name; end; end;"));
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
  void callFuncReturnsTheValue() {
    assertThat(await(conn.callFunc("it_add", Long.class, 2, 3))).isEqualTo(5L);
    assertThat(await(conn.callFunc("IT_ADD", BigDecimal.class, new BigDecimal("1.5"), 1))).isEqualByComparingTo("2.5");
    assertThat(await(conn.callFunc("it_pkg.hello", String.class, "Ann"))).isEqualTo("Hello, Ann");
    LocalDateTime day = LocalDateTime.of(2024, 2, 28, 10, 0);
    assertThat(await(conn.callFunc("it_day", LocalDateTime.class, day))).isEqualTo(day.plusDays(1));
  }

  @Test
  void callProcReturnsOutAndInOutValuesInPlace() {
    List<Object> result = await(conn.callProc("it_split", "Ann Lee", OutParameter.out(String.class),
        OutParameter.inOut(41, Integer.class)));
    assertThat(result).containsExactly("Ann Lee", "Ann", 42);
  }

  @Test
  void builtInPackagesCanBeCalled() {
    assertThat(await(conn.callProc("dbms_output.enable", 1000))).containsExactly(1000);
    assertThat(await(conn.callFunc("dbms_random.value", Double.class, 0, 1))).isBetween(0.0, 1.0);
  }

  @Test
  void plsqlErrorsCarryTheirOraCode() {
    assertThat(failure(conn.callProc("it_fail", "no funds"))).isInstanceOfSatisfying(DatabaseException.class, e -> {
      assertThat(e.oraCode()).isEqualTo("ORA-20001");
      assertThat(e.errorCode()).isEqualTo(20001);
      assertThat(e.getMessage()).contains("no funds");
    });
    assertThat(failure(conn.fetchAll("select * from no_such_table"))).isInstanceOfSatisfying(DatabaseException.class,
        e -> {
          assertThat(e.oraCode()).isEqualTo("ORA-00942");
          assertThat(e.errorCode()).isEqualTo(942);
        });
    assertThat(await(conn.callFunc("it_add", Integer.class, 1, 1))).as("the connection still works").isEqualTo(2);
  }

  @Test
  void injectionThroughTheNameIsRejected() {
    assertThat(failure(conn.callProc("it_fail('x'); execute immediate 'drop table t'; --")))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
