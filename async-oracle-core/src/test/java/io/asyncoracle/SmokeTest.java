package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {

  @Test
  void roundTrip() {
    AsyncPool pool = TestDatabases.pool(2);
    List<Row> rows = pool.withConnection(c -> c.execute("create table t(id number primary key, name varchar2(20))")
        .thenCompose(n -> c.execute("insert into t values (?, ?)", 1, "one"))
        .thenCompose(n -> c.commit())
        .thenCompose(v -> c.fetchAll("select id, name from t"))).join();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("NAME")).isEqualTo("one");
    assertThat(pool.stats().busy()).isZero();
    System.out.println(pool.stats());
    pool.close().join();
    assertThat(pool.isClosed()).isTrue();
  }
}
