package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Temporary LOBs on H2. H2's LOBs are write-once (one write at offset 1 into a new LOB) and cannot
 * be truncated, so a second write and {@code trim} are tested against Oracle in {@code LobIT}; here
 * they must fail cleanly.
 */
class AsyncLobTest {

  private AsyncPool pool;
  private AsyncConnection conn;

  @BeforeEach
  void openPool() {
    pool = TestDatabases.pool(2);
    conn = await(pool.acquire());
    await(conn.execute("create table doc(id number primary key, body clob, data blob, nbody nclob)"));
  }

  @AfterEach
  void closePool() {
    await(conn.close());
    await(pool.close(true, false));
  }

  @Test
  void clobWriteReadAndSize() {
    AsyncLob lob = await(conn.createLob(LobType.CLOB));
    assertThat(lob.type()).isEqualTo(LobType.CLOB);
    assertThat(await(lob.size())).isZero();
    assertThat(await(lob.read())).isEqualTo("");
    await(lob.write("hello world"));
    assertThat(await(lob.size())).isEqualTo(11L);
    assertThat(await(lob.read())).isEqualTo("hello world");
    assertThat(await(lob.read(7, 5))).isEqualTo("world");
    assertThat(await(lob.read(7, 100))).as("reads stop at the end").isEqualTo("world");
    assertThat(await(lob.read(12, 3))).as("past the end").isEqualTo("");
    assertThat(await(lob.read(1, 0))).isEqualTo("");
    await(lob.close());
  }

  @Test
  void blobWriteReadAndSize() {
    AsyncLob lob = await(conn.createLob(LobType.BLOB));
    assertThat(lob.type()).isEqualTo(LobType.BLOB);
    assertThat((byte[]) await(lob.read())).isEmpty();
    await(lob.write(new byte[] {1, 2, 3, 4, 5}));
    assertThat(await(lob.size())).isEqualTo(5L);
    assertThat((byte[]) await(lob.read())).containsExactly(1, 2, 3, 4, 5);
    assertThat((byte[]) await(lob.read(2, 3))).containsExactly(2, 3, 4);
    assertThat((byte[]) await(lob.read(5, 10))).containsExactly(5);
    await(lob.close());
  }

  @Test
  void nclobHoldsText() {
    AsyncLob lob = await(conn.createLob(LobType.NCLOB));
    assertThat(lob.type()).isEqualTo(LobType.NCLOB);
    await(lob.write("žluťoučký kůň"));
    assertThat(await(lob.size())).isEqualTo(13L);
    assertThat(await(lob.read(11, 3))).isEqualTo("kůň");
  }

  @Test
  void boundLobsAreInsertedAndFetchedBackAsValues() {
    AsyncLob text = await(conn.createLob(LobType.CLOB));
    await(text.write("a".repeat(10_000)));
    AsyncLob bytes = await(conn.createLob(LobType.BLOB));
    await(bytes.write("binary".getBytes(StandardCharsets.US_ASCII)));
    AsyncLob ntext = await(conn.createLob(LobType.NCLOB));
    await(ntext.write("national"));
    assertThat(await(conn.execute("insert into doc values (?, ?, ?, ?)", 1, text, bytes, ntext))).isEqualTo(1L);

    Row row = await(conn.fetchOne("select body, data, nbody from doc where id = 1"));
    assertThat(row.get("BODY")).isInstanceOf(String.class).isEqualTo("a".repeat(10_000));
    assertThat(row.get("DATA")).isInstanceOf(byte[].class);
    assertThat(new String((byte[]) row.get("DATA"), StandardCharsets.US_ASCII)).isEqualTo("binary");
    assertThat(row.get("NBODY")).isEqualTo("national");
  }

  @Test
  void lobArgumentsAreChecked() {
    AsyncLob clob = await(conn.createLob(LobType.CLOB));
    AsyncLob blob = await(conn.createLob(LobType.BLOB));
    assertThat(failure(clob.write(new byte[] {1}))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("data"));
    assertThat(failure(blob.write("text"))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("data"));
    assertThat(failure(clob.write("x", 0))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("offset"));
    assertThat(failure(clob.read(0, 1))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("offset"));
    assertThat(failure(clob.read(1, -1))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("amount"));
    assertThat(failure(clob.trim(-1))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("newSize"));
    assertThat(failure(conn.createLob(null))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("type"));
  }

  @Test
  void whatH2CannotDoFailsWithADatabaseException() {
    AsyncLob clob = await(conn.createLob(LobType.CLOB));
    await(clob.write("hello"));
    assertThat(failure(clob.trim(2))).isInstanceOf(DatabaseException.class);
    assertThat(failure(clob.write(" again", 6))).isInstanceOf(DatabaseException.class);
    assertThat(await(clob.read())).as("the LOB is unchanged").isEqualTo("hello");
  }

  @Test
  void aClosedLobCannotBeRead() {
    AsyncLob lob = await(conn.createLob(LobType.CLOB));
    await(lob.write("gone soon"));
    await(lob.close());
    assertThat(failure(lob.read())).isInstanceOf(DatabaseException.class);
    assertThat(await(conn.fetchOne("select 1 from dual"))).as("the connection still works").isNotNull();
  }

  @Test
  void lobsAreFreedWhenTheirConnectionIsReleased() {
    AsyncConnection other = await(pool.acquire());
    AsyncLob lob = await(other.createLob(LobType.BLOB));
    await(lob.write(new byte[] {9}));
    await(other.close());
    assertThat(failure(lob.read())).isInstanceOf(AsyncOracleException.class).hasMessageContaining("closed");
    assertThat(await(lob.close())).isNull();
  }
}
