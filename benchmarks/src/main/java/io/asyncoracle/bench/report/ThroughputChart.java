package io.asyncoracle.bench.report;

import io.asyncoracle.bench.run.ContenderResult;
import io.asyncoracle.bench.run.WorkloadResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the run as a PNG with Java2D (headless): one panel per workload, one bar per contender with
 * its median throughput, a whisker from the slowest to the fastest window, and above it the ratio to
 * the fastest peer of the workload (the headline ratio; the ratio to threaded sync, marked "sync",
 * where no peer ran). A dashed line marks the fastest peer's throughput, so a bar that does not reach
 * it is behind every peer.
 */
public final class ThroughputChart {

  private static final Color[] PALETTE = {
      new Color(0x6b7280), new Color(0xc2410c), new Color(0x2563eb), new Color(0x16a34a),
      new Color(0x9333ea), new Color(0x0891b2), new Color(0xca8a04), new Color(0xdb2777)};
  private static final int PANEL_WIDTH = 620;
  private static final int PANEL_HEIGHT = 380;
  private static final int MARGIN = 20;
  private static final int HEADER = 60;
  private static final int LEGEND = 70;

  private ThroughputChart() {
  }

  /**
   * Draws the chart and writes it.
   *
   * @param tables the workloads, one panel each
   * @param subtitle a line under the title (machine, JDK)
   * @param file the PNG to write
   * @throws IOException if it cannot be written
   */
  public static void write(List<WorkloadResult> all, String subtitle, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    // Bar colours follow the contenders of the first panel's legend; the fan-out workload has
    // contenders of its own, so it gets a chart only when it ran alone (its table is in the report).
    List<WorkloadResult> others = all.stream()
        .filter(t -> t.workload() != io.asyncoracle.bench.workload.Workload.FAN_OUT).toList();
    List<WorkloadResult> tables = others.isEmpty() ? all : others;
    int columns = Math.min(2, Math.max(1, tables.size()));
    int rows = (tables.size() + columns - 1) / columns;
    int width = MARGIN + columns * (PANEL_WIDTH + MARGIN);
    int height = HEADER + rows * (PANEL_HEIGHT + MARGIN) + LEGEND;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
      g.drawString("async-oracle vs peers: throughput (calls/s, median; whiskers = min..max; label = x fastest peer)", MARGIN, 28);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.setColor(Color.DARK_GRAY);
      g.drawString(subtitle.length() > 200 ? subtitle.substring(0, 200) + "…" : subtitle, MARGIN, 48);
      for (int i = 0; i < tables.size(); i++) {
        int x = MARGIN + (i % columns) * (PANEL_WIDTH + MARGIN);
        int y = HEADER + (i / columns) * (PANEL_HEIGHT + MARGIN);
        panel(g, tables.get(i), x, y);
      }
      if (!tables.isEmpty()) {
        legend(g, tables.get(0).results(), MARGIN, height - LEGEND + 20, width - 2 * MARGIN);
      }
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
  }

  private static void panel(Graphics2D g, WorkloadResult t, int x, int y) {
    g.setColor(new Color(0xf8fafc));
    g.fillRect(x, y, PANEL_WIDTH, PANEL_HEIGHT);
    g.setColor(new Color(0xcbd5e1));
    g.drawRect(x, y, PANEL_WIDTH, PANEL_HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(t.title() + String.format(Locale.ROOT, " (%,d callers, pool %d)", t.callers(), t.poolSize()), x + 10, y + 22);
    List<ContenderResult> results = t.results();
    double max = results.stream().filter(ContenderResult::ran).mapToDouble(ContenderResult::maxThroughput).max().orElse(1);
    if (!Double.isNaN(t.latencyBound())) {
      max = Math.max(max, t.latencyBound());
    }
    max *= 1.18;
    int plotLeft = x + 70;
    int plotTop = y + 40;
    int plotBottom = y + PANEL_HEIGHT - 30;
    int plotHeight = plotBottom - plotTop;
    int plotWidth = PANEL_WIDTH - 90;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    for (int k = 0; k <= 4; k++) {
      double value = max * k / 4;
      int gy = plotBottom - (int) (plotHeight * k / 4.0);
      g.setColor(new Color(0xe2e8f0));
      g.drawLine(plotLeft, gy, plotLeft + plotWidth, gy);
      g.setColor(Color.DARK_GRAY);
      String label = String.format(Locale.ROOT, "%,.0f", value);
      g.drawString(label, plotLeft - 6 - fm.stringWidth(label), gy + 4);
    }
    if (!Double.isNaN(t.latencyBound())) {
      int by = plotBottom - (int) (plotHeight * t.latencyBound() / max);
      g.setColor(new Color(0xdc2626));
      g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
      g.drawLine(plotLeft, by, plotLeft + plotWidth, by);
      g.setStroke(new BasicStroke(1));

    }
    java.util.Optional<ContenderResult> fastest = t.fastestPeer();
    if (fastest.isPresent()) {
      int py = plotBottom - (int) (plotHeight * fastest.get().throughput() / max);
      g.setColor(new Color(0x475569));
      g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {3, 3}, 0));
      g.drawLine(plotLeft, py, plotLeft + plotWidth, py);
      g.setStroke(new BasicStroke(1));
    }
    lineLegend(g, fastest.isPresent(), !Double.isNaN(t.latencyBound()), x + PANEL_WIDTH - 10, y + 20);
    int n = results.size();
    int slot = plotWidth / Math.max(1, n);
    int barWidth = (int) (slot * 0.62);
    for (int i = 0; i < n; i++) {
      ContenderResult r = results.get(i);
      int bx = plotLeft + i * slot + (slot - barWidth) / 2;
      if (!r.ran()) {
        g.setColor(Color.GRAY);
        g.drawString("n/a", bx + barWidth / 2 - fm.stringWidth("n/a") / 2, plotBottom - 6);
        continue;
      }
      int barHeight = (int) (plotHeight * r.throughput() / max);
      g.setColor(PALETTE[i % PALETTE.length]);
      g.fillRect(bx, plotBottom - barHeight, barWidth, barHeight);
      int low = plotBottom - (int) (plotHeight * r.minThroughput() / max);
      int high = plotBottom - (int) (plotHeight * r.maxThroughput() / max);
      int cx = bx + barWidth / 2;
      g.setColor(Color.BLACK);
      g.drawLine(cx, low, cx, high);
      g.drawLine(cx - 5, low, cx + 5, low);
      g.drawLine(cx - 5, high, cx + 5, high);
      double peerRatio = t.peerRatio(r);
      String ratio = (Double.isNaN(peerRatio) ? String.format(Locale.ROOT, "%.2fx sync", t.ratio(r))
          : String.format(Locale.ROOT, "%.2fx", peerRatio)) + (r.failures() > 0 ? " !" : "");
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
      g.drawString(ratio, cx - g.getFontMetrics().stringWidth(ratio) / 2, Math.min(high, plotBottom - barHeight) - 6);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }
  }

  /**
   * Names the panel's dashed lines in its header, right-aligned at {@code right}: over the plot the
   * labels would collide with bars or with each other (the fastest peer often sits at the bound).
   */
  private static void lineLegend(Graphics2D g, boolean fastestPeer, boolean bound, int right, int baseline) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    int cx = right;
    if (bound) {
      cx = lineLegendEntry(g, fm, "pool / latency", new Color(0xdc2626), new float[] {6, 4}, cx, baseline);
    }
    if (fastestPeer) {
      lineLegendEntry(g, fm, "fastest peer", new Color(0x475569), new float[] {3, 3}, cx, baseline);
    }
    g.setStroke(new BasicStroke(1));
  }

  /** Draws one entry ending at {@code right}; returns where the next entry must end. */
  private static int lineLegendEntry(Graphics2D g, FontMetrics fm, String label, Color color, float[] dash, int right,
      int baseline) {
    int textX = right - fm.stringWidth(label);
    int lineX = textX - 26;
    g.setColor(color);
    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, dash, 0));
    g.drawLine(lineX, baseline - 4, lineX + 20, baseline - 4);
    g.setColor(Color.DARK_GRAY);
    g.drawString(label, textX, baseline);
    return lineX - 14;
  }

  private static void legend(Graphics2D g, List<ContenderResult> results, int x, int y, int width) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    FontMetrics fm = g.getFontMetrics();
    int cx = x;
    int cy = y;
    for (int i = 0; i < results.size(); i++) {
      String name = results.get(i).name();
      int w = 22 + fm.stringWidth(name) + 24;
      if (cx + w > x + width) {
        cx = x;
        cy += 22;
      }
      g.setColor(PALETTE[i % PALETTE.length]);
      g.fillRect(cx, cy - 11, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(name, cx + 20, cy + 1);
      cx += w;
    }
  }
}
