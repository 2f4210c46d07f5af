package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rows as fetched from H2: access by index and label, conversions, values and text. */
class RowTest {

  private static AsyncPool pool;
  private static Row row;

  @BeforeAll
  static void fetchOneRow() {
    pool = TestDatabases.pool(1);
    row = await(pool.withConnection(c -> c.fetchOne("select cast(42 as number(10)) as num, 'Ann' as name,"
        + " cast(2.75 as number(5,2)) as price, timestamp '2024-03-04 05:06:07.5' as ts,"
        + " cast(null as varchar2(5)) as nothing, x'CAFE' as raw_bytes, date '2024-03-04' as d,"
        + " cast(12345678901 as number(12)) as big, '17' as digits from dual")));
  }

  @AfterAll
  static void closePool() {
    await(pool.close(true, false));
  }

  @Test
  void columnsAreNumberedFromZero() {
    assertThat(row.size()).isEqualTo(9);
    assertThat(row.get(1)).isEqualTo("Ann");
    assertThat(row.get(0)).isInstanceOf(BigDecimal.class);
    assertThat(row.get(4)).isNull();
    assertThatThrownBy(() -> row.get(9)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> row.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void columnsAreFoundByLabelIgnoringCase() {
    assertThat(row.get("NAME")).isEqualTo("Ann");
    assertThat(row.get("name")).isEqualTo("Ann");
    assertThat(row.get("Raw_Bytes")).isInstanceOf(byte[].class);
    assertThat(row.get("price", BigDecimal.class)).isEqualByComparingTo("2.75");
    assertThatThrownBy(() -> row.get("missing")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing").hasMessageContaining("NAME");
    assertThatThrownBy(() -> row.get((String) null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFirstOfTwoColumnsWithTheSameLabelWins() {
    Row twice = await(pool.withConnection(c -> c.fetchOne("select 1 as a, 2 as a from dual")));
    assertThat(twice.get("A", Integer.class)).isEqualTo(1);
    assertThat(twice.get(1, Integer.class)).isEqualTo(2);
  }

  @Test
  void numbersConvertToOtherNumberTypesAndText() {
    assertThat(row.get(0, Integer.class)).isEqualTo(42);
    assertThat(row.get(0, int.class)).isEqualTo(42);
    assertThat(row.get(0, Long.class)).isEqualTo(42L);
    assertThat(row.get(0, Short.class)).isEqualTo((short) 42);
    assertThat(row.get(0, Double.class)).isEqualTo(42.0);
    assertThat(row.get(0, BigInteger.class)).isEqualTo(BigInteger.valueOf(42));
    assertThat(row.get(0, String.class)).isEqualTo("42");
    assertThat(row.get(0, Boolean.class)).isTrue();
    assertThat(row.get(2, Double.class)).isEqualTo(2.75);
    assertThat(row.get(7, Long.class)).isEqualTo(12_345_678_901L);
    assertThat(row.get(8, Integer.class)).as("digits in text").isEqualTo(17);
  }

  @Test
  void numbersThatDoNotFitAreRejected() {
    assertThatThrownBy(() -> row.get(2, Integer.class)).as("2.75 has a fraction")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Integer");
    assertThatThrownBy(() -> row.get(7, Integer.class)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> row.get(1, Integer.class)).as("'Ann' is not a number")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timestampsConvertToJavaTime() {
    LocalDateTime expected = LocalDateTime.of(2024, 3, 4, 5, 6, 7, 500_000_000);
    assertThat(row.get(3)).isInstanceOf(Timestamp.class);
    assertThat(row.get(3, LocalDateTime.class)).isEqualTo(expected);
    assertThat(row.get(3, Instant.class)).isEqualTo(expected.atZone(ZoneId.systemDefault()).toInstant());
    assertThat(row.get(3, Instant.class)).isEqualTo(((Timestamp) row.get(3)).toInstant());
    assertThat(row.get(3, LocalDate.class)).isEqualTo(LocalDate.of(2024, 3, 4));
    assertThat(row.get(3, LocalTime.class)).isEqualTo(LocalTime.of(5, 6, 7, 500_000_000));
    assertThat(row.get(3, OffsetDateTime.class).toLocalDateTime()).isEqualTo(expected);
    assertThat(row.get("d", LocalDate.class)).isEqualTo(LocalDate.of(2024, 3, 4));
    assertThat(row.get(3, Timestamp.class)).isSameAs(row.get(3));
  }

  @Test
  void timestampsWithTimeZoneArriveAsOffsetDateTime() {
    Row zoned = await(pool.withConnection(c -> c.fetchOne(
        "select cast('2024-01-01 12:00:00+02:00' as timestamp with time zone) as tz from dual")));
    OffsetDateTime expected = OffsetDateTime.parse("2024-01-01T12:00:00+02:00");
    assertThat(zoned.get(0)).isEqualTo(expected);
    assertThat(zoned.get(0, Instant.class)).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
    assertThat(zoned.get(0, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 1, 12, 0));
  }

  @Test
  void unconvertibleValuesAreRejectedNamingTheColumn() {
    assertThatThrownBy(() -> row.get(3, Integer.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TS").hasMessageContaining("java.lang.Integer");
    assertThatThrownBy(() -> row.get(5, String.class)).as("bytes have no text form")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RAW_BYTES");
    assertThatThrownBy(() -> row.get(0, LocalDate.class)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> row.get(0, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullStaysNullWhateverTheType() {
    assertThat(row.get(4, Integer.class)).isNull();
    assertThat(row.get("NOTHING", LocalDateTime.class)).isNull();
  }

  @Test
  void valuesListsEveryColumnAndCannotBeChanged() {
    List<Object> values = row.values();
    assertThat(values).hasSize(9);
    assertThat(values.get(1)).isEqualTo("Ann");
    assertThat(values.get(4)).isNull();
    assertThatThrownBy(() -> values.set(1, "Bob")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(row.columns()).extracting(ColumnDescription::name)
        .containsExactly("NUM", "NAME", "PRICE", "TS", "NOTHING", "RAW_BYTES", "D", "BIG", "DIGITS");
  }

  @Test
  void toStringReadsLikeATuple() {
    Row small = await(pool.withConnection(c -> c.fetchOne("select 1 as n, 'x' as s, cast(null as varchar2(1)) as z,"
        + " x'0102' as b from dual")));
    assertThat(small).hasToString("(1, 'x', null, <2 bytes>)");
  }

  @Test
  void rowsWithEqualValuesAreEqual() {
    List<Row> rows = await(pool.withConnection(c -> c.fetchAll("select 1 as n, x'01' as b from dual union all"
        + " select 1, x'01' from dual")));
    assertThat(rows.get(0)).isEqualTo(rows.get(1)).hasSameHashCodeAs(rows.get(1));
  }
}
