package io.asyncoracle.oracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.DatabaseException;
import io.asyncoracle.Xid;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The tpc* family on Oracle's XA support: two-phase, one-phase, read-only and recovery. */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class TwoPhaseCommitIT {

  private static AsyncPool pool;
  private AsyncConnection conn;
  private AsyncConnection other;

  @BeforeAll
  static void createTable() {
    pool = OracleDatabase.pool(3);
    await(pool.withConnection(c -> c.execute(OracleDatabase.dropIfExists("drop table it_tpc"))
        .thenCompose(n -> c.execute("create table it_tpc(id number primary key, note varchar2(40))"))));
  }

  @AfterAll
  static void closePool() {
    if (pool != null) {
      await(pool.close(true, false));
    }
  }

  @BeforeEach
  void acquire() {
    conn = await(pool.acquire());
    other = await(pool.acquire());
  }

  @AfterEach
  void release() {
    await(conn.close());
    await(other.close());
  }

  private Xid newXid() {
    return conn.xid(0x4153, "gtrid-" + UUID.randomUUID(), "bqual-1");
  }

  private long rows(int id) {
    return await(other.fetchOne("select count(*) from it_tpc where id = ?", id)).get(0, Long.class);
  }

  @Test
  void twoPhaseCommitMakesTheWorkVisible() {
    Xid xid = newXid();
    await(conn.tpcBegin(xid));
    await(conn.execute("insert into it_tpc values (1, 'two-phase')"));
    await(conn.tpcEnd());
    assertThat(await(conn.tpcPrepare())).as("work was done, so a commit is needed").isTrue();
    assertThat(rows(1)).as("prepared, not committed").isZero();
    await(conn.tpcCommit());
    assertThat(rows(1)).isEqualTo(1);
  }

  @Test
  void onePhaseCommitWithoutPrepare() {
    await(conn.tpcBegin(newXid()));
    await(conn.execute("insert into it_tpc values (2, 'one-phase')"));
    await(conn.tpcEnd());
    await(conn.tpcCommit());
    assertThat(rows(2)).isEqualTo(1);
  }

  @Test
  void rollbackDiscardsTheWork() {
    await(conn.tpcBegin(newXid()));
    await(conn.execute("insert into it_tpc values (3, 'rolled back')"));
    await(conn.tpcEnd());
    await(conn.tpcRollback());
    assertThat(rows(3)).isZero();
  }

  @Test
  void aReadOnlyBranchNeedsNoCommit() {
    await(conn.tpcBegin(newXid()));
    await(conn.fetchAll("select * from it_tpc"));
    await(conn.tpcEnd());
    assertThat(await(conn.tpcPrepare())).isFalse();
  }

  @Test
  void aPreparedBranchIsRecoveredAndCommittedFromAnotherConnection() {
    Xid xid = newXid();
    await(conn.tpcBegin(xid));
    await(conn.execute("insert into it_tpc values (4, 'recovered')"));
    await(conn.tpcEnd());
    assertThat(await(conn.tpcPrepare(xid))).isTrue();

    assertThat(await(other.tpcRecover())).contains(xid);
    await(other.tpcCommit(xid, false));
    assertThat(rows(4)).isEqualTo(1);
    assertThat(await(other.tpcRecover())).doesNotContain(xid);
  }

  @Test
  void aPreparedBranchCanBeRolledBackFromAnotherConnection() {
    Xid xid = newXid();
    await(conn.tpcBegin(xid));
    await(conn.execute("insert into it_tpc values (5, 'recovered')"));
    await(conn.tpcEnd(xid, io.asyncoracle.TpcEndFlag.NORMAL));
    await(conn.tpcPrepare(xid));
    await(other.tpcRollback(xid));
    assertThat(rows(5)).isZero();
  }

  @Test
  void xaErrorsAreDatabaseExceptions() {
    assertThat(failure(conn.tpcCommit(newXid(), false))).as("unknown xid").isInstanceOf(DatabaseException.class);
    assertThat(await(conn.fetchOne("select 1 from dual"))).as("the connection still works").isNotNull();
  }
}
