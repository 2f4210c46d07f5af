package io.asyncoracle.boot.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.VirtualThreads;
import io.asyncoracle.boot.TestDatabases;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.BeanPropertyRowMapper;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.namedparam.BeanPropertySqlParameterSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

class AsyncOracleTemplateTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static AsyncPool pool;
  private static AsyncOracleTemplate template;

  /** A record, for {@link DataClassRowMapper}. */
  record Account(long id, String owner, BigDecimal balance, LocalDate opened) {
  }

  /** A JavaBean, for {@link BeanPropertyRowMapper} and {@link BeanPropertySqlParameterSource}. */
  public static class AccountBean {
    private Long id;
    private String owner;
    private BigDecimal balance;

    public Long getId() {
      return id;
    }

    public void setId(Long id) {
      this.id = id;
    }

    public String getOwner() {
      return owner;
    }

    public void setOwner(String owner) {
      this.owner = owner;
    }

    public BigDecimal getBalance() {
      return balance;
    }

    public void setBalance(BigDecimal balance) {
      this.balance = balance;
    }
  }

  @BeforeAll
  static void createPool() {
    pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).poolName("template-test")
        .min(1).max(4).build()).join();
    template = new AsyncOracleTemplate(pool);
    template.update("create table accounts (id number(10) primary key, owner varchar2(50) not null,"
        + " balance number(12,2), opened date)").join();
  }

  @AfterAll
  static void closePool() {
    pool.close(true, true).join();
  }

  @BeforeEach
  void resetRows() {
    template.update("delete from accounts").join();
    template.batchUpdate("insert into accounts (id, owner, balance, opened) values (?, ?, ?, ?)", List.of(
        new Object[] {1, "ada", new BigDecimal("100.00"), LocalDate.of(2020, 1, 2)},
        new Object[] {2, "bob", new BigDecimal("50.50"), LocalDate.of(2021, 3, 4)},
        new Object[] {3, "cy", null, null})).join();
  }

  // ---- queries --------------------------------------------------------------------------------

  @Test
  void queryMapsEveryRowWithALambda() {
    List<String> owners = template.query("select owner from accounts where id >= ? order by id",
        (rs, rowNum) -> rowNum + ":" + rs.getString("owner"), 2).join();
    assertThat(owners).containsExactly("0:bob", "1:cy");
  }

  @Test
  void queryWorksWithSpringsDataClassAndBeanPropertyRowMappers() {
    List<Account> records = template.query("select id, owner, balance, opened from accounts order by id",
        new DataClassRowMapper<>(Account.class)).join();
    assertThat(records).containsExactly(
        new Account(1, "ada", new BigDecimal("100.00"), LocalDate.of(2020, 1, 2)),
        new Account(2, "bob", new BigDecimal("50.50"), LocalDate.of(2021, 3, 4)),
        new Account(3, "cy", null, null));
    List<AccountBean> beans = template.query("select id, owner, balance from accounts where id = ?",
        new BeanPropertyRowMapper<>(AccountBean.class), 2).join();
    assertThat(beans).singleElement().satisfies(bean -> {
      assertThat(bean.getId()).isEqualTo(2L);
      assertThat(bean.getOwner()).isEqualTo("bob");
      assertThat(bean.getBalance()).isEqualByComparingTo("50.50");
    });
  }

  @Test
  void rowMappersSeeNullsThroughWasNull() {
    List<String> seen = template.query("select balance from accounts where id = 3", (rs, n) -> {
      double value = rs.getDouble(1);
      return value + "/" + rs.wasNull();
    }).join();
    assertThat(seen).containsExactly("0.0/true");
  }

  @Test
  void queryForObjectReturnsTheOnlyRow() {
    assertThat(template.queryForObject("select owner from accounts where id = ?", (rs, n) -> rs.getString(1), 1)
        .join()).isEqualTo("ada");
    assertThat(template.queryForObject("select count(*) from accounts", Long.class).join()).isEqualTo(3L);
    assertThat(template.queryForObject("select balance from accounts where id = 2", BigDecimal.class).join())
        .isEqualByComparingTo("50.50");
    assertThat(template.queryForObject("select opened from accounts where id = 1", LocalDate.class).join())
        .isEqualTo(LocalDate.of(2020, 1, 2));
    assertThat(template.queryForObject("select balance from accounts where id = 3", BigDecimal.class).join()).isNull();
  }

  @Test
  void queryForObjectFailsOnNoRowOrSeveralRows() {
    assertFailsWith(template.queryForObject("select owner from accounts where id = 99", String.class),
        EmptyResultDataAccessException.class);
    assertFailsWith(template.queryForObject("select owner from accounts", String.class),
        IncorrectResultSizeDataAccessException.class);
  }

  @Test
  void queryForListReturnsMapsOrSingleColumnValues() {
    List<Map<String, Object>> rows = template.queryForList("select id, owner from accounts where id < ? order by id", 3)
        .join();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("owner")).isEqualTo("ada");
    assertThat(rows.get(0).get("OWNER")).isEqualTo("ada");
    assertThat(template.queryForList("select id from accounts order by id", Integer.class).join())
        .containsExactly(1, 2, 3);
  }

  // ---- named parameters -----------------------------------------------------------------------

  @Test
  void namedParametersFromAMap() {
    assertThat(template.queryForObject("select owner from accounts where id = :id and owner <> :notOwner",
        Map.of("id", 2, "notOwner", "zed"), String.class).join()).isEqualTo("bob");
    assertThat(template.query("select id from accounts where balance > :min order by id", Map.of("min", 60),
        (rs, n) -> rs.getInt(1)).join()).containsExactly(1);
    assertThat(template.queryForList("select owner from accounts where id = :id", Map.of("id", 3)).join())
        .singleElement().satisfies(row -> assertThat(row).containsEntry("OWNER", "cy"));
  }

  @Test
  void namedParametersExpandCollectionsForInLists() {
    assertThat(template.queryForList("select owner from accounts where id in (:ids) order by id",
        Map.of("ids", List.of(1, 3)), String.class).join()).containsExactly("ada", "cy");
  }

  @Test
  void namedParametersFromABeanAndAParameterSource() {
    AccountBean bean = new AccountBean();
    bean.setId(4L);
    bean.setOwner("dee");
    bean.setBalance(new BigDecimal("7.25"));
    assertThat(template.update("insert into accounts (id, owner, balance) values (:id, :owner, :balance)",
        new BeanPropertySqlParameterSource(bean)).join()).isEqualTo(1);
    SqlParameterSource source = new MapSqlParameterSource("owner", "dee");
    assertThat(template.queryForObject("select balance from accounts where owner = :owner", source, BigDecimal.class)
        .join()).isEqualByComparingTo("7.25");
    assertThat(template.query("select id from accounts where owner = :owner", source, (rs, n) -> rs.getLong(1))
        .join()).containsExactly(4L);
    assertThat(template.queryForList("select id from accounts where owner = :owner", source, Long.class).join())
        .containsExactly(4L);
  }

  @Test
  void aMissingNamedParameterFailsTheFuture() {
    assertFailsWith(template.update("update accounts set owner = :owner where id = :id", Map.of("id", 1)),
        InvalidDataAccessApiUsageException.class);
  }

  // ---- updates ----------------------------------------------------------------------------------

  @Test
  void updateReturnsTheRowCountAndCommits() {
    assertThat(template.update("update accounts set balance = balance + ? where balance is not null", 1).join())
        .isEqualTo(2);
    // Read through a standalone connection: only committed data is visible there.
    assertThat(committedBalance(1)).isEqualByComparingTo("101.00");
    assertThat(template.update("update accounts set owner = :o where id = :id", Map.of("o", "ADA", "id", 1)).join())
        .isEqualTo(1);
  }

  @Test
  void batchUpdateRunsEveryRowAndCommits() {
    assertThat(template.batchUpdate("insert into accounts (id, owner) values (?, ?)",
        List.of(new Object[] {10, "x"}, new Object[] {11, "y"})).join()).containsExactly(1, 1);
    @SuppressWarnings("unchecked")
    Map<String, ?>[] maps = new Map[] {Map.of("id", 12, "owner", "z"), Map.of("id", 13, "owner", "w")};
    assertThat(template.batchUpdate("insert into accounts (id, owner) values (:id, :owner)", maps).join())
        .containsExactly(1, 1);
    assertThat(template.batchUpdate("update accounts set balance = :b where id = :id", new SqlParameterSource[] {
        new MapSqlParameterSource(Map.of("b", 1, "id", 10)), new MapSqlParameterSource(Map.of("b", 2, "id", 11))})
        .join()).containsExactly(1, 1);
    assertThat(committedCount()).isEqualTo(7);
    assertThat(template.batchUpdate("insert into accounts (id, owner) values (?, ?)", List.of()).join()).isEmpty();
    // One count per parameter row, as JdbcTemplate returns them.
    assertThat(template.batchUpdate("update accounts set balance = 0 where owner in (?, ?)",
        List.of(new Object[] {"x", "y"}, new Object[] {"nobody", "none"}, new Object[] {"z", "x"})).join())
        .containsExactly(2, 0, 2);
  }

  // ---- error translation ------------------------------------------------------------------------

  @Test
  void sqlErrorsBecomeSpringDataAccessExceptions() {
    DataAccessException grammar = assertFailsWith(template.queryForList("select * from no_such_table"),
        BadSqlGrammarException.class);
    assertThat(((BadSqlGrammarException) grammar).getSql()).isEqualTo("select * from no_such_table");
    assertThat(grammar.getSuppressed()).hasAtLeastOneElementOfType(io.asyncoracle.DatabaseException.class);
    assertFailsWith(template.update("insert into accounts (id, owner) values (?, ?)", 1, "dup"),
        DuplicateKeyException.class);
    assertFailsWith(template.update("insert into accounts (id, owner) values (?, ?)", 50, null),
        DataIntegrityViolationException.class);
  }

  @Test
  void rowMapperErrorsAreTranslatedOrPassedThrough() {
    assertFailsWith(template.query("select owner from accounts", (rs, n) -> {
      throw new SQLException("mapper says no", "42000", 0);
    }), UncategorizedSQLException.class, BadSqlGrammarException.class);
    IllegalStateException mine = new IllegalStateException("mine");
    assertThat(template.query("select owner from accounts", (rs, n) -> {
      throw mine;
    })).failsWithin(WAIT).withThrowableOfType(ExecutionException.class).havingCause().isSameAs(mine);
    // The row view does not let a mapper move the cursor.
    assertFailsWith(template.query("select owner from accounts", (ResultSet rs, int n) -> rs.next()),
        InvalidDataAccessApiUsageException.class);
  }

  @Test
  void nullArgumentsFailTheFutureInsteadOfThrowing() {
    assertFailsWith(template.query("select 1 from dual", null), InvalidDataAccessApiUsageException.class);
    assertFailsWith(template.queryForObject(null, Integer.class), InvalidDataAccessApiUsageException.class);
    assertFailsWith(template.update(null, Map.of()), InvalidDataAccessApiUsageException.class);
  }

  @Test
  void anAcquireTimeoutBecomesCannotGetJdbcConnection() {
    AsyncPool small = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).max(1)
        .acquireTimeout(Duration.ofMillis(200)).build()).join();
    try {
      AsyncOracleTemplate t = new AsyncOracleTemplate(small);
      AsyncConnection held = small.acquire().join();
      assertFailsWith(t.queryForObject("select 1 from dual", Integer.class), CannotGetJdbcConnectionException.class);
      held.close().join();
      assertThat(t.queryForObject("select 1 from dual", Integer.class).join()).isEqualTo(1);
    } finally {
      small.close(true, true).join();
    }
  }

  @Test
  void aCallTimeoutBecomesQueryTimeout() {
    AsyncPool timed = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).max(1)
        .callTimeout(Duration.ofMillis(300)).build()).join();
    try {
      AsyncOracleTemplate t = new AsyncOracleTemplate(timed);
      assertFailsWith(t.queryForObject(TestDatabases.slowQuery(20_000), Long.class), QueryTimeoutException.class);
    } finally {
      timed.close(true, true).join();
    }
  }

  @Test
  void aClosedPoolBecomesDataAccessResourceFailure() {
    AsyncPool closed = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).build()).join();
    closed.close().join();
    assertFailsWith(new AsyncOracleTemplate(closed).queryForList("select 1 from dual"),
        DataAccessResourceFailureException.class);
  }

  // ---- transactions -----------------------------------------------------------------------------

  @Test
  void inTransactionCommitsWhenTheStageSucceeds() {
    String result = template.inTransaction(tx -> tx.update("update accounts set balance = balance - 10 where id = 1")
        .thenCompose(n -> tx.update("update accounts set balance = balance + 10 where id = 2"))
        .thenCompose(n -> tx.queryForObject("select owner from accounts where id = :id", Map.of("id", 2),
            String.class))).join();
    assertThat(result).isEqualTo("bob");
    assertThat(committedBalance(1)).isEqualByComparingTo("90.00");
    assertThat(committedBalance(2)).isEqualByComparingTo("60.50");
  }

  @Test
  void inTransactionRollsBackWhenAStatementFails() {
    CompletableFuture<Integer> failed = template.inTransaction(tx ->
        tx.update("update accounts set balance = 0 where id = 1")
            .thenCompose(n -> tx.update("insert into accounts (id, owner) values (2, 'duplicate')")));
    assertFailsWith(failed, DuplicateKeyException.class);
    assertThat(committedBalance(1)).isEqualByComparingTo("100.00");
  }

  @Test
  void inTransactionRollsBackWhenTheApplicationFailsTheStage() {
    CompletableFuture<Object> failed = template.inTransaction(tx ->
        tx.update("delete from accounts").thenApply(n -> {
          throw new IllegalStateException("business rule broken after deleting " + n);
        }));
    assertThat(failed).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(IllegalStateException.class).withMessageContaining("deleting 3");
    assertThat(committedCount()).isEqualTo(3);
  }

  @Test
  void inTransactionRollsBackWhenTheWorkThrows() {
    CompletableFuture<Object> failed = template.inTransaction(tx -> {
      tx.update("delete from accounts").join();
      throw new IllegalArgumentException("thrown, not returned");
    });
    assertThat(failed).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(IllegalArgumentException.class);
    assertThat(committedCount()).isEqualTo(3);
  }

  @Test
  void aTransactionSeesItsOwnWorkWhileOthersDoNotUntilCommit() {
    List<Long> seen = template.inTransaction(tx -> tx.update("insert into accounts (id, owner) values (20, 'tx')")
        .thenCompose(n -> tx.queryForObject("select count(*) from accounts", Long.class))
        .thenCompose(inside -> template.queryForObject("select count(*) from accounts", Long.class)
            .thenApply(outside -> List.of(inside, outside)))).join();
    assertThat(seen).containsExactly(4L, 3L);
    assertThat(committedCount()).isEqualTo(4);
  }

  @Test
  void withConnectionGivesTheRawConnectionAndTranslatesErrors() {
    assertThat(template.withConnection(conn -> conn.fetchOne("select owner from accounts where id = ?", 2)
        .thenApply(row -> row.get(0, String.class))).join()).isEqualTo("bob");
    assertFailsWith(template.withConnection(conn -> conn.execute("drop table no_such_table")),
        BadSqlGrammarException.class);
  }

  // ---- threads ------------------------------------------------------------------------------------

  @Test
  void aCallbackThatBlocksOnAnotherCallNeverDeadlocksThePool() {
    // Whichever thread runs a callback (a pool thread, a JDBC worker, the caller), blocking in it
    // on another template call must not stall the pool. The hardest case: one connection,
    // platform workers, and several such callbacks at once.
    AsyncPool single = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).max(1)
        .virtualThreads(VirtualThreads.DISABLED).build()).join();
    try {
      AsyncOracleTemplate t = new AsyncOracleTemplate(single);
      List<CompletableFuture<Integer>> nested = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int id = i;
        nested.add(t.queryForObject("select ? from dual", Integer.class, id)
            .thenApply(first -> first + t.queryForObject("select 100 from dual", Integer.class).join()));
      }
      for (int i = 0; i < 8; i++) {
        assertThat(nested.get(i)).succeedsWithin(WAIT).isEqualTo(100 + i);
      }
    } finally {
      single.close(true, true).join();
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private static BigDecimal committedBalance(int id) {
    return AsyncOracle.connect(null, null, pool.options().jdbcUrl())
        .thenCompose(conn -> conn.fetchOne("select balance from accounts where id = ?", id)
            .thenApply(row -> row.get(0, BigDecimal.class))
            .whenComplete((v, e) -> conn.close()))
        .join();
  }

  private static long committedCount() {
    return AsyncOracle.connect(null, null, pool.options().jdbcUrl())
        .thenCompose(conn -> conn.fetchOne("select count(*) from accounts")
            .thenApply(row -> row.get(0, Long.class))
            .whenComplete((v, e) -> conn.close()))
        .join();
  }

  @SafeVarargs
  private static DataAccessException assertFailsWith(CompletableFuture<?> future,
      Class<? extends DataAccessException>... anyOf) {
    Throwable cause = null;
    try {
      future.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      cause = e.getCause();
    } catch (Exception e) {
      throw new AssertionError("the future did not fail in time: " + e, e);
    }
    Throwable failure = cause;
    assertThat(failure).as("failure of the future").isNotNull();
    assertThat(anyOf).as("type of " + failure).anySatisfy(type -> assertThat(failure).isInstanceOf(type));
    return (DataAccessException) failure;
  }
}
