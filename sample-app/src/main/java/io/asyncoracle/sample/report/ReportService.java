package io.asyncoracle.sample.report;

import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.asyncoracle.sample.order.OrderStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Opens the order-lines report as a stream of rows on one pooled connection, held until the
 * stream is over.
 */
@Service
public class ReportService {

  /** Rows requested ahead of the writer: two fetches of the default array size and a half. */
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
   * Starts the order-lines query, every item of every order by order id.
   *
   * @param status only orders in this status, or {@code null} for all
   * @return a future of the open stream, completed when the first row arrived (or the result is
   *     empty), failed with a {@code DataAccessException} when the query could not start
   */
  CompletableFuture<RowStream> openOrderLines(OrderStatus status) {
    String sql = ORDER_LINES + (status == null ? "" : " where o.status = ?") + " order by o.id, i.id";
    Object[] params = status == null ? new Object[0] : new Object[] {status.name()};
    RowStream stream = new RowStream(PREFETCH);
    CompletableFuture<Void> released = template.withConnection(conn -> {
      conn.stream(sql, params).subscribe(stream);
      return stream.finished();
    });
    released.whenComplete((ignored, error) -> {
      if (error != null) {
        // Translated by the template, so the API can answer with a proper problem.
        stream.failBeforeFirstRow(error);
      }
    });
    stream.ready().thenRun(() -> CompletableFuture.delayedExecutor(UNCLAIMED_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> {
          if (!stream.claimed()) {
            LOG.warn("A report stream was not read within {}; cancelling it", UNCLAIMED_TIMEOUT);
            stream.close();
          }
        }));
    return stream.ready().thenApply(ready -> stream);
  }
}
