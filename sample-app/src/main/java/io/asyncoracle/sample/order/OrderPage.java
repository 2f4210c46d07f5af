package io.asyncoracle.sample.order;

import java.util.List;

/**
 * One page of orders, by ascending id.
 *
 * @param content the orders on this page
 * @param page the 0-based page number
 * @param size the page size asked for
 * @param totalElements how many orders there are
 * @param totalPages how many pages of this size there are
 */
public record OrderPage(List<Order> content, int page, int size, long totalElements, long totalPages) {

  /** Copies the content. */
  public OrderPage {
    content = List.copyOf(content);
  }

  /**
   * Makes a page, computing the page count.
   *
   * @param content the orders on this page
   * @param page the page number
   * @param size the page size
   * @param totalElements how many orders there are
   * @return the page
   */
  public static OrderPage of(List<Order> content, int page, int size, long totalElements) {
    return new OrderPage(content, page, size, totalElements, (totalElements + size - 1) / size);
  }
}
