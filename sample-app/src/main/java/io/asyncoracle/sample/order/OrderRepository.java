package io.asyncoracle.sample.order;

import io.asyncoracle.boot.template.AsyncOracleOperations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the orders. Every method takes the {@link AsyncOracleOperations} to run on: the
 * template itself (each call borrows a connection and commits) or the transaction of
 * {@link io.asyncoracle.boot.template.AsyncOracleTemplate#inTransaction}, so the service decides
 * what commits together. The SQL runs unchanged on Oracle Database and on H2 in Oracle mode.
 *
 * <p>Timestamps are stored as UTC in plain {@code TIMESTAMP} columns.
 */
@Repository
public class OrderRepository {

  private static final String ORDER_COLUMNS = "o.id, o.reference, o.customer, o.status, o.created_at";

  private static final String SELECT_ORDER_WITH_ITEMS = "select " + ORDER_COLUMNS
      + ", i.sku, i.quantity, i.unit_price from orders o left join order_items i on i.order_id = o.id"
      + " where o.id = ? order by i.id";

  private static final String SELECT_PAGE = "select " + ORDER_COLUMNS
      + " from orders o order by o.id offset :offset rows fetch next :size rows only";

  private static final String SELECT_ITEMS_OF = "select order_id, sku, quantity, unit_price from order_items"
      + " where order_id in (:ids) order by order_id, id";

  private static final String INSERT_ORDER = "insert into orders (id, reference, customer, status, created_at)"
      + " values (?, ?, ?, ?, ?)";

  private static final String INSERT_ITEM = "insert into order_items (order_id, sku, quantity, unit_price)"
      + " values (?, ?, ?, ?)";

  private static final String INSERT_ORDER_WITH_NEW_ID = "insert into orders"
      + " (id, reference, customer, status, created_at) values (orders_seq.nextval, ?, ?, ?, ?)";

  // The imported orders' ids come from the sequence inside the batch, so their lines find them by reference.
  private static final String INSERT_ITEM_BY_REFERENCE = "insert into order_items (order_id, sku, quantity, unit_price)"
      + " select id, ?, ?, ? from orders where reference = ?";

  private static final RowMapper<OrderHeader> HEADER = (rs, n) -> header(rs);

  /** An order's columns without its items. */
  private record OrderHeader(long id, String reference, String customer, OrderStatus status, Instant createdAt) {

    Order with(List<OrderItem> items) {
      return new Order(id, reference, customer, status, createdAt, items);
    }
  }

  /** One row of the order-with-items join: the header, and an item unless the order has none. */
  private record OrderRow(OrderHeader header, OrderItem item) {
  }

  /** An item with the id of its order. */
  private record OwnedItem(long orderId, OrderItem item) {
  }

  /**
   * Draws a new order id from the {@code orders_seq} sequence.
   *
   * @param ops where to run
   * @return a future of the id
   */
  public CompletableFuture<Long> nextId(AsyncOracleOperations ops) {
    return ops.queryForObject("select orders_seq.nextval from dual", Long.class);
  }

  /**
   * Reads one order with its items.
   *
   * @param ops where to run
   * @param id the order id
   * @return a future of the order, empty when there is none
   */
  public CompletableFuture<Optional<Order>> findById(AsyncOracleOperations ops, long id) {
    return ops.query(SELECT_ORDER_WITH_ITEMS, (rs, n) -> new OrderRow(header(rs), itemOrNull(rs)), id)
        .thenApply(rows -> {
          if (rows.isEmpty()) {
            return Optional.empty();
          }
          List<OrderItem> items = rows.stream().map(OrderRow::item).filter(item -> item != null).toList();
          return Optional.of(rows.get(0).header().with(items));
        });
  }

  /**
   * Reads one page of orders, by ascending id, with their items: one query for the orders and one
   * for all their items.
   *
   * @param ops where to run
   * @param page the 0-based page
   * @param size the page size
   * @return a future of the orders on the page
   */
  public CompletableFuture<List<Order>> findPage(AsyncOracleOperations ops, int page, int size) {
    Map<String, Object> window = Map.of("offset", (long) page * size, "size", size);
    return ops.query(SELECT_PAGE, window, HEADER).thenCompose(headers -> {
      if (headers.isEmpty()) {
        return CompletableFuture.completedFuture(List.of());
      }
      List<Long> ids = headers.stream().map(OrderHeader::id).toList();
      return ops.query(SELECT_ITEMS_OF, Map.of("ids", ids),
              (rs, n) -> new OwnedItem(rs.getLong("order_id"), item(rs)))
          .thenApply(items -> assemble(headers, items));
    });
  }

  /**
   * Counts the orders.
   *
   * @param ops where to run
   * @return a future of the count
   */
  public CompletableFuture<Long> count(AsyncOracleOperations ops) {
    return ops.queryForObject("select count(*) from orders", Long.class);
  }

  /**
   * Inserts an order under a given id, without its items.
   *
   * @param ops where to run
   * @param id the id, from {@link #nextId}
   * @param order the order
   * @param createdAt its creation time
   * @return a future of the row count
   */
  public CompletableFuture<Integer> insert(AsyncOracleOperations ops, long id, NewOrder order, Instant createdAt) {
    return ops.update(INSERT_ORDER, id, order.reference(), order.customer(), order.status().name(), utc(createdAt));
  }

  /**
   * Inserts items of an order, in one batch.
   *
   * @param ops where to run
   * @param orderId the order
   * @param items the items
   * @return a future of the number of rows inserted
   */
  public CompletableFuture<Long> insertItems(AsyncOracleOperations ops, long orderId, List<OrderItem> items) {
    if (items.isEmpty()) {
      return CompletableFuture.completedFuture(0L);
    }
    List<Object[]> rows = items.stream()
        .map(item -> new Object[] {orderId, item.sku(), item.quantity(), item.unitPrice()})
        .toList();
    return ops.batchUpdate(INSERT_ITEM, rows).thenApply(OrderRepository::sum);
  }

  /** The rows a batch touched in all, from its per-row counts (a count the driver did not know counts 1). */
  private static long sum(int[] counts) {
    long total = 0;
    for (int count : counts) {
      total += count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
    }
    return total;
  }

  /**
   * Changes an order's reference, customer and status.
   *
   * @param ops where to run
   * @param id the order
   * @param order the new values
   * @return a future of the row count: 0 when there is no such order
   */
  public CompletableFuture<Integer> update(AsyncOracleOperations ops, long id, NewOrder order) {
    return ops.update("update orders set reference = ?, customer = ?, status = ? where id = ?",
        order.reference(), order.customer(), order.status().name(), id);
  }

  /**
   * Deletes all items of an order.
   *
   * @param ops where to run
   * @param orderId the order
   * @return a future of the number of items deleted
   */
  public CompletableFuture<Integer> deleteItems(AsyncOracleOperations ops, long orderId) {
    return ops.update("delete from order_items where order_id = ?", orderId);
  }

  /**
   * Deletes an order; its items go with it ({@code on delete cascade}).
   *
   * @param ops where to run
   * @param id the order
   * @return a future of the row count: 0 when there is no such order
   */
  public CompletableFuture<Integer> delete(AsyncOracleOperations ops, long id) {
    return ops.update("delete from orders where id = ?", id);
  }

  /**
   * Inserts orders that carry references, with their items: one batch for the orders (ids from the
   * sequence) and one for all their items. Run it in a transaction: it is two statements.
   *
   * @param ops where to run
   * @param orders the orders; each must have a reference
   * @param createdAt their creation time
   * @return a future of how many orders and items were inserted
   */
  public CompletableFuture<ImportResult> insertAll(AsyncOracleOperations ops, List<NewOrder> orders,
      Instant createdAt) {
    if (orders.isEmpty()) {
      return CompletableFuture.completedFuture(new ImportResult(0, 0));
    }
    LocalDateTime created = utc(createdAt);
    List<Object[]> orderRows = new ArrayList<>(orders.size());
    List<Object[]> itemRows = new ArrayList<>();
    for (NewOrder order : orders) {
      if (order.reference() == null) {
        throw new IllegalArgumentException("an imported order needs a reference");
      }
      orderRows.add(new Object[] {order.reference(), order.customer(), order.status().name(), created});
      for (OrderItem item : order.items()) {
        itemRows.add(new Object[] {item.sku(), item.quantity(), item.unitPrice(), order.reference()});
      }
    }
    return ops.batchUpdate(INSERT_ORDER_WITH_NEW_ID, orderRows).thenApply(OrderRepository::sum)
        .thenCompose(orderCount -> (itemRows.isEmpty()
            ? CompletableFuture.completedFuture(0L)
            : ops.batchUpdate(INSERT_ITEM_BY_REFERENCE, itemRows).thenApply(OrderRepository::sum))
            .thenApply(itemCount -> new ImportResult(orderCount, itemCount)));
  }

  private static List<Order> assemble(List<OrderHeader> headers, List<OwnedItem> items) {
    Map<Long, List<OrderItem>> byOrder = new LinkedHashMap<>();
    for (OwnedItem owned : items) {
      byOrder.computeIfAbsent(owned.orderId(), id -> new ArrayList<>()).add(owned.item());
    }
    return headers.stream().map(h -> h.with(byOrder.getOrDefault(h.id(), List.of()))).toList();
  }

  private static OrderHeader header(ResultSet rs) throws SQLException {
    return new OrderHeader(rs.getLong("id"), rs.getString("reference"), rs.getString("customer"),
        OrderStatus.valueOf(rs.getString("status")),
        rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
  }

  private static OrderItem itemOrNull(ResultSet rs) throws SQLException {
    return rs.getString("sku") == null ? null : item(rs);
  }

  private static OrderItem item(ResultSet rs) throws SQLException {
    return new OrderItem(rs.getString("sku"), rs.getInt("quantity"), rs.getBigDecimal("unit_price"));
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
