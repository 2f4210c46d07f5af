package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credentials written into the URL still log in once they are taken out of it, and an explicit
 * user or password wins over the URL's, for pools and standalone connections alike.
 */
class InlineCredentialsTest {

  private String url;

  @BeforeEach
  void createDatabaseWithAPassword() {
    url = "jdbc:h2:mem:inline" + UUID.randomUUID().toString().replace("-", "") + ";MODE=Oracle;DB_CLOSE_DELAY=-1";
    // The first connection creates the database, user sa with this password.
    await(await(AsyncOracle.connect("sa", "right", url)).close());
  }

  @Test
  void aPoolLogsInWithTheUrlsCredentials() {
    AsyncPool pool = await(AsyncOracle.createPool(PoolOptions.builder().url(url + ";USER=sa;PASSWORD=right").build()));
    try {
      assertThat(await(pool.withConnection(c -> c.fetchOne("select 1 from dual"))).get(0, Integer.class)).isEqualTo(1);
      assertThat(pool.options().toString()).doesNotContain("right");
    } finally {
      await(pool.close());
    }
  }

  @Test
  void aPoolPrefersTheExplicitPassword() {
    AsyncPool pool = await(AsyncOracle.createPool(PoolOptions.builder().url(url + ";USER=sa;PASSWORD=wrong")
        .user("sa").password("right").build()));
    try {
      assertThat(await(pool.withConnection(c -> c.fetchOne("select 1 from dual"))).get(0, Integer.class)).isEqualTo(1);
    } finally {
      await(pool.close());
    }
    assertThat(failure(AsyncOracle.createPool(PoolOptions.builder().url(url + ";USER=sa;PASSWORD=right")
        .password("wrong").build()))).isInstanceOf(AsyncOracleException.class);
  }

  @Test
  void aStandaloneConnectionLogsInWithTheUrlsCredentialsAndPrefersExplicitOnes() {
    AsyncConnection inline = await(AsyncOracle.connect(null, null, url + ";USER=sa;PASSWORD=right"));
    try {
      assertThat(inline.dsn()).doesNotContain("right");
      assertThat(await(inline.fetchOne("select 1 from dual")).get(0, Integer.class)).isEqualTo(1);
    } finally {
      await(inline.close());
    }
    await(await(AsyncOracle.connect("sa", "right", url + ";USER=sa;PASSWORD=wrong")).close());
    assertThat(failure(AsyncOracle.connect("sa", "wrong", url + ";USER=sa;PASSWORD=right")))
        .isInstanceOf(DatabaseException.class);
  }
}
