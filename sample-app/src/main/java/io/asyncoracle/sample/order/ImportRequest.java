package io.asyncoracle.sample.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A batch of orders from another system ({@code POST /api/orders/import}), imported all or nothing.
 *
 * @param orders the orders, 1 to {@value #MAX_ORDERS}
 */
public record ImportRequest(
    @NotEmpty @Size(max = MAX_ORDERS, message = "must hold at most {max} orders") List<@Valid ImportedOrder> orders) {

  /**
   * The most orders one import may hold. It keeps one import to one short transaction, and the
   * reference lookups under Oracle's limit of 1,000 values in an {@code IN} list.
   */
  public static final int MAX_ORDERS = 500;

  /**
   * One imported order; unlike {@link OrderRequest} the reference is required, since it is how the
   * other system and a repeated import recognise the order.
   *
   * @param reference the other system's reference, unique across orders
   * @param customer who ordered
   * @param status the status; {@code NEW} when left out
   * @param items the lines
   */
  public record ImportedOrder(
      @NotBlank @Size(max = 40, message = "must be at most {max} characters") String reference,
      @NotBlank @Size(max = 100, message = "must be at most {max} characters") String customer,
      OrderStatus status,
      @NotEmpty @Size(max = OrderRequest.MAX_ITEMS, message = "must hold at most {max} items")
      List<@Valid OrderItemRequest> items) {
  }
}
