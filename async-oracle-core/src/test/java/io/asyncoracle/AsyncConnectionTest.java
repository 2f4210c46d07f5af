package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statements, queries and errors on a pooled H2 connection. */
class AsyncConnectionTest {

  private AsyncPool pool;
  private AsyncConnection conn;

  @BeforeEach
  void openPoolAndConnection() {
    pool = TestDatabases.pool(2);
    conn = await(pool.acquire());
    await(conn.execute("create table emp(id number(10) primary key, name varchar2(30), salary number(10,2))"));
    await(conn.executeMany("insert into emp values (?, ?, ?)", List.of(
        List.of(1, "Ann", new BigDecimal("100.50")),
        List.of(2, "Bob", new BigDecimal("200.00")),
        List.of(3, "Cid", new BigDecimal("300.25")))));
    await(conn.commit());
  }

  @AfterEach
  void closePool() {
    await(conn.close());
    await(pool.close(true, false));
  }

  // ---- execute / executeMany ----------------------------------------------------------------

  @Test
  void executeReturnsTheRowsTouched() {
    assertThat(await(conn.execute("update emp set salary = salary + 1 where id >= ?", 2))).isEqualTo(2L);
    assertThat(await(conn.execute("delete from emp where id = ?", 99))).isZero();
    assertThat(await(conn.execute("insert into emp (id, name) values (?, ?)", 4, "Dee"))).isEqualTo(1L);
    assertThat(await(conn.execute("create table other(x number)"))).isZero();
    assertThat(await(conn.execute("select * from emp"))).as("a query touches no rows").isZero();
    assertThat(await(conn.fetchOne("select salary from emp where id = 2")).get(0, BigDecimal.class))
        .isEqualByComparingTo("201.00");
  }

  @Test
  void executeManyReturnsTheBatchTotal() {
    long total = await(conn.executeMany("insert into emp (id, name) values (?, ?)",
        List.of(List.of(10, "a"), List.of(11, "b"), List.of(12, "c"), List.of(13, "d"))));
    assertThat(total).isEqualTo(4);
    long updated = await(conn.executeMany("update emp set name = ? where id >= ?",
        List.of(List.of("x", 12), List.of("y", 1))));
    assertThat(updated).as("2 rows, then all 7 rows").isEqualTo(9);
    assertThat(await(conn.executeMany("insert into emp (id) values (?)", List.of()))).isZero();
    assertThat(await(conn.fetchOne("select count(*) from emp")).get(0, Integer.class)).isEqualTo(7);
  }

  @Test
  void executeManyChecksTheRowsBeforeSendingAnything() {
    assertThat(failure(conn.executeMany("insert into emp (id, name) values (?, ?)", List.of(List.of(20, "a"), List.of(21)))))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("rows"));
    assertThat(failure(conn.executeMany("insert into emp (id) values (?)", null)))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("rows"));
    List<List<?>> withNull = new ArrayList<>();
    withNull.add(List.of(22));
    withNull.add(null);
    assertThat(failure(conn.executeMany("insert into emp (id) values (?)", withNull)))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(await(conn.fetchOne("select count(*) from emp where id >= 20")).get(0, Integer.class)).isZero();
  }

  // ---- argument checks ----------------------------------------------------------------------

  @Test
  void nullOrBlankSqlFailsTheFutureWithoutThrowing() {
    CompletableFuture<Long> nullSql = conn.execute(null);
    assertThat(failure(nullSql)).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("sql"));
    assertThat(failure(conn.fetchAll(" "))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("sql"));
    assertThat(failure(conn.fetchOne(null))).isInstanceOf(InvalidArgumentException.class);
    assertThat(failure(conn.fetchMany(null, 2))).isInstanceOf(InvalidArgumentException.class);
    assertThat(failure(conn.executeMany(null, List.of()))).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void wrongParameterCountsFailBeforeAnythingIsSent() {
    InvalidArgumentException tooFew = (InvalidArgumentException) failure(
        conn.execute("insert into emp (id, name) values (?, ?)", 50));
    assertThat(tooFew.argument()).isEqualTo("params");
    assertThat(tooFew).hasMessageContaining("2 bind placeholders").hasMessageContaining("1 parameter was given");
    assertThat(failure(conn.execute("insert into emp (id) values (?)", 51, "extra")))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(failure(conn.fetchAll("select * from emp where id = ?"))).isInstanceOf(InvalidArgumentException.class);
    assertThat(failure(conn.fetchOne("select * from emp", 1))).isInstanceOf(InvalidArgumentException.class);
    assertThat(failure(conn.fetchMany("select * from emp where id > ?", 1, 1, 2)))
        .isInstanceOf(InvalidArgumentException.class);
    // Nothing reached the database: the insert with one parameter did not run.
    assertThat(await(conn.fetchOne("select count(*) from emp where id >= 50")).get(0, Integer.class)).isZero();
    assertThat(await(conn.transactionInProgress())).isFalse();
  }

  @Test
  void questionMarksInLiteralsAndCommentsAreNotPlaceholders() {
    Row row = await(conn.fetchOne("select '?' as q, ? as p /* ? */ from dual -- ?\n", "value"));
    assertThat(row.get("Q")).isEqualTo("?");
    assertThat(row.get("P")).isEqualTo("value");
  }

  @Test
  void aNullVarargsArrayMeansNoParameters() {
    assertThat(await(conn.fetchAll("select id from emp", (Object[]) null))).hasSize(3);
  }

  @Test
  void otherBadArgumentsAreRejected() {
    assertThat(await(conn.fetchMany("select * from emp", 0))).as("as the reference: no rows").isEmpty();
    assertThat(await(conn.fetchMany("select * from emp", -3))).isEmpty();
    assertThat(failure(conn.fetchAll("select * from emp", (RowMapper<Object>) null))).isInstanceOfSatisfying(
        InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("mapper"));
    assertThat(failure(conn.fetchAll("delete from emp"))).isInstanceOfSatisfying(
        InvalidArgumentException.class, e -> assertThat(e).hasMessageContaining("not a query"));
    assertThat(failure(conn.execute("insert into emp (id) values (?)", OutParameter.out(Integer.class))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("OutParameter");
  }

  // ---- fetching -----------------------------------------------------------------------------

  @Test
  void fetchOneReturnsTheFirstRowOrNull() {
    Row row = await(conn.fetchOne("select id, name from emp where salary > ? order by id", 150));
    assertThat(row.get(0, Integer.class)).isEqualTo(2);
    assertThat(row.get("name")).isEqualTo("Bob");
    assertThat(await(conn.fetchOne("select * from emp where id = ?", 42))).isNull();
  }

  @Test
  void fetchManyReturnsAtMostTheRowsAsked() {
    assertThat(await(conn.fetchMany("select id from emp order by id", 2))).extracting(r -> r.get(0, Integer.class))
        .containsExactly(1, 2);
    assertThat(await(conn.fetchMany("select id from emp order by id", 10))).hasSize(3);
    assertThat(await(conn.fetchMany("select id from emp where id > ?", 5, 10))).isEmpty();
  }

  @Test
  void fetchAllReturnsEveryRow() {
    List<Row> rows = await(conn.fetchAll("select id, name from emp order by id"));
    assertThat(rows).extracting(r -> r.get("NAME")).containsExactly("Ann", "Bob", "Cid");
    assertThat(await(conn.fetchAll("select * from emp where 1 = 0"))).isEmpty();
  }

  @Test
  void rowMappersPlayThePartOfRowFactory() {
    record Employee(int id, String name) {
    }
    RowMapper<Employee> mapper = row -> new Employee(row.get(0, Integer.class), (String) row.get(1));
    assertThat(await(conn.fetchOne("select id, name from emp where id = ?", mapper, 2))).isEqualTo(new Employee(2, "Bob"));
    assertThat(await(conn.fetchOne("select id, name from emp where id = ?", mapper, 9))).isNull();
    assertThat(await(conn.fetchMany("select id, name from emp order by id desc", 2, mapper)))
        .containsExactly(new Employee(3, "Cid"), new Employee(2, "Bob"));
    assertThat(await(conn.fetchAll("select id, name from emp where id <> ? order by id", mapper, 2)))
        .containsExactly(new Employee(1, "Ann"), new Employee(3, "Cid"));
  }

  @Test
  void aFailingRowMapperFailsTheFutureWithItsOwnException() {
    RowMapper<Object> broken = row -> {
      throw new IllegalStateException("mapper broke");
    };
    assertThat(failure(conn.fetchAll("select * from emp", broken))).isInstanceOf(IllegalStateException.class)
        .hasMessage("mapper broke");
    assertThat(await(conn.fetchAll("select * from emp"))).as("the connection still works").hasSize(3);
  }

  @Test
  void streamPublishesTheRowsOfAQueryWithParameters() {
    List<Object> names = new ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    conn.stream("select name from emp where id >= ? order by id", 2).subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(Row item) {
        names.add(item.get(0));
      }

      @Override
      public void onError(Throwable throwable) {
        done.completeExceptionally(throwable);
      }

      @Override
      public void onComplete() {
        done.complete(null);
      }
    });
    await(done);
    assertThat(names).containsExactly("Bob", "Cid");
  }

  @Test
  void streamReportsBadArgumentsThroughOnError() {
    for (Flow.Publisher<Row> bad : List.of(conn.stream(null), conn.stream("select * from emp where id = ?"))) {
      CompletableFuture<Void> failed = new CompletableFuture<>();
      bad.subscribe(new Flow.Subscriber<>() {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
          subscription.request(1);
        }

        @Override
        public void onNext(Row item) {
          failed.complete(null);
        }

        @Override
        public void onError(Throwable throwable) {
          failed.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
          failed.complete(null);
        }
      });
      assertThatThrownBy(() -> await(failed)).isInstanceOf(InvalidArgumentException.class);
    }
    // Nothing was left running on the connection.
    assertThat(await(conn.fetchOne("select count(*) from emp"))).isNotNull();
  }

  // ---- transactions -------------------------------------------------------------------------

  @Test
  void committedWorkIsVisibleToOtherConnectionsAndUncommittedIsNot() {
    AsyncConnection other = await(pool.acquire());
    try {
      await(conn.execute("insert into emp (id, name) values (?, ?)", 7, "Eve"));
      assertThat(await(conn.fetchOne("select name from emp where id = 7"))).as("own work is visible").isNotNull();
      assertThat(await(other.fetchOne("select name from emp where id = 7"))).as("uncommitted").isNull();
      await(conn.commit());
      assertThat(await(other.fetchOne("select name from emp where id = 7")).get(0)).isEqualTo("Eve");
    } finally {
      await(other.close());
    }
  }

  @Test
  void rolledBackWorkIsGone() {
    AsyncConnection other = await(pool.acquire());
    try {
      await(conn.execute("delete from emp"));
      assertThat(await(conn.fetchAll("select * from emp"))).isEmpty();
      await(conn.rollback());
      assertThat(await(conn.fetchAll("select * from emp"))).hasSize(3);
      assertThat(await(other.fetchAll("select * from emp"))).hasSize(3);
    } finally {
      await(other.close());
    }
  }

  @Test
  void transactionInProgressFollowsTheSession() {
    assertThat(await(conn.transactionInProgress())).isFalse();
    await(conn.execute("update emp set name = 'Zed' where id = 1"));
    assertThat(await(conn.transactionInProgress())).isTrue();
    await(conn.commit());
    assertThat(await(conn.transactionInProgress())).isFalse();
    await(conn.execute("delete from emp where id = 1"));
    assertThat(await(conn.transactionInProgress())).isTrue();
    await(conn.rollback());
    assertThat(await(conn.transactionInProgress())).isFalse();
  }

  @Test
  void autocommitIsOffUntilTurnedOn() {
    AsyncConnection other = await(pool.acquire());
    try {
      assertThat(conn.autocommit()).isFalse();
      await(conn.setAutocommit(true));
      assertThat(conn.autocommit()).isTrue();
      await(conn.execute("insert into emp (id, name) values (8, 'Fay')"));
      assertThat(await(other.fetchOne("select name from emp where id = 8")).get(0)).as("committed at once")
          .isEqualTo("Fay");
      await(conn.setAutocommit(false));
      assertThat(conn.autocommit()).isFalse();
      await(conn.execute("insert into emp (id, name) values (9, 'Gus')"));
      assertThat(await(other.fetchOne("select name from emp where id = 9"))).isNull();
    } finally {
      await(other.close());
    }
  }

  @Test
  void turningAutocommitOnCommitsPendingWork() {
    AsyncConnection other = await(pool.acquire());
    try {
      await(conn.execute("insert into emp (id, name) values (8, 'Fay')"));
      await(conn.setAutocommit(true));
      assertThat(await(other.fetchOne("select name from emp where id = 8"))).isNotNull();
    } finally {
      await(other.close());
    }
  }

  // ---- health and attributes ----------------------------------------------------------------

  @Test
  void pingAndIsHealthyOnAnOpenConnection() {
    await(conn.ping());
    assertThat(conn.isHealthy()).isTrue();
    assertThat(conn.isClosed()).isFalse();
  }

  @Test
  void aClosedConnectionIsNotHealthyAndRefusesCalls() {
    AsyncConnection other = await(pool.acquire());
    await(other.close());
    assertThat(other.isClosed()).isTrue();
    assertThat(other.isHealthy()).isFalse();
    assertThat(failure(other.ping())).isInstanceOf(AsyncOracleException.class).hasMessageContaining("closed");
    CompletableFuture<Void> again = other.close();
    await(again);
    assertThat(again).as("closing twice does nothing").isCompleted();
  }

  @Test
  void describesTheDatabaseAndTheSession() {
    assertThat(await(conn.version())).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(await(conn.username())).isEqualToIgnoringCase("sa");
    assertThat(conn.thin()).isFalse();
    assertThat(conn.dsn()).isEqualTo(pool.options().jdbcUrl()).doesNotContain("secret-pw");
    assertThat(conn.toString()).contains(pool.name()).doesNotContain("secret-pw");
  }

  @Test
  void dsnHidesAPasswordGivenInTheUrl() {
    AsyncPool withPassword = AsyncOracle.createPool(TestDatabases.options()
        .url(TestDatabases.newUrl() + ";PASSWORD=secret-pw").build()).join();
    try {
      AsyncConnection c = await(withPassword.acquire());
      assertThat(c.dsn()).doesNotContain("secret-pw").contains("PASSWORD=***");
      assertThat(withPassword.toString()).doesNotContain("secret-pw");
      await(c.close());
    } finally {
      await(withPassword.close(true, false));
    }
  }

  @Test
  void localAttributesKeepTheirValues() {
    assertThat(conn.stmtCacheSize()).isEqualTo(PoolOptions.DEFAULT_STMT_CACHE_SIZE);
    conn.setStmtCacheSize(5);
    assertThat(conn.stmtCacheSize()).isEqualTo(5);
    assertThatThrownBy(() -> conn.setStmtCacheSize(-1)).isInstanceOf(InvalidArgumentException.class);
    conn.setInternalName("internal");
    conn.setExternalName("external");
    assertThat(conn.internalName()).isEqualTo("internal");
    assertThat(conn.externalName()).isEqualTo("external");
    assertThatThrownBy(() -> conn.setCallTimeout(java.time.Duration.ofMillis(-1)))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("callTimeout"));
    assertThatThrownBy(() -> conn.setCallTimeout(null)).isInstanceOf(InvalidArgumentException.class);
    conn.setCallTimeout(java.time.Duration.ofSeconds(2));
    assertThat(conn.callTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
    await(conn.ping());
  }

  @Test
  void xidWorksOnAnyConnection() {
    Xid xid = conn.xid(7, "global-1", "branch-1");
    assertThat(xid.getFormatId()).isEqualTo(7);
    assertThat(xid.getGlobalTransactionId()).isEqualTo("global-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(xid.getBranchQualifier()).isEqualTo("branch-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(xid).isEqualTo(Xid.of(7, "global-1", "branch-1"));
  }

  // ---- errors -------------------------------------------------------------------------------

  @Test
  void aDatabaseErrorCarriesTheDriverCodes() {
    Throwable error = failure(conn.fetchAll("select * from no_such_table"));
    assertThat(error).isInstanceOfSatisfying(DatabaseException.class, e -> {
      assertThat(e.errorCode()).isEqualTo(42102);
      assertThat(e.sqlState()).isEqualTo("42S02");
      assertThat(e.oraCode()).as("H2 errors have no ORA code").isNull();
      assertThat(e.getCause()).isSameAs(e.sqlException()).isNotNull();
      assertThat(e.getMessage()).contains("NO_SUCH_TABLE");
    });
  }

  @Test
  void theConnectionStaysUsableAfterAStatementError() {
    await(conn.execute("update emp set name = 'Kept' where id = 1"));
    assertThat(failure(conn.execute("insert into emp (id) values (1)"))).as("duplicate key")
        .isInstanceOf(DatabaseException.class);
    assertThat(conn.isHealthy()).isTrue();
    assertThat(await(conn.fetchOne("select name from emp where id = 1")).get(0))
        .as("the error did not roll back earlier work").isEqualTo("Kept");
    await(conn.commit());
  }

  @Test
  void callsRunInTheOrderTheyAreMade() {
    List<CompletableFuture<Long>> inserts = new ArrayList<>();
    for (int i = 100; i < 150; i++) {
      inserts.add(conn.execute("insert into emp (id, name) values (?, ?)", i, "n" + i));
    }
    CompletableFuture<List<Row>> query = conn.fetchAll("select id from emp where id >= 100 order by id");
    // The query ran after every insert. Their futures may complete in any order, on any thread.
    assertThat(await(query)).hasSize(50);
    assertThat(inserts).allSatisfy(f -> assertThat(await(f)).isEqualTo(1L));
  }
}
