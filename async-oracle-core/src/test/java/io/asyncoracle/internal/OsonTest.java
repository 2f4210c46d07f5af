package io.asyncoracle.internal;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.TestDatabases;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OSON through {@code encodeOson}/{@code decodeOson} of an H2 connection: no Oracle needed. */
class OsonTest {

  private static AsyncPool pool;
  private static AsyncConnection conn;

  @BeforeAll
  static void openConnection() {
    pool = TestDatabases.pool(1);
    conn = await(pool.acquire());
  }

  @AfterAll
  static void closePool() {
    await(conn.close());
    await(pool.close(true, false));
  }

  private static Object roundTrip(Object value) {
    return conn.decodeOson(conn.encodeOson(value));
  }

  @Test
  void scalarsRoundTrip() {
    assertThat(roundTrip("text")).isEqualTo("text");
    assertThat(roundTrip(new StringBuilder("chars"))).isEqualTo("chars");
    assertThat(roundTrip(Boolean.TRUE)).isEqualTo(true);
    assertThat(roundTrip(false)).isEqualTo(false);
    assertThat(roundTrip(null)).isNull();
    assertThat(roundTrip(1.5d)).isEqualTo(1.5d);
    assertThat(roundTrip(2.5f)).isEqualTo(2.5f);
  }

  @Test
  void integersAndDecimalsComeBackAsBigDecimal() {
    assertThat(roundTrip(42)).isEqualTo(new BigDecimal("42"));
    assertThat(roundTrip((short) 7)).isEqualTo(new BigDecimal("7"));
    assertThat(roundTrip(1L << 40)).isEqualTo(new BigDecimal(1L << 40));
    assertThat(roundTrip(new BigDecimal("3.14159"))).isEqualTo(new BigDecimal("3.14159"));
    assertThat(roundTrip(new java.math.BigInteger("123456789012345678901234567890")))
        .isEqualTo(new BigDecimal("123456789012345678901234567890"));
  }

  @Test
  void bytesAndTimesRoundTrip() {
    assertThat((byte[]) roundTrip(new byte[] {0, 1, -1, 127})).containsExactly(0, 1, -1, 127);
    LocalDateTime local = LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000);
    assertThat(roundTrip(local)).isEqualTo(local);
    OffsetDateTime offset = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2));
    assertThat(roundTrip(offset)).isEqualTo(offset);
    Duration duration = Duration.ofDays(1).plusHours(1).plusMinutes(1).plusSeconds(1).plusMillis(1);
    assertThat(roundTrip(duration)).isEqualTo(duration);
    assertThat(roundTrip(Period.of(1, 2, 0))).isEqualTo(Period.of(1, 2, 0));
    assertThat(roundTrip(LocalDate.of(2024, 5, 6))).isEqualTo(LocalDateTime.of(2024, 5, 6, 0, 0));
    assertThat(roundTrip(Instant.parse("2024-01-01T00:00:00Z")))
        .isEqualTo(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
  }

  @Test
  void mapsAndListsRoundTripNested() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("flag", true);
    inner.put("none", null);
    inner.put("when", LocalDateTime.of(2020, 1, 1, 0, 0));
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", "Ann");
    value.put("tags", List.of("a", "b", List.of()));
    value.put("inner", inner);
    value.put("empty", Map.of());
    value.put("array", new Object[] {"x", 1.25d});

    Object back = roundTrip(value);
    Map<String, Object> expected = new HashMap<>(value);
    expected.put("array", List.of("x", 1.25d));
    assertThat(back).isInstanceOf(Map.class).isEqualTo(expected);
    assertThat(roundTrip(List.of(1, "two", List.of(3.0d)))).isEqualTo(List.of(BigDecimal.ONE, "two", List.of(3.0d)));
  }

  @Test
  void encodingIsCompactBinaryNotText() {
    byte[] oson = conn.encodeOson(Map.of("key", "value"));
    // OSON images start with the magic bytes 0xFF 'J' 'Z'.
    assertThat(Arrays.copyOf(oson, 3)).containsExactly(0xFF, 'J', 'Z');
  }

  @Test
  void valuesWithoutAJsonFormAreRejected() {
    assertThatThrownBy(() -> conn.encodeOson(new Object()))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("value"))
        .hasMessageContaining("java.lang.Object");
    assertThatThrownBy(() -> conn.encodeOson(Map.of(1, "numeric key")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("keys must be strings");
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThatThrownBy(() -> conn.encodeOson(cycle)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("deeper than");
  }

  @Test
  void bytesThatAreNotOsonAreRejected() {
    assertThatThrownBy(() -> conn.decodeOson(null))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("data"));
    assertThatThrownBy(() -> conn.decodeOson(new byte[0])).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> conn.decodeOson("{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not valid OSON");
  }

  @Test
  void corruptImagesFailAsInvalidArgumentsNeverWithDecoderInternals() {
    // A LinkedHashMap, not Map.of: the image, and so the corruptions below, are the same every run.
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("a", List.of(1, 2, 3));
    value.put("b", "text");
    value.put("c", new LinkedHashMap<>(Map.of("d", 1.5d)));
    value.put("e", List.of(Map.of("f", List.of(true, false))));
    byte[] good = conn.encodeOson(value);
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] bad = i % 2 == 0 ? Arrays.copyOf(good, random.nextInt(good.length)) : good.clone();
      if (i % 2 == 1) {
        bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
      }
      try {
        conn.decodeOson(bad);
      } catch (InvalidArgumentException expected) {
        assertThat(expected.argument()).isEqualTo("data");
      }
    }
  }
}
