package io.asyncoracle.sample.order;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/**
 * One line of an order as a client sends it.
 *
 * @param sku the article number: letters, digits and dashes, at most 40
 * @param quantity how many, 1 to 10,000
 * @param unitPrice the price of one, at least 0.00, with at most 10 digits before the point and 2 after
 */
public record OrderItemRequest(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,40}", message = "must be 1 to 40 letters, digits or dashes") String sku,
    @NotNull @Positive @Max(10_000) Integer quantity,
    @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal unitPrice) {

  /**
   * Returns the line in the domain's form, the article number upper-cased.
   *
   * @return the item
   */
  public OrderItem toItem() {
    return new OrderItem(sku.toUpperCase(java.util.Locale.ROOT), quantity, unitPrice);
  }
}
