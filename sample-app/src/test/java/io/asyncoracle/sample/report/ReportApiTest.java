package io.asyncoracle.sample.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.asyncoracle.sample.Http;
import io.asyncoracle.sample.SampleAppTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The streaming report over real HTTP. */
@SampleAppTest
class ReportApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  @Autowired
  AsyncOracleTemplate template;

  @Autowired
  AsyncPool pool;

  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void streamsEveryOrderLineAsNdjson() {
    Http.Response response = http.get("/api/reports/order-lines");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("application/x-ndjson");
    List<String> lines = response.body().lines().toList();
    long items = template.queryForObject("select count(*) from order_items", Long.class).join();
    assertThat(lines).hasSize((int) items);
    JsonNode first = JSON.readTree(lines.get(0));
    Map<String, Object> stored = template.queryForList(
        "select o.id, o.customer, i.sku, i.quantity, i.unit_price from orders o join order_items i on i.order_id = o.id"
            + " order by o.id, i.id fetch first 1 rows only").join().get(0);
    assertThat(first.get("orderId").asLong()).isEqualTo(((Number) stored.get("id")).longValue());
    assertThat(first.get("customer").asString()).isEqualTo(stored.get("customer"));
    assertThat(first.get("sku").asString()).isEqualTo(stored.get("sku"));
    assertThat(first.get("lineTotal").decimalValue()).isEqualByComparingTo(
        new java.math.BigDecimal(stored.get("unit_price").toString())
            .multiply(new java.math.BigDecimal(stored.get("quantity").toString())));
    long previous = 0;
    for (String line : lines) {
      long orderId = JSON.readTree(line).get("orderId").asLong();
      assertThat(orderId).isGreaterThanOrEqualTo(previous);
      previous = orderId;
    }
  }

  @Test
  void streamsCsvFilteredByStatus() {
    Http.Response response = http.get("/api/reports/order-lines?format=CSV&status=PAID");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("text/csv;charset=UTF-8");
    List<String> lines = response.body().lines().toList();
    long paidItems = template.queryForObject("select count(*) from order_items i join orders o on o.id = i.order_id"
        + " where o.status = 'PAID'", Long.class).join();
    assertThat(paidItems).isPositive();
    assertThat(lines).hasSize((int) paidItems + 1);
    assertThat(lines.get(0)).isEqualTo("order_id,reference,customer,status,sku,quantity,unit_price,line_total");
    assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line.split(",")[3]).isEqualTo("PAID"));
  }

  @Test
  void badParametersAre400() {
    Http.Response format = http.get("/api/reports/order-lines?format=xml");
    Http.Response status = http.get("/api/reports/order-lines?status=LOST");

    assertThat(format.status()).isEqualTo(400);
    assertThat(format.json().at("/errors/0/message").asString()).isEqualTo("must be ndjson or csv");
    assertThat(status.status()).isEqualTo(400);
    assertThat(status.json().at("/errors/0/field").asString()).isEqualTo("status");
  }

  @Test
  void aClientThatLeavesEarlyGivesTheConnectionBack() throws Exception {
    HttpResponse<InputStream> response = http.getStream("/api/reports/order-lines");
    assertThat(response.statusCode()).isEqualTo(200);
    try (InputStream body = response.body()) {
      String first = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)).readLine();
      assertThat(JSON.readTree(first).has("orderId")).isTrue();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> pool.stats().busy() == 0);
  }
}
