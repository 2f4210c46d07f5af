package io.asyncoracle;

import java.time.Duration;
import java.util.UUID;

/** Embedded H2 databases in Oracle mode for tests, one per call so tests never share state. */
public final class TestDatabases {

  /** A query that runs about 3 seconds on these machines and stops at once when cancelled. */
  public static final String SLOW_QUERY =
      "select count(*) from system_range(1, 5000) a, system_range(1, 5000) b where a.x + b.x > 3";
  /** A query that runs about 30 seconds. */
  public static final String VERY_SLOW_QUERY =
      "select count(*) from system_range(1, 20000) a, system_range(1, 20000) b where a.x + b.x > 3";

  private TestDatabases() {
  }

  public static String newUrl() {
    return "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "") + ";MODE=Oracle;DB_CLOSE_DELAY=-1";
  }

  public static PoolOptions.Builder options() {
    return PoolOptions.builder().url(newUrl()).user("sa").password("secret-pw")
        .min(1).max(4).acquireTimeout(Duration.ofSeconds(10));
  }

  public static AsyncPool pool(int max) {
    return AsyncOracle.createPool(options().max(max).build()).join();
  }
}
