package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Temporary LOBs on H2. H2's own LOBs are write-once (one write at offset 1 into a new LOB) and
 * cannot be truncated, so the library keeps a temporary LOB's content until it is bound: rewrites,
 * appends and {@code trim} work as on Oracle ({@code LobIT} runs the same steps there).
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
  void temporaryLobsTakeWritesAtAnyOffsetAppendsAndTrimOnH2Too() {
    AsyncLob clob = await(conn.createLob(LobType.CLOB));
    await(clob.write("hello"));
    await(clob.write(" world", 6));
    assertThat(await(clob.size())).isEqualTo(11L);
    assertThat(await(clob.read())).isEqualTo("hello world");
    await(clob.write("J", 1));
    assertThat(await(clob.read())).isEqualTo("Jello world");
    await(clob.trim(5));
    assertThat(await(clob.read())).isEqualTo("Jello");
    await(clob.write("!", 8));
    assertThat(await(clob.read())).as("a gap is padded with spaces, as Oracle does").isEqualTo("Jello  !");
    assertThat(failure(clob.trim(100))).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("newSize"));

    AsyncLob blob = await(conn.createLob(LobType.BLOB));
    await(blob.write(new byte[] {1, 2, 3}));
    await(blob.write(new byte[] {4, 5}, 4));
    assertThat((byte[]) await(blob.read())).containsExactly(1, 2, 3, 4, 5);
    await(blob.trim(2));
    assertThat((byte[]) await(blob.read())).containsExactly(1, 2);
    await(blob.write(new byte[] {9}, 4));
    assertThat((byte[]) await(blob.read())).containsExactly(1, 2, 0, 9);

    await(conn.execute("insert into doc (id, body, data) values (?, ?, ?)", 7, clob, blob));
    Row row = await(conn.fetchOne("select body, data from doc where id = 7"));
    assertThat(row.get("BODY")).isEqualTo("Jello  !");
    assertThat((byte[]) row.get("DATA")).containsExactly(1, 2, 0, 9);

    await(clob.write("Y", 1));
    await(conn.execute("insert into doc (id, body) values (?, ?)", 8, clob));
    assertThat(await(conn.fetchOne("select body from doc where id = 8")).get(0)).as("still writable after a bind")
        .isEqualTo("Yello  !");
  }

  @Test
  void createLobWithInitialData() {
    AsyncLob clob = await(conn.createLob(LobType.CLOB, "initial"));
    assertThat(await(clob.read())).isEqualTo("initial");
    AsyncLob nclob = await(conn.createLob(LobType.NCLOB, "žluťoučký"));
    assertThat(await(nclob.read(2, 3))).isEqualTo("luť");
    AsyncLob blob = await(conn.createLob(LobType.BLOB, new byte[] {5, 6}));
    assertThat((byte[]) await(blob.read())).containsExactly(5, 6);
    assertThat(failure(conn.createLob(LobType.BLOB, "not bytes"))).isInstanceOfSatisfying(
        InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("data"));
    await(conn.execute("insert into doc (id, nbody) values (?, ?)", 9, nclob));
    assertThat(await(conn.fetchOne("select nbody from doc where id = 9")).get(0)).isEqualTo("žluťoučký");
  }

  @Test
  void lobColumnsCanBeFetchedAsLocatorsPerConnectionOrPerCursor() {
    await(conn.execute("insert into doc (id, body, data) values (?, ?, ?)", 1, "x".repeat(10_000) + "end",
        new byte[] {1, 2, 3, 4}));
    assertThat(conn.fetchLobs()).isFalse();
    assertThat(await(conn.fetchOne("select body from doc")).get(0)).as("by default, the content").isInstanceOf(String.class);

    conn.setFetchLobs(true);
    Row row = await(conn.fetchOne("select body, data from doc where id = ?", 1));
    AsyncLob body = (AsyncLob) row.get(0);
    assertThat(body.type()).isEqualTo(LobType.CLOB);
    assertThat(await(body.size())).isEqualTo(10_003L);
    assertThat(await(body.read(10_001, 100))).as("read in parts").isEqualTo("end");
    AsyncLob data = (AsyncLob) row.get("DATA");
    assertThat(data.type()).isEqualTo(LobType.BLOB);
    assertThat((byte[]) await(data.read(2, 2))).containsExactly(2, 3);
    await(body.close());
    assertThat(body.isClosed()).isTrue();
    assertThat(failure(body.read(1, 1))).hasMessageContaining("closed");

    AsyncCursor cursor = conn.cursor();
    assertThat(cursor.fetchLobs()).as("a cursor follows its connection").isTrue();
    cursor.setFetchLobs(false);
    await(cursor.execute("select body from doc"));
    assertThat(await(cursor.fetchOne()).get(0)).isInstanceOf(String.class);
    conn.setFetchLobs(false);
    AsyncCursor locators = conn.cursor();
    locators.setFetchLobs(true);
    await(locators.execute("select data from doc"));
    assertThat(await(locators.fetchOne()).get(0)).isInstanceOf(AsyncLob.class);
    assertThat(await(conn.fetchOne("select data from doc")).get(0)).isInstanceOf(byte[].class);
  }

  @Test
  void aClosedLobCannotBeRead() {
    AsyncLob lob = await(conn.createLob(LobType.CLOB));
    await(lob.write("gone soon"));
    await(lob.close());
    assertThat(lob.isClosed()).isTrue();
    assertThat(failure(lob.read())).isInstanceOf(AsyncOracleException.class).hasMessageContaining("closed");
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
