package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.PoolOptions;
import oracle.ucp.jdbc.PoolDataSource;
import org.junit.jupiter.api.Test;

class UcpConfigurationTest {

  @Test
  void validatesOnBorrowWithoutSqlSoUcpUsesIsValidOnH2() throws Exception {
    PoolDataSource pds = UcpConfiguration.create("ucp-config-h2", PoolOptions.builder()
        .url("jdbc:h2:mem:ucpconfig;MODE=Oracle").user("sa").password("").build());

    assertThat(pds.getValidateConnectionOnBorrow()).isTrue();
    // A validation statement would cost extra round trips on every borrow (SET QUERY_TIMEOUT + SELECT).
    assertThat(pds.getSQLForValidateConnection()).isNullOrEmpty();
    assertThat(pds.getConnectionFactoryClassName()).isEqualTo(UcpConfiguration.H2_FACTORY);
  }

  @Test
  void validatesOnBorrowWithUcpsInternalPingOnOracle() throws Exception {
    PoolDataSource pds = UcpConfiguration.create("ucp-config-oracle", PoolOptions.builder()
        .url("jdbc:oracle:thin:@//db.example:1521/FREEPDB1").user("scott").password("tiger").build());

    assertThat(pds.getValidateConnectionOnBorrow()).isTrue();
    assertThat(pds.getSQLForValidateConnection()).isNullOrEmpty();
  }

  @Test
  void validationCanBeTurnedOff() throws Exception {
    PoolDataSource pds = UcpConfiguration.create("ucp-config-off", PoolOptions.builder()
        .url("jdbc:h2:mem:ucpconfigoff;MODE=Oracle").user("sa").password("").validateOnBorrow(false).build());

    assertThat(pds.getValidateConnectionOnBorrow()).isFalse();
  }

  @Test
  void ucpGetsTheUrlWithoutCredentialsAndTheCredentialsThroughItsSetters() throws Exception {
    PoolDataSource h2 = UcpConfiguration.create("ucp-config-h2-inline", PoolOptions.builder()
        .url("jdbc:h2:mem:ucpinline;MODE=Oracle;USER=app;PASSWORD=inlinePw").build());
    assertThat(h2.getURL()).isEqualTo("jdbc:h2:mem:ucpinline;MODE=Oracle");
    assertThat(h2.getUser()).isEqualTo("app");

    PoolDataSource dsn = UcpConfiguration.create("ucp-config-dsn-inline", PoolOptions.builder()
        .dsn("scott/tiger@db.example:1521/FREEPDB1").build());
    assertThat(dsn.getURL()).isEqualTo("jdbc:oracle:thin:@db.example:1521/FREEPDB1");
    assertThat(dsn.getUser()).isEqualTo("scott");
    assertThat(dsn.getConnectionFactoryClassName()).isEqualTo(UcpConfiguration.ORACLE_FACTORY);
  }

  @Test
  void explicitUserAndPasswordWinOverInlineOnes() throws Exception {
    PoolDataSource pds = UcpConfiguration.create("ucp-config-explicit", PoolOptions.builder()
        .url("jdbc:oracle:thin:scott/tiger@//db.example:1521/FREEPDB1").user("app").build());

    assertThat(pds.getURL()).isEqualTo("jdbc:oracle:thin:@//db.example:1521/FREEPDB1");
    assertThat(pds.getUser()).isEqualTo("app");
  }
}
