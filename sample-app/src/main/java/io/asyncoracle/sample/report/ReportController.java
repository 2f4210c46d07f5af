package io.asyncoracle.sample.report;

import io.asyncoracle.sample.order.OrderStatus;
import jakarta.validation.constraints.Pattern;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.ObjectMapper;

/**
 * Streams a report of every order line, however many there are, in constant memory.
 *
 * <p>The handler returns once the query has produced its first row (so a query that cannot start
 * still gets a problem-detail answer); the rows are then written by a
 * {@link StreamingResponseBody} on Spring MVC's async executor, which takes them from the
 * query's Reactor {@code Flux} (the template's {@code queryForStream}, adapted) only as fast as the
 * client reads.
 */
@RestController
public class ReportController {

  private static final Logger LOG = LoggerFactory.getLogger(ReportController.class);

  private final ReportService reports;
  private final ObjectMapper json;

  /**
   * Creates the controller.
   *
   * @param reports opens the streams
   * @param json writes the NDJSON lines
   */
  public ReportController(ReportService reports, ObjectMapper json) {
    this.reports = reports;
    this.json = json;
  }

  /**
   * Streams every order line as NDJSON (default) or CSV.
   *
   * @param format {@code ndjson} or {@code csv}
   * @param status only orders in this status; all when left out
   * @return a future of the streaming response
   */
  @GetMapping("/api/reports/order-lines")
  public CompletableFuture<ResponseEntity<StreamingResponseBody>> orderLines(
      @RequestParam(defaultValue = "ndjson")
      @Pattern(regexp = "(?i)ndjson|csv", message = "must be ndjson or csv") String format,
      @RequestParam(required = false) OrderStatus status) {
    ReportFormat reportFormat = ReportFormat.of(format);
    return reports.openOrderLines(status).thenApply(report -> ResponseEntity.ok()
        .contentType(reportFormat.mediaType())
        .body(out -> write(report, reportFormat, out)));
  }

  private void write(ReportService.OpenReport report, ReportFormat format, java.io.OutputStream out)
      throws IOException {
    long lines = 0;
    try (Stream<OrderLine> stream = report.claim()) {
      Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
      format.writeHeader(writer);
      Iterator<OrderLine> rows = stream.iterator();
      while (rows.hasNext()) {
        format.write(rows.next(), writer, json);
        lines++;
      }
      writer.flush();
    } catch (IOException e) {
      // Usually the client went away; closing the stream cancelled the query and freed the connection.
      LOG.debug("Report stream stopped after {} lines: {}", lines, e.toString());
      throw e;
    }
    LOG.debug("Report stream sent {} lines", lines);
  }
}
