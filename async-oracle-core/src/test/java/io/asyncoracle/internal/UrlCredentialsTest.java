package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlCredentialsTest {

  @Test
  void takesH2UserAndPasswordSettingsOutInAnyCase() {
    UrlCredentials c = UrlCredentials.split("jdbc:h2:mem:x;MODE=Oracle;USER=sa;password=s3cret;DB_CLOSE_DELAY=-1");

    assertThat(c.url()).isEqualTo("jdbc:h2:mem:x;MODE=Oracle;DB_CLOSE_DELAY=-1");
    assertThat(c.user()).isEqualTo("sa");
    assertThat(c.password()).isEqualTo("s3cret");
  }

  @Test
  void readsH2EscapesAsH2DoesAndKeepsTheOtherSettingsAsWritten() {
    UrlCredentials c = UrlCredentials.split(
        "jdbc:h2:tcp://127.0.0.1:9092/mem:x;INIT=CREATE SCHEMA S\\;SET SCHEMA S;PASSWORD=a\\;b=c\\\\d;User=app");

    assertThat(c.url()).isEqualTo("jdbc:h2:tcp://127.0.0.1:9092/mem:x;INIT=CREATE SCHEMA S\\;SET SCHEMA S");
    assertThat(c.user()).isEqualTo("app");
    assertThat(c.password()).isEqualTo("a;b=c\\d");
  }

  @Test
  void leavesH2UrlsWithoutCredentialsAlone() {
    for (String url : new String[] {"jdbc:h2:mem:x", "jdbc:h2:mem:x;MODE=Oracle", "jdbc:h2:mem:x;;MODE=Oracle",
        "jdbc:h2:mem:x;PASSWORDS=1", "jdbc:h2:mem:x;MYUSER=1"}) {
      UrlCredentials c = UrlCredentials.split(url);
      assertThat(c.url()).as(url).isEqualTo(url);
      assertThat(c.user()).as(url).isNull();
      assertThat(c.password()).as(url).isNull();
    }
  }

  @Test
  void takesOracleInlineCredentialsOut() {
    UrlCredentials c = UrlCredentials.split("jdbc:oracle:thin:scott/tiger@//db.example:1521/orcl");

    assertThat(c.url()).isEqualTo("jdbc:oracle:thin:@//db.example:1521/orcl");
    assertThat(c.user()).isEqualTo("scott");
    assertThat(c.password()).isEqualTo("tiger");
  }

  @Test
  void takesCredentialsOutOfWhatADsnWithCredentialsBecomes() {
    UrlCredentials c = UrlCredentials.split(Dsn.toJdbcUrl("scott/tiger@db.example:1521/orcl"));

    assertThat(c.url()).isEqualTo("jdbc:oracle:thin:@db.example:1521/orcl");
    assertThat(c.user()).isEqualTo("scott");
    assertThat(c.password()).isEqualTo("tiger");
  }

  @Test
  void keepsQuotesAndOjdbcsPasswordCharacters() {
    // ojdbc keeps the quotes of a quoted name or password: they mean "case-sensitive" / "any character".
    UrlCredentials quoted = UrlCredentials.split("jdbc:oracle:thin:\"Scott\"/\"p@ss/w0rd\"@db/orcl");
    assertThat(quoted.url()).isEqualTo("jdbc:oracle:thin:@db/orcl");
    assertThat(quoted.user()).isEqualTo("\"Scott\"");
    assertThat(quoted.password()).isEqualTo("\"p@ss/w0rd\"");

    UrlCredentials special = UrlCredentials.split("JDBC:ORACLE:THIN:app_1/Pw#1$x!()=:;<>%^&*~@(DESCRIPTION=(ADDRESS=(HOST=h)))");
    assertThat(special.url()).isEqualTo("JDBC:ORACLE:THIN:@(DESCRIPTION=(ADDRESS=(HOST=h)))");
    assertThat(special.user()).isEqualTo("app_1");
    assertThat(special.password()).isEqualTo("Pw#1$x!()=:;<>%^&*~");
  }

  @Test
  void aUserWithoutPasswordLeavesThePasswordUnset() {
    UrlCredentials c = UrlCredentials.split("jdbc:oracle:thin:scott/@db/orcl");

    assertThat(c.url()).isEqualTo("jdbc:oracle:thin:@db/orcl");
    assertThat(c.user()).isEqualTo("scott");
    assertThat(c.password()).isNull();
  }

  @Test
  void leavesOracleUrlsWithoutCredentialsAlone() {
    for (String url : new String[] {
        "jdbc:oracle:thin:@//db:1521/orcl",
        "jdbc:oracle:thin:@db:1521:ORCL",
        "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=s)))",
        "jdbc:oracle:thin:@tcps://db:2484/orcl?wallet_location=/opt/wallet",
        // External authentication: "/@" carries no credentials and stays as the user wrote it.
        "jdbc:oracle:thin:/@wallet_alias",
        // Not ojdbc's grammar ('/' in an unquoted password): the driver rejects it, so do not change it.
        "jdbc:oracle:thin:scott/pa/ss@db/orcl",
        "jdbc:postgresql://db/app?user=a&password=b"}) {
      UrlCredentials c = UrlCredentials.split(url);
      assertThat(c.url()).as(url).isEqualTo(url);
      assertThat(c.user()).as(url).isNull();
      assertThat(c.password()).as(url).isNull();
    }
  }

  @Test
  void readsOracleUrlsAsOjdbcItselfDoes() throws Exception {
    // ojdbc's own URL parser (package-private): the split must find what it finds, and the clean
    // URL must still name the same database.
    Method parseUrl = Class.forName("oracle.jdbc.driver.PhysicalConnection").getDeclaredMethod("parseUrl", String.class);
    parseUrl.setAccessible(true);
    for (String url : new String[] {
        "jdbc:oracle:thin:scott/tiger@//db.example:1521/orcl",
        "jdbc:oracle:thin:\"Scott\"/\"p@ss/w0rd\"@db/orcl",
        "jdbc:oracle:thin:app_1/Pw#1$x!()=:;<>%^&*~@(DESCRIPTION=(ADDRESS=(HOST=h)))",
        "jdbc:oracle:thin:scott/@db/orcl",
        "jdbc:oracle:thin:/@wallet_alias",
        "jdbc:oracle:thin:@//db:1521/orcl"}) {
      Map<?, ?> driver = (Map<?, ?>) parseUrl.invoke(null, url);
      UrlCredentials c = UrlCredentials.split(url);
      assertThat(c.user()).as(url).isEqualTo(driver.get("user"));
      assertThat(c.password()).as(url).isEqualTo(driver.get("password"));
      Map<?, ?> clean = (Map<?, ?>) parseUrl.invoke(null, c.url());
      assertThat(clean.get("database")).as(url).isEqualTo(driver.get("database"));
      assertThat(clean.get("user")).as(url).isNull();
      assertThat(clean.get("password")).as(url).isNull();
    }
  }

  @Test
  void explicitOptionsWinEachOnItsOwn() {
    UrlCredentials c = UrlCredentials.split("jdbc:h2:mem:x;USER=inline;PASSWORD=inlinePw");

    assertThat(c.userOr("explicit")).isEqualTo("explicit");
    assertThat(c.passwordOr("explicitPw")).isEqualTo("explicitPw");
    assertThat(c.userOr(null)).isEqualTo("inline");
    assertThat(c.passwordOr(null)).isEqualTo("inlinePw");
    assertThat(c.passwordOr("")).as("an empty password is an explicit one").isEmpty();
  }

  @Test
  void toStringHidesThePassword() {
    assertThat(UrlCredentials.split("jdbc:oracle:thin:scott/tiger@db/orcl").toString())
        .doesNotContain("tiger").contains("scott").contains("jdbc:oracle:thin:@db/orcl");
  }
}
