package io.asyncoracle.sample.order;

import java.util.List;

/**
 * An order ready to be written: checked, normalised, not yet in the database.
 *
 * @param reference the reference, or {@code null}
 * @param customer who orders
 * @param status the status
 * @param items the lines
 */
public record NewOrder(String reference, String customer, OrderStatus status, List<OrderItem> items) {

  /** Copies the items. */
  public NewOrder {
    items = List.copyOf(items);
  }
}
