package io.asyncoracle.sample.order;

/** Where an order is in its life. */
public enum OrderStatus {
  /** Created, not paid yet. */
  NEW,
  /** Paid. */
  PAID,
  /** Handed to the carrier. */
  SHIPPED,
  /** Cancelled by the customer or the shop. */
  CANCELLED
}
