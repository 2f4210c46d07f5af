package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.faults.H2TcpServer;
import org.junit.jupiter.api.Test;

/**
 * python-oracledb's connection attributes {@code host}, {@code port}, {@code protocol} and
 * {@code service_name} (its test 5358), on H2: read from the URL the connection was made with.
 */
class NetworkAttributesTest {

  @Test
  void aConnectionToAnH2ServerReportsItsHostPortProtocolAndDatabase() throws Exception {
    try (H2TcpServer server = H2TcpServer.start()) {
      String url = H2TcpServer.url(server.port(), "net5358");
      AsyncConnection conn = await(AsyncOracle.connect("sa", "secret-pw", url));
      try {
        assertThat(conn.host()).isEqualTo("127.0.0.1");
        assertThat(conn.port()).isEqualTo(server.port());
        assertThat(conn.protocol()).isEqualTo("tcp");
        assertThat(await(conn.serviceName())).isEqualTo("mem:net5358");
      } finally {
        await(conn.close());
      }
    }
  }

  @Test
  void anEmbeddedDatabaseHasNoHostOrPortAndItsProtocolSaysWhereItLives() {
    AsyncPool pool = TestDatabases.pool(1);
    try {
      AsyncConnection conn = await(pool.acquire());
      assertThat(conn.host()).isNull();
      assertThat(conn.port()).isZero();
      assertThat(conn.protocol()).isEqualTo("mem");
      assertThat(await(conn.serviceName())).startsWith("mem:t").doesNotContain(";").doesNotContain("MODE");
      await(conn.close());
      assertThatThrownBy(conn::host).hasMessageContaining("closed");
      assertThatThrownBy(conn::port).hasMessageContaining("closed");
      assertThatThrownBy(conn::protocol).hasMessageContaining("closed");
      assertThat(failure(conn.serviceName())).hasMessageContaining("closed");
    } finally {
      await(pool.close(true, true));
    }
  }
}
