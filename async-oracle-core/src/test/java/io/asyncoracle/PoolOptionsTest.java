package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PoolOptionsTest {

  private static final String URL = "jdbc:h2:mem:options;MODE=Oracle";

  private static PoolOptions.Builder valid() {
    return PoolOptions.builder().url(URL).user("app").password("s3cret-Pw");
  }

  private static InvalidArgumentException buildFails(UnaryOperator<PoolOptions.Builder> change) {
    return catchThrowableOfType(InvalidArgumentException.class, () -> change.apply(valid()).build());
  }

  @Test
  void defaultsFollowTheReference() {
    PoolOptions options = valid().build();
    assertThat(options.min()).isEqualTo(1);
    assertThat(options.max()).isEqualTo(10);
    assertThat(options.acquireTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.maxWaiters()).isEqualTo(10_000);
    assertThat(options.callTimeout()).isEqualTo(Duration.ZERO);
    assertThat(options.stmtCacheSize()).isEqualTo(20);
    assertThat(options.arraySize()).isEqualTo(100);
    assertThat(options.virtualThreads()).isEqualTo(VirtualThreads.AUTO);
    assertThat(options.failFast()).isTrue();
    assertThat(options.validateOnBorrow()).isTrue();
    assertThat(options.listener()).isNotNull();
    assertThat(options.jdbcUrl()).isEqualTo(URL);
  }

  @Test
  void hostPortAndServiceNameBecomeAThinUrlWithADescriptor() {
    PoolOptions options = PoolOptions.builder().host("db").port(1522).serviceName("orclpdb1").build();
    assertThat(options.jdbcUrl()).isEqualTo("jdbc:oracle:thin:@" + AsyncOracle.makeDsn("db", 1522, "orclpdb1"));
    PoolOptions withSid = PoolOptions.builder().host("db").sid("ORCL").build();
    assertThat(withSid.jdbcUrl()).isEqualTo("jdbc:oracle:thin:@" + AsyncOracle.makeDsnWithSid("db", 1521, "ORCL"));
  }

  @Test
  void aDsnBecomesAThinUrlUnlessItIsAJdbcUrlAlready() {
    assertThat(PoolOptions.builder().dsn("db:1521/orcl").build().jdbcUrl()).isEqualTo("jdbc:oracle:thin:@db:1521/orcl");
    assertThat(PoolOptions.builder().dsn(URL).build().jdbcUrl()).isEqualTo(URL);
  }

  @Test
  void toBuilderCopiesEveryValue() {
    PoolOptions original = valid().min(2).max(7).maxWaiters(5).arraySize(33).module("m").poolName("copy-me")
        .callTimeout(Duration.ofSeconds(3)).connectionProperty("k", "v").build();
    PoolOptions copy = original.toBuilder().build();
    assertThat(copy.toString()).isEqualTo(original.toString());
    assertThat(copy.arraySize()).isEqualTo(33);
    assertThat(copy.module()).isEqualTo("m");
    assertThat(copy.connectionProperties()).containsEntry("k", "v");
    assertThat(copy.password()).isEqualTo("s3cret-Pw");
  }

  @Test
  void theDatabaseMustBeGivenExactlyOnce() {
    assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> PoolOptions.builder().build()).argument())
        .isEqualTo("url");
    assertThat(buildFails(b -> b.host("db").serviceName("svc")).argument()).isEqualTo("url");
    assertThat(buildFails(b -> b.dsn("db/svc")).argument()).isEqualTo("url");
    assertThat(catchThrowableOfType(InvalidArgumentException.class,
        () -> PoolOptions.builder().dsn("db/svc").host("db").serviceName("s").build()).argument()).isEqualTo("dsn");
  }

  @Test
  void urlAndDsnMustBeUsable() {
    assertThat(buildFails(b -> b.url(" ")).argument()).isEqualTo("url");
    assertThat(buildFails(b -> b.url("db:1521/orcl")).argument()).isEqualTo("url");
    assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> PoolOptions.builder().dsn("  ").build())
        .argument()).isEqualTo("dsn");
  }

  @Test
  void hostNeedsAServiceNameOrASidButNotBoth() {
    assertThat(catchThrowableOfType(InvalidArgumentException.class,
        () -> PoolOptions.builder().host("db").build()).argument()).isEqualTo("serviceName");
    assertThat(catchThrowableOfType(InvalidArgumentException.class,
        () -> PoolOptions.builder().host("db").serviceName("s").sid("S").build()).argument()).isEqualTo("sid");
    assertThat(catchThrowableOfType(InvalidArgumentException.class,
        () -> PoolOptions.builder().host(" ").serviceName("s").build()).argument()).isEqualTo("host");
  }

  @Test
  void portMustBeInRange() {
    assertThat(catchThrowableOfType(InvalidArgumentException.class,
        () -> PoolOptions.builder().host("db").port(0).serviceName("s").build()).argument()).isEqualTo("port");
    assertThat(catchThrowableOfType(InvalidArgumentException.class,
        () -> PoolOptions.builder().host("db").port(65536).serviceName("s").build()).argument()).isEqualTo("port");
  }

  @Test
  void portServiceNameAndSidOnlyApplyWithHost() {
    assertThat(buildFails(b -> b.port(1522)).argument()).isEqualTo("port");
    assertThat(buildFails(b -> b.serviceName("svc")).argument()).isEqualTo("serviceName");
    assertThat(buildFails(b -> b.sid("ORCL")).argument()).isEqualTo("sid");
  }

  @Test
  void sizesMustBeConsistent() {
    assertThat(buildFails(b -> b.max(0)).argument()).isEqualTo("max");
    assertThat(buildFails(b -> b.min(-1)).argument()).isEqualTo("min");
    InvalidArgumentException minAboveMax = buildFails(b -> b.min(5).max(4));
    assertThat(minAboveMax.argument()).isEqualTo("min");
    assertThat(minAboveMax).hasMessageContaining("5").hasMessageContaining("4");
    assertThat(valid().min(4).max(4).build().min()).isEqualTo(4);
    assertThat(valid().min(0).build().min()).isZero();
  }

  @Test
  void queueAndCacheBoundsMustNotBeNegative() {
    assertThat(buildFails(b -> b.maxWaiters(-1)).argument()).isEqualTo("maxWaiters");
    assertThat(valid().maxWaiters(0).build().maxWaiters()).isZero();
    assertThat(buildFails(b -> b.stmtCacheSize(-1)).argument()).isEqualTo("stmtCacheSize");
    assertThat(buildFails(b -> b.arraySize(0)).argument()).isEqualTo("arraySize");
    assertThat(valid().arraySize(1).build().arraySize()).isEqualTo(1);
  }

  @Test
  void timeoutsMustBePresentAndNotNegative() {
    Duration negative = Duration.ofMillis(-1);
    assertThat(buildFails(b -> b.acquireTimeout(negative)).argument()).isEqualTo("acquireTimeout");
    assertThat(buildFails(b -> b.callTimeout(negative)).argument()).isEqualTo("callTimeout");
    assertThat(buildFails(b -> b.inactiveTimeout(negative)).argument()).isEqualTo("inactiveTimeout");
    assertThat(buildFails(b -> b.maxLifetime(negative)).argument()).isEqualTo("maxLifetime");
    assertThat(buildFails(b -> b.acquireTimeout(null)).argument()).isEqualTo("acquireTimeout");
    assertThat(valid().acquireTimeout(Duration.ZERO).build().acquireTimeout()).isZero();
  }

  @Test
  void otherOptionsAreChecked() {
    assertThat(buildFails(b -> b.virtualThreads(null)).argument()).isEqualTo("virtualThreads");
    assertThat(buildFails(b -> b.poolName(" ")).argument()).isEqualTo("poolName");
    assertThat(buildFails(b -> b.poolName("p".repeat(101))).argument()).isEqualTo("poolName");
    assertThatThrownBy(() -> valid().connectionProperty(" ", "v"))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("connectionProperty"));
  }

  @Test
  void moduleIsLimitedTo48Bytes() {
    assertThat(valid().module("m".repeat(48)).build().module()).hasSize(48);
    assertThat(buildFails(b -> b.module("m".repeat(49))).argument()).isEqualTo("module");
    // 24 two-byte characters fit, 25 do not: the limit is in bytes, not characters.
    assertThat(valid().module("é".repeat(24)).build().module()).hasSize(24);
    assertThat(buildFails(b -> b.module("é".repeat(25))).argument()).isEqualTo("module");
  }

  @Test
  void toStringNeverShowsThePassword() {
    PoolOptions options = valid().build();
    assertThat(options.toString()).doesNotContain("s3cret-Pw").contains("password=<hidden>").contains("user=app")
        .contains(URL);
    assertThat(PoolOptions.builder().url(URL).build().toString()).contains("password=<none>");
  }

  @Test
  void toStringRedactsPasswordsInsideTheUrl() {
    PoolOptions inline = PoolOptions.builder().url("jdbc:oracle:thin:scott/tiger-pw@//db:1521/orcl").build();
    assertThat(inline.toString()).doesNotContain("tiger-pw").contains("scott/***@//db:1521/orcl");

    PoolOptions dsnInline = PoolOptions.builder().dsn("scott/tiger-pw@db:1521/orcl").build();
    assertThat(dsnInline.toString()).doesNotContain("tiger-pw");

    PoolOptions parameter = PoolOptions.builder().url(URL + ";USER=sa;PASSWORD=h2-secret").build();
    assertThat(parameter.toString()).doesNotContain("h2-secret").contains("PASSWORD=***");

    PoolOptions query = PoolOptions.builder().url("jdbc:postgresql://db/app?user=a&password=pg-secret&ssl=true").build();
    assertThat(query.toString()).doesNotContain("pg-secret").contains("ssl=true");

    PoolOptions authority = PoolOptions.builder().url("jdbc:mysql://app:my-secret@db:3306/app").build();
    assertThat(authority.toString()).doesNotContain("my-secret").contains("db:3306/app");
  }

  @Test
  void errorMessagesRedactPasswordsInsideTheUrl() {
    // Not a JDBC URL (someone passed a DSN to url): the message quotes it, without the password.
    InvalidArgumentException inline = catchThrowableOfType(InvalidArgumentException.class,
        () -> PoolOptions.builder().url("scott/tiger-pw@db:1521/orcl").build());
    assertThat(inline.argument()).isEqualTo("url");
    assertThat(inline).hasMessageNotContaining("tiger-pw");

    InvalidArgumentException parameter = catchThrowableOfType(InvalidArgumentException.class,
        () -> PoolOptions.builder().url("h2:mem:x;PASSWORD=h2-secret").build());
    assertThat(parameter).hasMessageNotContaining("h2-secret").hasMessageContaining("PASSWORD=***");

    InvalidArgumentException oracleStyle = catchThrowableOfType(InvalidArgumentException.class,
        () -> PoolOptions.builder().url("oracle:thin:scott/tiger-pw@db:1521/orcl").build());
    assertThat(oracleStyle).hasMessageNotContaining("tiger-pw");
  }
}
