package io.asyncoracle.oracle;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncLob;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.LobType;
import io.asyncoracle.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Temporary LOBs on Oracle, including what H2's write-once LOBs cannot do (rewrite, append, trim). */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class LobIT {

  private static AsyncPool pool;
  private static AsyncConnection conn;

  @BeforeAll
  static void createTable() {
    pool = OracleDatabase.pool(1);
    conn = await(pool.acquire());
    await(conn.execute(OracleDatabase.dropIfExists("drop table it_doc")));
    await(conn.execute("create table it_doc(id number primary key, body clob, data blob, nbody nclob)"));
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
  void clobWriteAppendReadTrim() {
    AsyncLob lob = await(conn.createLob(LobType.CLOB));
    await(lob.write("hello"));
    await(lob.write(" world", 6));
    assertThat(await(lob.size())).isEqualTo(11L);
    assertThat(await(lob.read())).isEqualTo("hello world");
    assertThat(await(lob.read(7, 5))).isEqualTo("world");
    await(lob.write("J", 1));
    assertThat(await(lob.read())).isEqualTo("Jello world");
    await(lob.trim(5));
    assertThat(await(lob.size())).isEqualTo(5L);
    assertThat(await(lob.read())).isEqualTo("Jello");
    await(lob.close());
  }

  @Test
  void blobWriteReadTrim() {
    AsyncLob lob = await(conn.createLob(LobType.BLOB));
    await(lob.write(new byte[] {1, 2, 3}));
    await(lob.write(new byte[] {4, 5}, 4));
    assertThat((byte[]) await(lob.read())).containsExactly(1, 2, 3, 4, 5);
    await(lob.trim(2));
    assertThat((byte[]) await(lob.read())).containsExactly(1, 2);
    await(lob.close());
  }

  @Test
  void boundLobsAreInsertedAndFetchedBackAsValues() {
    AsyncLob body = await(conn.createLob(LobType.CLOB));
    await(body.write("x".repeat(100_000)));
    AsyncLob data = await(conn.createLob(LobType.BLOB));
    await(data.write(new byte[] {7, 8, 9}));
    AsyncLob nbody = await(conn.createLob(LobType.NCLOB));
    await(nbody.write("žluťoučký kůň"));
    await(conn.execute("insert into it_doc values (?, ?, ?, ?)", 1, body, data, nbody));

    Row row = await(conn.fetchOne("select body, data, nbody from it_doc where id = 1"));
    assertThat(row.get("BODY")).isEqualTo("x".repeat(100_000));
    assertThat((byte[]) row.get("DATA")).containsExactly(7, 8, 9);
    assertThat(row.get("NBODY")).isEqualTo("žluťoučký kůň");
    await(conn.rollback());
  }
}
