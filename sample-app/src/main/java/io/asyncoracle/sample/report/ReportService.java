package io.asyncoracle.sample.report;

import io.asyncoracle.boot.reactor.AsyncOracleReactor;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.asyncoracle.sample.order.OrderStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/**
 * Opens the order-lines report: the template's {@code queryForStream} (a {@code Flow.Publisher}
 * with backpressure) as a Reactor {@link Flux}, read by the writing thread as a blocking
 * {@link Stream} that holds at most {@link #PREFETCH} rows. Closing the stream cancels the query
 * and gives its connection back at once.
 */
@Service
public class ReportService {

  /** Rows requested ahead of the writer; Reactor asks for more as three quarters are taken. */
  static final int PREFETCH = 256;

  /** A stream nobody started reading by then is cancelled, so its connection cannot leak. */
  static final Duration UNCLAIMED_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);

  private static final String ORDER_LINES = "select o.id, o.reference, o.customer, o.status,"
      + " i.sku, i.quantity, i.unit_price from orders o join order_items i on i.order_id = o.id";

  private final AsyncOracleTemplate template;

  /**
   * Creates the service.
   *
   * @param template the template the starter configured
   */
  public ReportService(AsyncOracleTemplate template) {
    this.template = template;
  }

  /**
   * The order-lines query, every item of every order by order id, as a cold {@link Flux}: it runs
   * when subscribed, and cancelling the subscription cancels the statement.
   *
   * @param status only orders in this status, or {@code null} for all
   * @return the lines
   */
  Flux<OrderLine> orderLines(OrderStatus status) {
    String sql = ORDER_LINES + (status == null ? "" : " where o.status = ?") + " order by o.id, i.id";
    Object[] params = status == null ? new Object[0] : new Object[] {status.name()};
    return AsyncOracleReactor.flux(() -> template.queryForStream(sql, OrderLine::map, params));
  }

  /**
   * Starts the order-lines query for a writer thread.
   *
   * @param status only orders in this status, or {@code null} for all
   * @return a future of the open report, completed when the first row arrived (or the result is
   *     empty), failed with a {@code DataAccessException} when the query could not start
   */
  CompletableFuture<OpenReport> openOrderLines(OrderStatus status) {
    CompletableFuture<Void> firstSignal = new CompletableFuture<>();
    Stream<OrderLine> lines = orderLines(status)
        .doOnNext(line -> firstSignal.complete(null))
        .doOnComplete(() -> firstSignal.complete(null))
        .doOnError(firstSignal::completeExceptionally)
        // Subscribes now: the query starts before a writer thread is there to read it.
        .toStream(PREFETCH);
    OpenReport report = new OpenReport(lines);
    firstSignal.whenComplete((ignored, error) -> {
      if (error != null) {
        lines.close();
        return;
      }
      CompletableFuture.delayedExecutor(UNCLAIMED_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
        if (report.unclaimed()) {
          LOG.warn("A report stream was not read within {}; cancelling it", UNCLAIMED_TIMEOUT);
          lines.close();
        }
      });
    });
    return firstSignal.thenApply(ready -> report);
  }

  /** A report whose query runs; {@link #claim()} it once to read the lines, and close them. */
  static final class OpenReport {
    private final Stream<OrderLine> lines;
    private final AtomicBoolean claimed = new AtomicBoolean();

    OpenReport(Stream<OrderLine> lines) {
      this.lines = lines;
    }

    /**
     * Takes the lines for writing; closing the stream stops the query.
     *
     * @return the lines
     */
    Stream<OrderLine> claim() {
      claimed.set(true);
      return lines;
    }

    boolean unclaimed() {
      return !claimed.get();
    }
  }
}
