package io.asyncoracle.sample.order;

import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * The orders use cases. Reads are single template calls (or two that run at once); every change
 * that takes more than one statement runs in {@link AsyncOracleTemplate#inTransaction}, so it
 * commits or rolls back as a whole. No method blocks a thread.
 */
@Service
public class OrderService {

  private final AsyncOracleTemplate template;
  private final OrderRepository orders;
  private final ImportPreparer importPreparer;

  /**
   * Creates the service.
   *
   * @param template the template the starter configured
   * @param orders the SQL
   * @param importPreparer checks import batches off the request thread
   */
  public OrderService(AsyncOracleTemplate template, OrderRepository orders, ImportPreparer importPreparer) {
    this.template = template;
    this.orders = orders;
    this.importPreparer = importPreparer;
  }

  /**
   * Creates an order: draws its id, inserts it and its items, and reads it back, in one transaction.
   *
   * @param request the validated order
   * @return a future of the stored order
   */
  public CompletableFuture<Order> create(OrderRequest request) {
    NewOrder order = toNewOrder(request);
    Instant now = now();
    return template.inTransaction(tx -> orders.nextId(tx)
        .thenCompose(id -> orders.insert(tx, id, order, now)
            .thenCompose(inserted -> orders.insertItems(tx, id, order.items()))
            .thenCompose(items -> orders.findById(tx, id))
            .thenApply(stored -> stored.orElseThrow(() -> new OrderNotFoundException(id)))));
  }

  /**
   * Reads an order.
   *
   * @param id the order id
   * @return a future of the order, failed with {@link OrderNotFoundException} when there is none
   */
  public CompletableFuture<Order> get(long id) {
    return orders.findById(template, id).thenApply(found -> found.orElseThrow(() -> new OrderNotFoundException(id)));
  }

  /**
   * Reads a page of orders and the total count; the two queries run at the same time, on two
   * connections.
   *
   * @param page the 0-based page
   * @param size the page size
   * @return a future of the page
   */
  public CompletableFuture<OrderPage> list(int page, int size) {
    CompletableFuture<List<Order>> content = orders.findPage(template, page, size);
    CompletableFuture<Long> total = orders.count(template);
    return content.thenCombine(total, (list, count) -> OrderPage.of(list, page, size, count));
  }

  /**
   * Replaces an order's reference, customer, status and items, in one transaction.
   *
   * @param id the order id
   * @param request the validated new state
   * @return a future of the stored order, failed with {@link OrderNotFoundException} (and nothing
   *     changed) when there is none
   */
  public CompletableFuture<Order> update(long id, OrderRequest request) {
    NewOrder order = toNewOrder(request);
    return template.inTransaction(tx -> orders.update(tx, id, order)
        .thenCompose(updated -> {
          if (updated == 0) {
            return CompletableFuture.<Long>failedFuture(new OrderNotFoundException(id));
          }
          return orders.deleteItems(tx, id).thenCompose(deleted -> orders.insertItems(tx, id, order.items()));
        })
        .thenCompose(items -> orders.findById(tx, id))
        .thenApply(stored -> stored.orElseThrow(() -> new OrderNotFoundException(id))));
  }

  /**
   * Deletes an order and its items.
   *
   * @param id the order id
   * @return a future that completes when deleted, failed with {@link OrderNotFoundException} when
   *     there is none
   */
  public CompletableFuture<Void> delete(long id) {
    return orders.delete(template, id).thenAccept(deleted -> {
      if (deleted == 0) {
        throw new OrderNotFoundException(id);
      }
    });
  }

  /**
   * Imports a batch of orders all or nothing: the batch is checked on the {@code @Async} executor,
   * then written with two JDBC batches in one transaction.
   *
   * @param request the validated batch
   * @return a future of the counts, failed with {@link InvalidImportException} for a reference
   *     given twice, or with a {@code DuplicateKeyException} for one that is already stored
   */
  public CompletableFuture<ImportResult> importOrders(ImportRequest request) {
    Instant now = now();
    return importPreparer.prepare(request)
        .thenCompose(prepared -> template.inTransaction(tx -> orders.insertAll(tx, prepared, now)));
  }

  private Instant now() {
    // Both databases keep microseconds at most; millis keep the API's timestamps stable across a round trip.
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static NewOrder toNewOrder(OrderRequest request) {
    String reference = request.reference() == null || request.reference().isBlank()
        ? null : request.reference().strip();
    return new NewOrder(reference, request.customer().strip(), request.statusOrNew(), request.toItems());
  }
}
