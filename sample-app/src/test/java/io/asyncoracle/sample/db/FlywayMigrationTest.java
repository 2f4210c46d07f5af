package io.asyncoracle.sample.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.asyncoracle.sample.Http;
import io.asyncoracle.sample.SampleAppTest;
import java.sql.Connection;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The schema comes from Flyway, run against the database the pool uses (the embedded H2 default
 * here), with no second, synchronous pool; the application then answers requests on it.
 */
@SampleAppTest
class FlywayMigrationTest {

  @Autowired
  Flyway flyway;

  @Autowired
  AsyncPool pool;

  @Autowired
  AsyncOracleTemplate template;

  @Autowired
  ApplicationContext context;

  @LocalServerPort
  int port;

  @Test
  void theMigrationsRanOnThePoolsDatabase() throws Exception {
    try (Connection migrated = flyway.getConfiguration().getDataSource().getConnection()) {
      // H2 reports the URL without its settings (";MODE=Oracle;..."): the database is the part before.
      String poolUrl = pool.options().jdbcUrl();
      assertThat(migrated.getMetaData().getURL()).isEqualTo(poolUrl.substring(0, poolUrl.indexOf(';')));
    }
    assertThat(Arrays.stream(flyway.info().applied()).map(MigrationInfo::getState))
        .hasSize(2).allMatch(state -> state == MigrationState.SUCCESS);
    // The history is in the pool's database: the pool sees both migrations, H2's included.
    assertThat(template.queryForList("select \"script\" from \"flyway_schema_history\""
        + " where \"success\" = true and \"version\" is not null order by \"installed_rank\"", String.class).join())
        .containsExactly("V1__orders.sql", "V2__sleep_seconds.sql");
  }

  @Test
  void noDataSourceBesideThePool() {
    assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
  }

  @Test
  void theApplicationAnswersOnTheMigratedSchema() {
    Http.Response page = new Http(port).get("/api/orders?page=0&size=3");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().toString()).contains("SEED-");
  }
}
