package io.asyncoracle.sample.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The orders REST API. Every handler returns a {@link CompletableFuture}: Spring MVC frees the
 * request thread at once and writes the response when the database has answered. Inputs are
 * checked by bean validation; failures become RFC 9457 problem details (see
 * {@link io.asyncoracle.sample.web.ApiExceptionHandler}).
 */
@RestController
@RequestMapping("/api/orders")
public class OrderController {

  /** The largest page size the list accepts. */
  public static final int MAX_PAGE_SIZE = 100;

  private final OrderService orders;

  /**
   * Creates the controller.
   *
   * @param orders the use cases
   */
  public OrderController(OrderService orders) {
    this.orders = orders;
  }

  /**
   * Creates an order.
   *
   * @param request the order
   * @param uris to build the new order's location
   * @return a future of 201 Created with the stored order and its {@code Location}
   */
  @PostMapping
  public CompletableFuture<ResponseEntity<Order>> create(@Valid @RequestBody OrderRequest request,
      UriComponentsBuilder uris) {
    return orders.create(request).thenApply(order -> ResponseEntity
        .created(uris.path("/api/orders/{id}").buildAndExpand(order.id()).toUri())
        .body(order));
  }

  /**
   * Reads an order.
   *
   * @param id the order id, positive
   * @return a future of the order; 404 when there is none
   */
  @GetMapping("/{id}")
  public CompletableFuture<Order> get(@PathVariable @Positive long id) {
    return orders.get(id);
  }

  /**
   * Lists orders by ascending id, a page at a time.
   *
   * @param page the 0-based page number
   * @param size the page size, 1 to {@value #MAX_PAGE_SIZE}
   * @return a future of the page
   */
  @GetMapping
  public CompletableFuture<OrderPage> list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
    return orders.list(page, size);
  }

  /**
   * Replaces an order's reference, customer, status and items.
   *
   * @param id the order id, positive
   * @param request the new state
   * @return a future of the stored order; 404 when there is none
   */
  @PutMapping("/{id}")
  public CompletableFuture<Order> update(@PathVariable @Positive long id, @Valid @RequestBody OrderRequest request) {
    return orders.update(id, request);
  }

  /**
   * Deletes an order.
   *
   * @param id the order id, positive
   * @return a future of 204 No Content; 404 when there is none
   */
  @DeleteMapping("/{id}")
  public CompletableFuture<ResponseEntity<Void>> delete(@PathVariable @Positive long id) {
    return orders.delete(id).thenApply(deleted -> ResponseEntity.noContent().build());
  }

  /**
   * Imports a batch of orders, all or nothing, with JDBC batches in one transaction.
   *
   * @param request up to {@value ImportRequest#MAX_ORDERS} orders, each with a unique reference
   * @return a future of 201 Created with the counts; 409 when a reference is already stored
   */
  @PostMapping("/import")
  public CompletableFuture<ResponseEntity<ImportResult>> importOrders(@Valid @RequestBody ImportRequest request) {
    return orders.importOrders(request).thenApply(result -> ResponseEntity.status(HttpStatus.CREATED).body(result));
  }
}
