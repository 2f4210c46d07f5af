package io.asyncoracle.sample.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as the API returns it.
 *
 * @param id the id the database gave it
 * @param reference the customer's or importing system's reference, unique when present
 * @param customer who ordered
 * @param status where it is in its life
 * @param createdAt when it was created
 * @param items its lines, in the order they were given
 */
public record Order(long id, String reference, String customer, OrderStatus status, Instant createdAt,
    List<OrderItem> items) {

  /** Copies the items, so an order never changes after it is made. */
  public Order {
    items = List.copyOf(items);
  }

  /**
   * Returns the sum of the line totals.
   *
   * @return the order total
   */
  @JsonProperty("total")
  public BigDecimal total() {
    return items.stream().map(OrderItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
