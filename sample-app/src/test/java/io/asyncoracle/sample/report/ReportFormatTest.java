package io.asyncoracle.sample.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ReportFormatTest {

  private final OrderLine line = new OrderLine(7, null, "Hopper, \"Amazing\" Grace", "PAID", "KB-101", 3,
      new BigDecimal("49.90"), new BigDecimal("149.70"));

  @Test
  void csvQuotesWhatNeedsQuoting() throws Exception {
    StringWriter out = new StringWriter();

    ReportFormat.CSV.write(line, out, JsonMapper.builder().build());

    assertThat(out).hasToString("7,,\"Hopper, \"\"Amazing\"\" Grace\",PAID,KB-101,3,49.90,149.70\r\n");
  }

  @Test
  void ndjsonWritesOneObjectPerLine() throws Exception {
    StringWriter out = new StringWriter();

    ReportFormat.NDJSON.write(line, out, JsonMapper.builder().build());

    assertThat(out.toString()).endsWith("}\n").doesNotContain("\n{").contains("\"lineTotal\":149.70");
  }

  @Test
  void parsesTheFormatParameterInAnyCase() {
    assertThat(ReportFormat.of("Csv")).isEqualTo(ReportFormat.CSV);
    assertThat(ReportFormat.of("ndjson").mediaType()).hasToString("application/x-ndjson");
  }
}
