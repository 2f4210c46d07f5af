package io.asyncoracle.sample.order;

/** No order has the id asked for; the API answers 404. */
public class OrderNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long orderId;

  /**
   * Creates the exception.
   *
   * @param orderId the id that was not found
   */
  public OrderNotFoundException(long orderId) {
    super("No order with id " + orderId);
    this.orderId = orderId;
  }

  /**
   * Returns the id that was not found.
   *
   * @return the id
   */
  public long orderId() {
    return orderId;
  }
}
