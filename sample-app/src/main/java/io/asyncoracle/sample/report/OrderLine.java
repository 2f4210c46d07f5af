package io.asyncoracle.sample.report;

import io.asyncoracle.Row;
import java.math.BigDecimal;

/**
 * One line of the order-lines report.
 *
 * @param orderId the order
 * @param reference the order's reference, or {@code null}
 * @param customer who ordered
 * @param status the order's status
 * @param sku the article
 * @param quantity how many
 * @param unitPrice the price of one
 * @param lineTotal quantity × unit price
 */
record OrderLine(long orderId, String reference, String customer, String status, String sku, int quantity,
    BigDecimal unitPrice, BigDecimal lineTotal) {

  /**
   * Reads a row of {@link ReportService}'s query (columns by position, as selected there).
   *
   * @param row the row
   * @return the line
   */
  static OrderLine of(Row row) {
    int quantity = row.get(5, Integer.class);
    BigDecimal unitPrice = row.get(6, BigDecimal.class);
    return new OrderLine(row.get(0, Long.class), row.get(1, String.class), row.get(2, String.class),
        row.get(3, String.class), row.get(4, String.class), quantity, unitPrice,
        unitPrice.multiply(BigDecimal.valueOf(quantity)));
  }
}
