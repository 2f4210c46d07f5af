package io.asyncoracle.sample.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

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
   * Reads a row of {@link ReportService}'s query (columns by position, as selected there): a
   * Spring {@code RowMapper}.
   *
   * @param rs the result set, on the row
   * @param rowNum the row's index
   * @return the line
   * @throws SQLException if a column cannot be read
   */
  static OrderLine map(ResultSet rs, int rowNum) throws SQLException {
    int quantity = rs.getInt(6);
    BigDecimal unitPrice = rs.getBigDecimal(7);
    return new OrderLine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        quantity, unitPrice, unitPrice.multiply(BigDecimal.valueOf(quantity)));
  }
}
