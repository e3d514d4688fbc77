package dev.lookout.discord;

import dev.lookout.health.ServiceHealth;
import dev.lookout.health.ServiceHealth.Points;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the status card's chart: CPU, memory, instances and latency over the window, four panels in
 * one PNG, with times in UTC on the x axis and units on the y axes.
 */
public final class ChartRenderer {
  private static final int PANEL_WIDTH = 480;
  private static final int PANEL_HEIGHT = 240;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** A PNG of the four panels. */
  public byte[] statusChart(ServiceHealth health, Duration window) {
    ServiceHealth.Series s = health.series();
    List<Panel> panels = new ArrayList<>();
    panels.add(panel("CPU p99", "%", s.cpuP99(), v -> v * 100, window, new Color(0x3498DB)));
    panels.add(panel("Memory p99", "%", s.memoryP99(), v -> v * 100, window, new Color(0x9B59B6)));
    panels.add(panel("Instances", "count", s.instances(), v -> v, window, new Color(0x2ECC71)));
    panels.add(panel("Latency p99", "ms", s.latencyP99(), v -> v, window, new Color(0xE67E22)));
    BufferedImage image =
        new BufferedImage(PANEL_WIDTH * 2, PANEL_HEIGHT * 2, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    for (int i = 0; i < panels.size(); i++) {
      Graphics2D cell =
          (Graphics2D)
              g.create((i % 2) * PANEL_WIDTH, (i / 2) * PANEL_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT);
      Panel panel = panels.get(i);
      if (panel.empty()) {
        noData(cell, panel.chart().getTitle());
      } else {
        panel.chart().paint(cell, PANEL_WIDTH, PANEL_HEIGHT);
      }
      cell.dispose();
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A small PNG of one alert's figure with its threshold, for the alert embed. */
  public byte[] alertChart(
      String title, String unit, Points points, DoubleUnaryOperator scale, double threshold) {
    Panel panel = panel(title, unit, points, scale, Duration.ofMinutes(15), new Color(0xE74C3C));
    if (!panel.empty() && !Double.isNaN(threshold)) {
      List<Date> x =
          List.of(Date.from(points.times().getFirst()), Date.from(points.times().getLast()));
      double t = scale.applyAsDouble(threshold);
      XYSeries line = panel.chart().addSeries("threshold", x, List.of(t, t));
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(new Color(0x7F8C8D));
      panel
          .chart()
          .getStyler()
          .setSeriesColors(new Color[] {new Color(0xE74C3C), new Color(0x7F8C8D)});
    }
    BufferedImage image = new BufferedImage(PANEL_WIDTH, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    if (panel.empty()) {
      noData(g, title);
    } else {
      panel.chart().paint(g, PANEL_WIDTH, PANEL_HEIGHT);
    }
    g.dispose();
    return png(image);
  }

  /** CPU p99 and instances side by side, with a vertical line where a change was applied. */
  public byte[] beforeAfterChart(Points cpu, Points instances, java.time.Instant appliedAt) {
    List<Panel> panels =
        List.of(
            panel("CPU p99", "%", cpu, v -> v * 100, Duration.ofHours(1), new Color(0x3498DB)),
            panel(
                "Instances", "count", instances, v -> v, Duration.ofHours(1), new Color(0x2ECC71)));
    List<Points> points = List.of(cpu, instances);
    BufferedImage image =
        new BufferedImage(PANEL_WIDTH * 2, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    for (int i = 0; i < panels.size(); i++) {
      Panel panel = panels.get(i);
      Graphics2D cell = (Graphics2D) g.create(i * PANEL_WIDTH, 0, PANEL_WIDTH, PANEL_HEIGHT);
      if (panel.empty()) {
        noData(cell, panel.chart().getTitle());
      } else {
        double top = 0;
        for (double v : points.get(i).values()) {
          top = Math.max(top, i == 0 ? v * 100 : v);
        }
        Date x = Date.from(appliedAt);
        XYSeries line =
            panel.chart().addSeries("applied", List.of(x, x), List.of(0.0, Math.max(1, top)));
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(new Color(0xE74C3C));
        panel
            .chart()
            .getStyler()
            .setSeriesColors(
                new Color[] {
                  i == 0 ? new Color(0x3498DB) : new Color(0x2ECC71), new Color(0xE74C3C)
                });
        panel.chart().paint(cell, PANEL_WIDTH, PANEL_HEIGHT);
      }
      cell.dispose();
    }
    g.dispose();
    return png(image);
  }

  /**
   * A report's chart: cost per day (per hour for a one-day report) above the share of instance time
   * that sat idle, as bars with the day or hour under each.
   */
  public byte[] reportChart(
      String title, List<dev.lookout.reports.ChartPoint> points, String currency) {
    int width = PANEL_WIDTH * 2;
    BufferedImage image = new BufferedImage(width, PANEL_HEIGHT * 2, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    List<String> labels = new ArrayList<>();
    List<Double> cost = new ArrayList<>();
    List<Double> idle = new ArrayList<>();
    boolean any = false;
    for (var p : points) {
      labels.add(p.label());
      cost.add(p.cost());
      idle.add(Double.isNaN(p.idleShare()) ? 0 : p.idleShare() * 100);
      any |= !Double.isNaN(p.idleShare());
    }
    String[] titles = {title + ": cost (" + currency + ")", "Idle share of instance time (%)"};
    List<List<Double>> values = List.of(cost, idle);
    Color[] colors = {new Color(0x3498DB), new Color(0xE67E22)};
    for (int i = 0; i < 2; i++) {
      Graphics2D cell = (Graphics2D) g.create(0, i * PANEL_HEIGHT, width, PANEL_HEIGHT);
      if (!any) {
        noData(cell, titles[i]);
      } else {
        org.knowm.xchart.CategoryChart chart =
            new org.knowm.xchart.CategoryChartBuilder()
                .width(width)
                .height(PANEL_HEIGHT)
                .title(titles[i])
                .build();
        var styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xE5E5E5));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        styler.setSeriesColors(new Color[] {colors[i]});
        styler.setYAxisMin(0.0);
        if (i == 1) {
          styler.setYAxisMax(100.0);
        }
        if (labels.size() > 16) {
          styler.setXAxisLabelRotation(90);
        }
        chart.addSeries(titles[i], labels, values.get(i));
        chart.paint(cell, width, PANEL_HEIGHT);
      }
      cell.dispose();
    }
    g.dispose();
    return png(image);
  }

  private static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private record Panel(XYChart chart, boolean empty) {}

  private static Panel panel(
      String title,
      String unit,
      Points points,
      DoubleUnaryOperator scale,
      Duration window,
      Color color) {
    XYChart chart =
        new XYChartBuilder()
            .width(PANEL_WIDTH)
            .height(PANEL_HEIGHT)
            .title(title)
            .xAxisTitle("time (UTC)")
            .yAxisTitle(unit)
            .build();
    var styler = chart.getStyler();
    styler.setLegendVisible(false);
    styler.setTimezone(TimeZone.getTimeZone("UTC"));
    styler.setDatePattern(window.compareTo(Duration.ofHours(12)) > 0 ? "dd HH:mm" : "HH:mm");
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(0xE5E5E5));
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    styler.setYAxisMin(0.0);
    styler.setSeriesColors(new Color[] {color});
    if (points.isEmpty()) {
      return new Panel(chart, true);
    }
    List<Date> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int i = 0; i < points.times().size(); i++) {
      x.add(Date.from(points.times().get(i)));
      y.add(scale.applyAsDouble(points.values().get(i)));
    }
    if (x.size() == 1) {
      // XChart needs two points for a line; a single reading is drawn as a flat segment.
      x.add(0, Date.from(points.times().get(0).minusSeconds(60)));
      y.add(0, y.get(0));
    }
    XYSeries series = chart.addSeries(title, x, y);
    series.setMarker(SeriesMarkers.NONE);
    return new Panel(chart, false);
  }

  private static void noData(Graphics2D g, String title) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, PANEL_WIDTH, PANEL_HEIGHT);
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, 16, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString("no data in this window", 16, PANEL_HEIGHT / 2);
  }
}
