package io.asyncoracle.boot.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

  @Test
  void removesInlineOracleCredentials() {
    assertThat(JdbcUrls.redact("jdbc:oracle:thin:scott/tiger@//db:1521/orcl"))
        .isEqualTo("jdbc:oracle:thin:***@//db:1521/orcl");
  }

  @Test
  void removesPasswordParameters() {
    assertThat(JdbcUrls.redact("jdbc:h2:mem:x;USER=sa;PASSWORD=s3cret;MODE=Oracle"))
        .isEqualTo("jdbc:h2:mem:x;USER=sa;PASSWORD=***;MODE=Oracle");
    assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?user=a&password=b&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
    assertThat(JdbcUrls.redact("jdbc:oracle:thin:@db_high?oracle.net.wallet_password=pw&TNS_ADMIN=/w"))
        .isEqualTo("jdbc:oracle:thin:@db_high?oracle.net.wallet_password=***&TNS_ADMIN=/w");
  }

  @Test
  void keepsUrlsWithoutSecrets() {
    String url = "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=x)))";
    assertThat(JdbcUrls.redact(url)).isEqualTo(url);
    assertThat(JdbcUrls.redact(null)).isNull();
  }
}
