package io.asyncoracle.sample.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.asyncoracle.sample.Http;
import io.asyncoracle.sample.db.Database;
import io.asyncoracle.sample.db.SampleDataInitializer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.oracle.OracleContainer;
import tools.jackson.databind.JsonNode;

/**
 * The sample on a real Oracle Database Free, through the {@code oracle} profile and its
 * {@code ORACLE_URL}/{@code ORACLE_USER}/{@code ORACLE_PASSWORD} variables, as the README tells
 * users to run it: the DDL, the sequence, the batches, the stream and {@code DBMS_SESSION.SLEEP}
 * with a call timeout. Skipped, with JUnit's reason "Docker is not available", where no Docker
 * engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"sample.seed-orders=1200", "async-oracle.pool-name=sample-oracle-it"})
@ActiveProfiles("oracle")
class OracleProfileIT {

  @Container
  static final OracleContainer ORACLE = new OracleContainer("gvenzl/oracle-free:slim-faststart")
      .withStartupTimeout(Duration.ofMinutes(5));

  @DynamicPropertySource
  static void oracle(DynamicPropertyRegistry registry) {
    registry.add("ORACLE_URL", ORACLE::getJdbcUrl);
    registry.add("ORACLE_USER", ORACLE::getUsername);
    registry.add("ORACLE_PASSWORD", ORACLE::getPassword);
  }

  @LocalServerPort
  int port;

  @Autowired
  AsyncOracleTemplate template;

  @Autowired
  AsyncPool pool;

  @Autowired
  Database database;

  @Autowired
  SampleDataInitializer sampleData;

  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void runsOnOracleWithTheSampleData() {
    assertThat(database).isEqualTo(Database.ORACLE);
    assertThat(pool.options().jdbcUrl()).isEqualTo(ORACLE.getJdbcUrl());
    assertThat(template.queryForObject("select count(*) from orders", Long.class).join()).isGreaterThanOrEqualTo(1200L);
    // Flyway made the schema on Oracle (no H2-only migration there); a second load adds nothing.
    assertThat(template.queryForObject("select count(*) from \"flyway_schema_history\" where \"success\" = 1",
        Long.class).join()).isEqualTo(1L);
    long orders = template.queryForObject("select count(*) from orders", Long.class).join();
    sampleData.initialize().join();
    assertThat(template.queryForObject("select count(*) from orders", Long.class).join()).isEqualTo(orders);
  }

  @Test
  void createsReadsUpdatesAndDeletesAnOrder() {
    Http.Response created = http.post("/api/orders", """
        {"reference": "IT-1", "customer": "Ada Lovelace",
         "items": [{"sku": "KB-101", "quantity": 2, "unitPrice": 49.90}]}""");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    assertThat(http.get("/api/orders/" + id).json()).isEqualTo(created.json());

    JsonNode updated = http.put("/api/orders/" + id, """
        {"customer": "Ada King", "status": "PAID", "items": [{"sku": "LP-707", "quantity": 3, "unitPrice": 12.40}]}""")
        .json();
    assertThat(updated.get("status").asString()).isEqualTo("PAID");
    assertThat(updated.get("total").decimalValue()).isEqualByComparingTo("37.20");

    assertThat(http.post("/api/orders", "{\"reference\": \"IT-2\", \"customer\": \"B\", \"items\": "
        + "[{\"sku\": \"A\", \"quantity\": 1, \"unitPrice\": 1}]}").status()).isEqualTo(201);
    assertThat(http.put("/api/orders/" + id, "{\"reference\": \"IT-2\", \"customer\": \"B\", \"items\": "
        + "[{\"sku\": \"A\", \"quantity\": 1, \"unitPrice\": 1}]}").status()).isEqualTo(409);

    assertThat(http.delete("/api/orders/" + id).status()).isEqualTo(204);
    assertThat(http.get("/api/orders/" + id).status()).isEqualTo(404);
    assertThat(http.get("/api/orders?page=1&size=50").json().get("content")).hasSize(50);
  }

  @Test
  void importsAndRefusesADuplicateReference() {
    String batch = """
        {"orders": [
          {"reference": "IT-IMP-1", "customer": "A", "items": [{"sku": "A-1", "quantity": 1, "unitPrice": 1}]},
          {"reference": "IT-IMP-2", "customer": "B", "items": [{"sku": "B-1", "quantity": 2, "unitPrice": 2},
                                                             {"sku": "B-2", "quantity": 1, "unitPrice": 3}]}
        ]}""";
    Http.Response imported = http.post("/api/orders/import", batch);
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    assertThat(imported.json().get("items").asLong()).isEqualTo(3);

    Http.Response again = http.post("/api/orders/import", batch);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).doesNotContain("ORA-");
  }

  @Test
  void streamsTheReport() {
    Http.Response report = http.get("/api/reports/order-lines?format=csv");

    assertThat(report.status()).isEqualTo(200);
    long items = template.queryForObject("select count(*) from order_items", Long.class).join();
    assertThat(report.body().lines().count()).isEqualTo(items + 1);
  }

  @Test
  void sleepsInTheDatabaseAndHonoursTheCallTimeout() {
    JsonNode slept = http.get("/api/slow?seconds=1").json();
    assertThat(slept.get("database").asString()).isEqualTo("ORACLE");

    Http.Response timedOut = http.get("/api/slow?seconds=30&timeoutMs=500");
    assertThat(timedOut.status()).isEqualTo(504);
    assertThat(http.get("/actuator/health").json().at("/components/async-oracle/status").asString()).isEqualTo("UP");
  }
}
