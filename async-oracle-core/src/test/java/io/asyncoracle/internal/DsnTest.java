package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class DsnTest {

  @Test
  void inlineCredentialsGoBeforeTheThinDriversAt() {
    assertThat(Dsn.toJdbcUrl("scott/tiger@db.example:1521/orcl"))
        .isEqualTo("jdbc:oracle:thin:scott/tiger@db.example:1521/orcl");
    assertThat(Dsn.redact(Dsn.toJdbcUrl("scott/tiger@db.example:1521/orcl"))).doesNotContain("tiger");
    assertThat(Dsn.toJdbcUrl("db.example:1521/orcl")).isEqualTo("jdbc:oracle:thin:@db.example:1521/orcl");
    assertThat(Dsn.toJdbcUrl("(DESCRIPTION=(ADDRESS=(HOST=h)(PORT=1)))"))
        .isEqualTo("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=h)(PORT=1)))");
  }

  @Test
  void toJdbcUrlKeepsJdbcUrlsAndGivesTheRestToTheThinDriver() {
    assertThat(Dsn.toJdbcUrl("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
    assertThat(Dsn.toJdbcUrl("  db:1521/orcl ")).isEqualTo("jdbc:oracle:thin:@db:1521/orcl");
    assertThat(Dsn.toJdbcUrl("MYALIAS")).isEqualTo("jdbc:oracle:thin:@MYALIAS");
    String descriptor = Dsn.make("db", 1521, "SERVICE_NAME", "serviceName", "orcl");
    assertThat(Dsn.toJdbcUrl(descriptor)).isEqualTo("jdbc:oracle:thin:@" + descriptor);
    assertThatThrownBy(() -> Dsn.toJdbcUrl(" ")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Dsn.toJdbcUrl(null)).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void isOracleLooksAtTheScheme() {
    assertThat(Dsn.isOracle("jdbc:oracle:thin:@db/orcl")).isTrue();
    assertThat(Dsn.isOracle("jdbc:h2:mem:x")).isFalse();
    assertThat(Dsn.isOracle(null)).isFalse();
  }

  @Test
  void redactRemovesInlineOraclePasswords() {
    assertThat(Dsn.redact("jdbc:oracle:thin:scott/tiger@//db:1521/orcl"))
        .isEqualTo("jdbc:oracle:thin:scott/***@//db:1521/orcl");
    assertThat(Dsn.redact("jdbc:oracle:thin:@scott/tiger@db:1521/orcl"))
        .isEqualTo("jdbc:oracle:thin:@scott/***@db:1521/orcl");
    assertThat(Dsn.redact("scott/tiger@db:1521/orcl")).isEqualTo("scott/***@db:1521/orcl");
    assertThat(Dsn.redact("oracle:thin:scott/tiger@db")).isEqualTo("oracle:thin:scott/***@db");
    assertThat(Dsn.redact("jdbc:oracle:thin:scott/\"p@ss/w0rd\"@db/orcl")).doesNotContain("p@ss").doesNotContain("w0rd")
        .isEqualTo("jdbc:oracle:thin:scott/***@db/orcl");
  }

  @Test
  void redactRemovesPasswordParameters() {
    assertThat(Dsn.redact("jdbc:h2:mem:x;USER=sa;PASSWORD=secret;MODE=Oracle"))
        .isEqualTo("jdbc:h2:mem:x;USER=sa;PASSWORD=***;MODE=Oracle");
    assertThat(Dsn.redact("jdbc:postgresql://db/app?user=a&password=secret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/app?user=a&password=***&ssl=true");
    assertThat(Dsn.redact("jdbc:sqlserver://db;pwd = secret;databaseName=x")).doesNotContain("secret");
  }

  @Test
  void redactRemovesPasswordsFromUrlAuthorities() {
    assertThat(Dsn.redact("jdbc:mysql://app:secret@db:3306/app")).isEqualTo("jdbc:mysql://app:***@db:3306/app");
  }

  @Test
  void redactLeavesUrlsWithoutPasswordsAlone() {
    for (String url : new String[] {
        "jdbc:oracle:thin:@//db:1521/orcl",
        "jdbc:oracle:thin:@db:1521:ORCL",
        "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=s)))",
        "jdbc:oracle:thin:@tcps://db:2484/orcl?wallet_location=/opt/wallet",
        "jdbc:h2:mem:x;MODE=Oracle;DB_CLOSE_DELAY=-1",
        "jdbc:h2:file:/var/data/app",
        "jdbc:postgresql://db:5432/app?ssl=true"}) {
      assertThat(Dsn.redact(url)).as(url).isEqualTo(url);
    }
    assertThat(Dsn.redact(null)).isNull();
  }
}
