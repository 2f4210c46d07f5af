package io.asyncoracle.sample.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An order as a client creates or replaces it ({@code POST /api/orders}, {@code PUT /api/orders/{id}}).
 *
 * @param reference an optional reference of the client's, unique across orders, at most 40 characters
 * @param customer who orders, at most 100 characters
 * @param status the status; {@code NEW} when left out
 * @param items the lines, 1 to {@value #MAX_ITEMS}
 */
public record OrderRequest(
    @Size(max = 40, message = "must be at most {max} characters") String reference,
    @NotBlank @Size(max = 100, message = "must be at most {max} characters") String customer,
    OrderStatus status,
    @NotEmpty @Size(max = MAX_ITEMS, message = "must hold at most {max} items") List<@Valid OrderItemRequest> items) {

  /** The most lines an order may have. */
  public static final int MAX_ITEMS = 100;

  /**
   * Returns the status asked for, {@code NEW} by default.
   *
   * @return the status
   */
  public OrderStatus statusOrNew() {
    return status == null ? OrderStatus.NEW : status;
  }

  /**
   * Returns the lines in the domain's form.
   *
   * @return the items
   */
  public List<OrderItem> toItems() {
    return items.stream().map(OrderItemRequest::toItem).toList();
  }
}
