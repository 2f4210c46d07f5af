package io.asyncoracle.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.asyncoracle.sample.Http;
import io.asyncoracle.sample.SampleAppTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Bad input and failures become RFC 9457 problem details, over real HTTP, never stack traces or SQL. */
@SampleAppTest
class ProblemDetailsTest {

  private static final String VALID_ITEMS = "[{\"sku\": \"KB-101\", \"quantity\": 1, \"unitPrice\": 49.90}]";

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
  void anIdThatIsNotANumberIs400() {
    JsonNode problem = problem(http.get("/api/orders/abc"), 400);

    assertThat(problem.get("code").asString()).isEqualTo("invalid-request");
    assertThat(errors(problem)).containsExactly("id: must be a number (was 'abc')");
  }

  @Test
  void anIdBelowOneIs400() {
    assertThat(errors(problem(http.get("/api/orders/0"), 400))).containsExactly("id: must be greater than 0");
    assertThat(errors(problem(http.delete("/api/orders/-5"), 400))).containsExactly("id: must be greater than 0");
    assertThat(errors(problem(http.put("/api/orders/0", "{\"customer\": \"A\", \"items\": " + VALID_ITEMS + "}"), 400)))
        .containsExactly("id: must be greater than 0");
  }

  @Test
  void anUnknownOrderIs404() {
    JsonNode problem = problem(http.get("/api/orders/987654321"), 404);

    assertThat(problem.get("title").asString()).isEqualTo("Not Found");
    assertThat(problem.get("detail").asString()).isEqualTo("No order with id 987654321");
    assertThat(problem.get("orderId").asLong()).isEqualTo(987654321L);
    assertThat(problem.get("instance").asString()).isEqualTo("/api/orders/987654321");
    assertThat(problem(http.put("/api/orders/987654321", "{\"customer\": \"A\", \"items\": " + VALID_ITEMS + "}"), 404)
        .get("code").asString()).isEqualTo("order-not-found");
  }

  @Test
  void missingAndInvalidFieldsAreListed() {
    JsonNode problem = problem(http.post("/api/orders", """
        {"reference": "%s", "items": [{"sku": "no spaces!", "quantity": 0, "unitPrice": -1},
                                     {"sku": "OK-1", "unitPrice": 1.234}]}""".formatted("R".repeat(41))), 400);

    assertThat(problem.get("detail").asString()).isEqualTo("7 fields or parameters are invalid");
    assertThat(errors(problem)).containsExactly(
        "customer: must not be blank",
        "items[0].quantity: must be greater than 0",
        "items[0].sku: must be 1 to 40 letters, digits or dashes",
        "items[0].unitPrice: must be greater than or equal to 0.00",
        "items[1].quantity: must not be null",
        "items[1].unitPrice: numeric value out of bounds (<10 digits>.<2 digits> expected)",
        "reference: must be at most 40 characters");
  }

  @Test
  void anOrderNeedsItems() {
    assertThat(errors(problem(http.post("/api/orders", "{\"customer\": \"A\", \"items\": []}"), 400)))
        .containsExactly("items: must not be empty");
    assertThat(errors(problem(http.post("/api/orders", "{\"customer\": \"A\"}"), 400)))
        .containsExactly("items: must not be empty");
  }

  @Test
  void aValueOfTheWrongTypeIs400() {
    JsonNode problem = problem(http.post("/api/orders", "{\"customer\": \"A\", \"status\": \"LOST\", \"items\": "
        + VALID_ITEMS + "}"), 400);

    assertThat(problem.get("code").asString()).isEqualTo("unreadable-body");
    assertThat(errors(problem)).containsExactly("status: must be one of [NEW, PAID, SHIPPED, CANCELLED]");
    assertThat(errors(problem(http.post("/api/orders", "{\"customer\": \"A\", \"items\": [{\"sku\": \"A\", "
        + "\"quantity\": \"many\", \"unitPrice\": 1}]}"), 400)))
        .containsExactly("items[0].quantity: has the wrong type, expected a number");
  }

  @Test
  void malformedOrMissingJsonIs400() {
    assertThat(problem(http.post("/api/orders", "{\"customer\": "), 400).get("detail").asString())
        .isEqualTo("The body is not valid JSON");
    assertThat(problem(http.post("/api/orders", ""), 400).get("detail").asString())
        .isEqualTo("The request body is missing or cannot be read");
  }

  @Test
  void pagingParametersAreChecked() {
    assertThat(errors(problem(http.get("/api/orders?size=500"), 400)))
        .containsExactly("size: must be less than or equal to 100");
    assertThat(errors(problem(http.get("/api/orders?page=-1&size=0"), 400)))
        .containsExactly("page: must be greater than or equal to 0", "size: must be greater than or equal to 1");
    assertThat(errors(problem(http.get("/api/orders?page=first"), 400)))
        .containsExactly("page: must be a number (was 'first')");
  }

  @Test
  void anOversizedImportIs400AndWritesNothing() {
    List<Map<String, Object>> orders = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      orders.add(Map.of("reference", "T-BIG-" + i, "customer", "C",
          "items", List.of(Map.of("sku", "A", "quantity", 1, "unitPrice", 1))));
    }

    JsonNode problem = problem(http.post("/api/orders/import", Http.json(Map.of("orders", orders))), 400);

    assertThat(errors(problem)).containsExactly("orders: must hold at most 500 orders");
    assertThat(template.queryForObject("select count(*) from orders where reference like 'T-BIG-%'", Long.class).join())
        .isZero();
  }

  @Test
  void anImportNeedsReferencesOncePerBatch() {
    JsonNode problem = problem(http.post("/api/orders/import", """
        {"orders": [
          {"reference": "T-TWICE", "customer": "A", "items": [{"sku": "A-1", "quantity": 1, "unitPrice": 1}]},
          {"customer": "B", "items": [{"sku": "B-1", "quantity": 1, "unitPrice": 1}]},
          {"reference": "T-TWICE", "customer": "C", "items": [{"sku": "C-1", "quantity": 1, "unitPrice": 1}]}
        ]}"""), 400);
    assertThat(errors(problem)).containsExactly("orders[1].reference: must not be blank");

    JsonNode twice = problem(http.post("/api/orders/import", """
        {"orders": [
          {"reference": "T-TWICE", "customer": "A", "items": [{"sku": "A-1", "quantity": 1, "unitPrice": 1}]},
          {"reference": "T-TWICE", "customer": "C", "items": [{"sku": "C-1", "quantity": 1, "unitPrice": 1}]}
        ]}"""), 400);
    assertThat(errors(twice)).containsExactly("orders[].reference: duplicate reference T-TWICE");
    assertThat(template.queryForObject("select count(*) from orders where reference = 'T-TWICE'", Long.class).join())
        .isZero();
  }

  @Test
  void aDuplicateReferenceIs409WithoutDatabaseDetails() {
    String order = "{\"reference\": \"T-DUP\", \"customer\": \"A\", \"items\": " + VALID_ITEMS + "}";
    assertThat(http.post("/api/orders", order).status()).isEqualTo(201);

    Http.Response response = http.post("/api/orders", order);
    JsonNode problem = problem(response, 409);

    assertThat(problem.get("code").asString()).isEqualTo("duplicate-reference");
    assertThat(problem.get("detail").asString()).isEqualTo("An order with this reference exists already; nothing was written");
    assertThat(response.body()).doesNotContainIgnoringCase("insert")
        .doesNotContainIgnoringCase("orders_reference_uk")
        .doesNotContain("Exception")
        .doesNotContain("jdbc:");
  }

  @Test
  void unknownPathsAndMethodsAreProblemsToo() {
    assertThat(problem(http.get("/api/nothing-here"), 404).get("title").asString()).isEqualTo("Not Found");
    assertThat(problem(http.delete("/api/orders"), 405).get("title").asString()).isEqualTo("Method Not Allowed");
  }

  private static JsonNode problem(Http.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(response.body()).doesNotContain("\tat ").doesNotContain("trace");
    return problem;
  }

  private static List<String> errors(JsonNode problem) {
    List<String> errors = new ArrayList<>();
    problem.get("errors").forEach(e -> errors.add(e.get("field").asString() + ": " + e.get("message").asString()));
    return errors;
  }
}
