package io.asyncoracle.sample.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.asyncoracle.sample.Http;
import io.asyncoracle.sample.SampleAppTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The orders API over real HTTP: the happy paths, and what the database holds afterwards. */
@SampleAppTest
class OrderApiTest {

  @LocalServerPort
  int port;

  @Autowired
  AsyncOracleTemplate template;

  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void createsAnOrderAndReadsItBack() {
    Http.Response created = http.post("/api/orders", """
        {"reference": "T-CREATE-1", "customer": "  Ada Lovelace ",
         "items": [{"sku": "kb-101", "quantity": 2, "unitPrice": 49.90},
                   {"sku": "MS-202", "quantity": 1, "unitPrice": 19.99}]}""");

    assertThat(created.status()).isEqualTo(201);
    JsonNode order = created.json();
    long id = order.get("id").asLong();
    assertThat(created.headers().firstValue("Location")).hasValue("http://localhost:" + port + "/api/orders/" + id);
    assertThat(order.get("customer").asString()).isEqualTo("Ada Lovelace");
    assertThat(order.get("status").asString()).isEqualTo("NEW");
    assertThat(order.get("reference").asString()).isEqualTo("T-CREATE-1");
    assertThat(order.get("items")).hasSize(2);
    assertThat(order.at("/items/0/sku").asString()).isEqualTo("KB-101");
    assertThat(order.get("total").decimalValue()).isEqualByComparingTo("119.79");
    assertThat(order.get("createdAt").asString()).endsWith("Z");

    Http.Response read = http.get("/api/orders/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(order);
    assertThat(template.queryForObject("select count(*) from order_items where order_id = ?", Long.class, id).join())
        .isEqualTo(2L);
  }

  @Test
  void listsOrdersAPageAtATimeByAscendingId() {
    Http.Response first = http.get("/api/orders?page=0&size=7");
    Http.Response second = http.get("/api/orders?page=1&size=7");

    assertThat(first.status()).isEqualTo(200);
    JsonNode page = first.json();
    long total = template.queryForObject("select count(*) from orders", Long.class).join();
    assertThat(page.get("totalElements").asLong()).isGreaterThanOrEqualTo(SampleAppTest.SEED_ORDERS);
    assertThat(page.get("totalElements").asLong()).isLessThanOrEqualTo(total);
    assertThat(page.get("totalPages").asLong()).isEqualTo((page.get("totalElements").asLong() + 6) / 7);
    assertThat(page.get("page").asInt()).isZero();
    assertThat(page.get("size").asInt()).isEqualTo(7);
    List<Long> ids = ids(page);
    List<Long> next = ids(second.json());
    assertThat(ids).hasSize(7).isSorted();
    assertThat(next).hasSize(7).isSorted();
    assertThat(next.get(0)).isGreaterThan(ids.get(6));
    // Every order on the page comes with its items.
    for (JsonNode order : page.get("content")) {
      long stored = template.queryForObject("select count(*) from order_items where order_id = ?", Long.class,
          order.get("id").asLong()).join();
      assertThat(order.get("items")).hasSize((int) stored);
    }
  }

  @Test
  void aPageBeyondTheLastIsEmpty() {
    JsonNode page = http.get("/api/orders?page=100000&size=100").json();

    assertThat(page.get("content")).isEmpty();
    assertThat(page.get("totalElements").asLong()).isGreaterThanOrEqualTo(SampleAppTest.SEED_ORDERS);
  }

  @Test
  void updateReplacesTheOrderAndItsItemsInOneTransaction() {
    long id = create("T-UPDATE-1", "Grace Hopper");

    Http.Response updated = http.put("/api/orders/" + id, """
        {"reference": "T-UPDATE-1b", "customer": "Grace B. Hopper", "status": "SHIPPED",
         "items": [{"sku": "LP-707", "quantity": 3, "unitPrice": 12.40}]}""");

    assertThat(updated.status()).isEqualTo(200);
    JsonNode order = updated.json();
    assertThat(order.get("id").asLong()).isEqualTo(id);
    assertThat(order.get("customer").asString()).isEqualTo("Grace B. Hopper");
    assertThat(order.get("status").asString()).isEqualTo("SHIPPED");
    assertThat(order.get("reference").asString()).isEqualTo("T-UPDATE-1b");
    assertThat(order.get("items")).hasSize(1);
    assertThat(order.get("total").decimalValue()).isEqualByComparingTo("37.20");
    assertThat(http.get("/api/orders/" + id).json()).isEqualTo(order);
  }

  @Test
  void anUpdateThatFailsChangesNothing() {
    long id = create("T-UPDATE-2", "Alan Turing");
    create("T-TAKEN", "Someone else");

    // The first statement (the order's new reference) breaks the unique key: no item may be replaced either.
    Http.Response conflict = http.put("/api/orders/" + id, """
        {"reference": "T-TAKEN", "customer": "Alan Turing", "items": [{"sku": "X-1", "quantity": 9, "unitPrice": 1}]}""");

    assertThat(conflict.status()).isEqualTo(409);
    JsonNode order = http.get("/api/orders/" + id).json();
    assertThat(order.get("reference").asString()).isEqualTo("T-UPDATE-2");
    assertThat(order.at("/items/0/sku").asString()).isEqualTo("KB-101");
  }

  @Test
  void deletesAnOrderWithItsItems() {
    long id = create("T-DELETE-1", "Edsger Dijkstra");

    Http.Response deleted = http.delete("/api/orders/" + id);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(http.get("/api/orders/" + id).status()).isEqualTo(404);
    assertThat(template.queryForObject("select count(*) from order_items where order_id = ?", Long.class, id).join())
        .isZero();
    assertThat(http.delete("/api/orders/" + id).status()).isEqualTo(404);
  }

  @Test
  void importsABatchInOneGo() {
    List<Map<String, Object>> orders = new ArrayList<>();
    for (int i = 1; i <= 250; i++) {
      orders.add(Map.of("reference", "T-IMPORT-" + i, "customer", "Customer " + i, "status", "PAID",
          "items", List.of(Map.of("sku", "CB-505", "quantity", 1, "unitPrice", new BigDecimal("7.25")),
              Map.of("sku", "dk-606", "quantity", i % 3 + 1, "unitPrice", new BigDecimal("15.00")))));
    }

    Http.Response imported = http.post("/api/orders/import", Http.json(Map.of("orders", orders)));

    assertThat(imported.status()).isEqualTo(201);
    assertThat(imported.json().get("orders").asLong()).isEqualTo(250);
    assertThat(imported.json().get("items").asLong()).isEqualTo(500);
    assertThat(template.queryForObject("select count(*) from orders where reference like 'T-IMPORT-%'", Long.class).join())
        .isEqualTo(250L);
    Long id = template.queryForObject("select id from orders where reference = 'T-IMPORT-7'", Long.class).join();
    JsonNode order = http.get("/api/orders/" + id).json();
    assertThat(order.get("customer").asString()).isEqualTo("Customer 7");
    assertThat(order.get("status").asString()).isEqualTo("PAID");
    assertThat(order.at("/items/1/sku").asString()).isEqualTo("DK-606");
    assertThat(order.at("/items/1/quantity").asInt()).isEqualTo(2);
  }

  @Test
  void anImportWithAStoredReferenceWritesNothing() {
    create("T-IMPORTED-BEFORE", "Barbara Liskov");

    Http.Response conflict = http.post("/api/orders/import", """
        {"orders": [
          {"reference": "T-IMPORT-NEW-1", "customer": "A", "items": [{"sku": "A-1", "quantity": 1, "unitPrice": 1}]},
          {"reference": "T-IMPORTED-BEFORE", "customer": "B", "items": [{"sku": "B-1", "quantity": 1, "unitPrice": 2}]}
        ]}""");

    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().get("code").asString()).isEqualTo("duplicate-reference");
    assertThat(template.queryForObject("select count(*) from orders where reference = 'T-IMPORT-NEW-1'", Long.class).join())
        .isZero();
  }

  private long create(String reference, String customer) {
    Http.Response created = http.post("/api/orders", Http.json(Map.of("reference", reference, "customer", customer,
        "items", List.of(Map.of("sku", "KB-101", "quantity", 1, "unitPrice", new BigDecimal("49.90"))))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.get("content").forEach(order -> ids.add(order.get("id").asLong()));
    return ids;
  }
}
