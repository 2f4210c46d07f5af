package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The host, port, protocol and service name of the URLs ojdbc and H2 take. */
class NetworkAddressTest {

  private static void assertAddress(String url, String host, int port, String protocol, String service) {
    assertThat(NetworkAddress.of(url)).as(url).isEqualTo(new NetworkAddress(host, port, protocol, service));
  }

  @Test
  void oracleEasyConnect() {
    assertAddress("jdbc:oracle:thin:@db.example.com:1522/orclpdb1", "db.example.com", 1522, "tcp", "orclpdb1");
    assertAddress("jdbc:oracle:thin:@//db:1521/svc", "db", 1521, "tcp", "svc");
    assertAddress("jdbc:oracle:thin:@db/svc", "db", 1521, "tcp", "svc");
    assertAddress("jdbc:oracle:thin:@tcps://adb.region.oraclecloud.com:1522/abc_high.adb?wallet_location=/w",
        "adb.region.oraclecloud.com", 1522, "tcps", "abc_high.adb");
    assertAddress("jdbc:oracle:thin:@db:1521/svc:dedicated", "db", 1521, "tcp", "svc");
    assertAddress("jdbc:oracle:thin:@[::1]:1521/svc", "[::1]", 1521, "tcp", "svc");
    assertAddress("jdbc:oracle:thin:scott/***@db:1521/svc", "db", 1521, "tcp", "svc");
  }

  @Test
  void oracleSidFormDescriptorAndAlias() {
    assertAddress("jdbc:oracle:thin:@db:1521:ORCL", "db", 1521, "tcp", "ORCL");
    assertAddress("jdbc:oracle:thin:@" + Dsn.make("h1", 1600, "SERVICE_NAME", "serviceName", "sales"),
        "h1", 1600, "tcp", "sales");
    assertAddress("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS_LIST=(ADDRESS=(PROTOCOL=TCPS)(HOST=a)(PORT=2484))"
        + "(ADDRESS=(PROTOCOL=TCP)(HOST=b)(PORT=1521)))(CONNECT_DATA=(SID=X1)))", "a", 2484, "tcps", "X1");
    assertAddress("jdbc:oracle:thin:@orcl_high", null, 0, null, null);
  }

  @Test
  void h2AndOthers() {
    assertAddress("jdbc:h2:tcp://127.0.0.1:9123/mem:db;MODE=Oracle", "127.0.0.1", 9123, "tcp", "mem:db");
    assertAddress("jdbc:h2:ssl://dbhost/~/data/orders", "dbhost", 9092, "ssl", "~/data/orders");
    assertAddress("jdbc:h2:mem:x;MODE=Oracle;DB_CLOSE_DELAY=-1", null, 0, "mem", "mem:x");
    assertAddress("jdbc:h2:./data/orders", null, 0, "file", "./data/orders");
    assertAddress("jdbc:h2:file:/srv/db", null, 0, "file", "file:/srv/db");
    assertAddress("jdbc:postgresql://pg:5432/app", null, 0, null, null);
    assertAddress(null, null, 0, null, null);
  }
}
