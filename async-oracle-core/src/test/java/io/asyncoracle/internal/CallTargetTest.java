package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.CallObserver;
import io.asyncoracle.PoolOptions;
import org.junit.jupiter.api.Test;

/** The database facts every observed call carries, worked out from the pool's URL or host options. */
class CallTargetTest {

  private static final CallObserver OBSERVER = call -> null;

  private static CallTarget parse(String url) {
    return CallTarget.parse(OBSERVER, "p", url);
  }

  @Test
  void easyConnectUrlsNameHostPortAndService() {
    CallTarget t = parse("jdbc:oracle:thin:@//db.example.com:1522/orders.example.com");
    assertThat(t.system).isEqualTo("oracle");
    assertThat(t.address).isEqualTo("db.example.com");
    assertThat(t.port).isEqualTo(1522);
    assertThat(t.namespace).isEqualTo("orders.example.com");

    CallTarget sid = parse("jdbc:oracle:thin:@dbhost:1521:ORCL");
    assertThat(sid.address).isEqualTo("dbhost");
    assertThat(sid.namespace).isEqualTo("ORCL");

    CallTarget tcps = parse("jdbc:oracle:thin:@tcps://adb.eu.oraclecloud.com:1522/abc_high?wallet_location=/w");
    assertThat(tcps.address).isEqualTo("adb.eu.oraclecloud.com");
    assertThat(tcps.namespace).isEqualTo("abc_high");
  }

  @Test
  void descriptorsAndAliases() {
    CallTarget d = parse("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h1)(PORT=1600))"
        + "(CONNECT_DATA=(SERVICE_NAME=freepdb1)))");
    assertThat(d.address).isEqualTo("h1");
    assertThat(d.port).isEqualTo(1600);
    assertThat(d.namespace).isEqualTo("freepdb1");

    CallTarget alias = parse("jdbc:oracle:thin:@prod_high");
    assertThat(alias.address).isNull();
    assertThat(alias.namespace).isEqualTo("prod_high");
  }

  @Test
  void inlineCredentialsNeverBecomeTheAddress() {
    CallTarget t = parse("jdbc:oracle:thin:scott/tiger@//db:1521/svc");
    assertThat(t.address).isEqualTo("db");
    assertThat(t.namespace).isEqualTo("svc");
  }

  @Test
  void h2EmbeddedAndServerUrls() {
    CallTarget mem = parse("jdbc:h2:mem:orders;MODE=Oracle;DB_CLOSE_DELAY=-1");
    assertThat(mem.system).isEqualTo("h2");
    assertThat(mem.namespace).isEqualTo("orders");
    assertThat(mem.address).isNull();
    assertThat(mem.port).isEqualTo(-1);

    CallTarget tcp = parse("jdbc:h2:tcp://localhost:9092/mem:shop;MODE=Oracle");
    assertThat(tcp.address).isEqualTo("localhost");
    assertThat(tcp.port).isEqualTo(9092);
    assertThat(tcp.namespace).isEqualTo("shop");
  }

  @Test
  void otherDriversAreNamedFromTheUrl() {
    assertThat(parse("jdbc:postgresql://x/y").system).isEqualTo("postgresql");
  }

  @Test
  void hostOptionsAreUsedAsGiven() {
    CallTarget t = CallTarget.of("p", PoolOptions.builder().host("db1").port(1530).serviceName("svc").user("u")
        .password("pw").callObserver(OBSERVER).build());
    assertThat(t.address).isEqualTo("db1");
    assertThat(t.port).isEqualTo(1530);
    assertThat(t.namespace).isEqualTo("svc");
  }

  @Test
  void noObserverNoTarget() {
    assertThat(CallTarget.of("p", PoolOptions.builder().url("jdbc:h2:mem:x").build())).isNull();
  }
}
