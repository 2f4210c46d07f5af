package io.asyncoracle.sample.order;

import java.math.BigDecimal;

/**
 * One line of an order.
 *
 * @param sku the article number
 * @param quantity how many
 * @param unitPrice the price of one
 */
public record OrderItem(String sku, int quantity, BigDecimal unitPrice) {

  /**
   * Returns quantity × unit price.
   *
   * @return the line total
   */
  public BigDecimal lineTotal() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }
}
