package io.asyncoracle.sample.db;

import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.asyncoracle.sample.order.ImportResult;
import io.asyncoracle.sample.order.NewOrder;
import io.asyncoracle.sample.order.OrderItem;
import io.asyncoracle.sample.order.OrderRepository;
import io.asyncoracle.sample.order.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Makes the sample orders: the same every time (a fixed random seed), referenced
 * {@code SEED-000001} and up, written in transactions of {@value #CHUNK} orders through the same
 * batch path as the import endpoint.
 */
@Component
public class SampleData {

  static final int CHUNK = 500;

  private static final String[] CUSTOMERS = {"Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra",
      "Barbara Liskov", "Donald Knuth", "Frances Allen", "Ken Thompson", "Margaret Hamilton", "Tony Hoare"};

  private static final String[] SKUS = {"KB-101", "MS-202", "MN-303", "HD-404", "CB-505", "DK-606", "LP-707",
      "HS-808"};

  private static final BigDecimal[] PRICES = {new BigDecimal("49.90"), new BigDecimal("19.99"),
      new BigDecimal("229.00"), new BigDecimal("89.50"), new BigDecimal("7.25"), new BigDecimal("15.00"),
      new BigDecimal("12.40"), new BigDecimal("74.95")};

  private final AsyncOracleTemplate template;
  private final OrderRepository orders;

  /**
   * Creates the loader.
   *
   * @param template the template the starter configured
   * @param orders the SQL
   */
  public SampleData(AsyncOracleTemplate template, OrderRepository orders) {
    this.template = template;
    this.orders = orders;
  }

  /**
   * Writes the sample orders.
   *
   * @param count how many orders
   * @return a future of how many orders and items were written
   */
  public CompletableFuture<ImportResult> load(int count) {
    List<NewOrder> all = generate(count);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    CompletableFuture<ImportResult> total = CompletableFuture.completedFuture(new ImportResult(0, 0));
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<NewOrder> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      total = total.thenCompose(sum -> template.inTransaction(tx -> orders.insertAll(tx, chunk, now))
          .thenApply(written -> new ImportResult(sum.orders() + written.orders(), sum.items() + written.items())));
    }
    return total;
  }

  /**
   * Generates the sample orders.
   *
   * @param count how many
   * @return the orders, each with one to five items
   */
  static List<NewOrder> generate(int count) {
    Random random = new Random(42);
    OrderStatus[] statuses = OrderStatus.values();
    List<NewOrder> result = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      int itemCount = 1 + random.nextInt(5);
      List<OrderItem> items = new ArrayList<>(itemCount);
      for (int j = 0; j < itemCount; j++) {
        int article = random.nextInt(SKUS.length);
        items.add(new OrderItem(SKUS[article], 1 + random.nextInt(4), PRICES[article]));
      }
      result.add(new NewOrder(String.format(Locale.ROOT, "SEED-%06d", i), CUSTOMERS[random.nextInt(CUSTOMERS.length)],
          statuses[random.nextInt(statuses.length)], items));
    }
    return result;
  }
}
