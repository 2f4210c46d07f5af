package io.asyncoracle.sample.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.springframework.http.MediaType;
import tools.jackson.databind.ObjectMapper;

/** How the report is written: one JSON object per line, or CSV with a header line. */
enum ReportFormat {

  /** Newline-delimited JSON, {@code application/x-ndjson}. */
  NDJSON(MediaType.parseMediaType("application/x-ndjson")) {
    @Override
    void writeHeader(Writer out) {
    }

    @Override
    void write(OrderLine line, Writer out, ObjectMapper json) throws IOException {
      out.write(json.writeValueAsString(line));
      out.write('\n');
    }
  },

  /** Comma-separated values with a header line, {@code text/csv}. */
  CSV(MediaType.parseMediaType("text/csv;charset=UTF-8")) {
    @Override
    void writeHeader(Writer out) throws IOException {
      out.write("order_id,reference,customer,status,sku,quantity,unit_price,line_total\r\n");
    }

    @Override
    void write(OrderLine line, Writer out, ObjectMapper json) throws IOException {
      out.write(Long.toString(line.orderId()));
      out.write(',');
      out.write(csv(line.reference()));
      out.write(',');
      out.write(csv(line.customer()));
      out.write(',');
      out.write(line.status());
      out.write(',');
      out.write(csv(line.sku()));
      out.write(',');
      out.write(Integer.toString(line.quantity()));
      out.write(',');
      out.write(line.unitPrice().toPlainString());
      out.write(',');
      out.write(line.lineTotal().toPlainString());
      out.write("\r\n");
    }
  };

  private final MediaType mediaType;

  ReportFormat(MediaType mediaType) {
    this.mediaType = mediaType;
  }

  /**
   * Parses the {@code format} request parameter.
   *
   * @param name {@code ndjson} or {@code csv}, in any case
   * @return the format
   */
  static ReportFormat of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  MediaType mediaType() {
    return mediaType;
  }

  abstract void writeHeader(Writer out) throws IOException;

  abstract void write(OrderLine line, Writer out, ObjectMapper json) throws IOException;

  /** Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
  static String csv(String value) {
    if (value == null) {
      return "";
    }
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
