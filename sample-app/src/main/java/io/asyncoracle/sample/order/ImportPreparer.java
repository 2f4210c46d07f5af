package io.asyncoracle.sample.order;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/**
 * Checks and normalises an import batch before it reaches the database: the CPU work of an
 * import, run on Spring's {@code @Async} executor so it occupies neither the request thread nor
 * a database connection.
 *
 * <p>Why only this is {@code @Async}, and the database calls are not: Spring runs an
 * {@code @Async} method on its executor and, when the method returns a future, blocks that
 * executor thread on {@code future.get()} until the future completes. Wrapping the template's
 * calls in {@code @Async} would hold one thread per database call, the very thing the template
 * avoids; its futures are asynchronous already.
 */
@Component
public class ImportPreparer {

  /**
   * Turns the validated request into orders ready to insert.
   *
   * @param request the batch, already bean-validated
   * @return a future of the orders, failed with {@link InvalidImportException} when a reference
   *     occurs twice in the batch
   */
  @Async
  public CompletableFuture<List<NewOrder>> prepare(ImportRequest request) {
    Set<String> seen = new HashSet<>();
    Set<String> duplicates = new LinkedHashSet<>();
    List<NewOrder> orders = new ArrayList<>(request.orders().size());
    for (ImportRequest.ImportedOrder imported : request.orders()) {
      String reference = imported.reference().strip();
      if (!seen.add(reference)) {
        duplicates.add(reference);
      }
      OrderStatus status = imported.status() == null ? OrderStatus.NEW : imported.status();
      List<OrderItem> items = imported.items().stream().map(OrderItemRequest::toItem).toList();
      orders.add(new NewOrder(reference, imported.customer().strip(), status, items));
    }
    if (!duplicates.isEmpty()) {
      return CompletableFuture.failedFuture(new InvalidImportException(List.copyOf(duplicates)));
    }
    return CompletableFuture.completedFuture(orders);
  }
}
