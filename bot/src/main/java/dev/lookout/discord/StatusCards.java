package dev.lookout.discord;

import dev.lookout.health.Figure;
import dev.lookout.health.HealthLevel;
import dev.lookout.health.HealthReports.Report;
import dev.lookout.health.HealthVerdict;
import dev.lookout.health.HealthVerdict.Finding;
import dev.lookout.health.ServiceHealth;
import dev.lookout.knowledge.Durations;
import java.awt.Color;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.selections.SelectOption;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Renders health into Discord messages: the status card of one service (an embed coloured by
 * health, its figures against their limits, and a chart) and the overview of every service.
 */
public final class StatusCards {
  /**
   * A card kept live: refreshed this often, for this long, both in real time (Discord's clock for
   * rate limits and interaction tokens), whatever the bot's own clock says.
   */
  public record Live(java.time.Duration every, java.time.Duration lasting) {}

  public static final String FEATURE = "status";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final ChartRenderer charts;

  /** A chart drawn once for the figures it shows: the same series give the same picture. */
  private record ChartKey(
      String service, Duration window, dev.lookout.health.ServiceHealth.Series series) {}

  private static final int CHARTS_KEPT = 64;

  private final Map<ChartKey, byte[]> drawn =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(CHARTS_KEPT, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ChartKey, byte[]> eldest) {
              return size() > CHARTS_KEPT;
            }
          });

  private byte[] chart(dev.lookout.health.ServiceHealth h, Duration window) {
    ChartKey key = new ChartKey(h.service(), window, h.series());
    byte[] png = drawn.get(key);
    if (png == null) {
      png = charts.statusChart(h, window);
      drawn.put(key, png);
    }
    return png;
  }

  public StatusCards(ChartRenderer charts) {
    this.charts = charts;
  }

  public static Color color(HealthLevel level) {
    return switch (level) {
      case OK -> new Color(0x2ECC71);
      case WARN -> new Color(0xF1C40F);
      case FATAL -> new Color(0xE74C3C);
      case UNKNOWN -> new Color(0x95A5A6);
    };
  }

  public static String marker(HealthLevel level) {
    return switch (level) {
      case OK -> "🟢";
      case WARN -> "🟡";
      case FATAL -> "🔴";
      case UNKNOWN -> "⚪";
    };
  }

  /**
   * The card of one service.
   *
   * @param live when the card is being kept up to date, until when
   */
  public MessageCreateData card(
      Report report,
      String displayName,
      HealthVerdict verdict,
      Duration window,
      Optional<Live> live) {
    String service = report.service();
    HealthLevel level = report.health().isEmpty() ? HealthLevel.UNKNOWN : verdict.level();
    Card e = new Card();
    e.color(color(level));
    String title =
        marker(level)
            + " "
            + displayName
            + (displayName.equals(service) ? "" : " (" + service + ")")
            + " — "
            + levelText(level);
    e.title(title);
    List<String> lines = new ArrayList<>();
    report
        .problem()
        .ifPresent(
            p ->
                lines.add(
                    "⚠️ **"
                        + p
                        + "**"
                        + report
                            .age()
                            .map(a -> ": showing the last known figures, " + age(a) + " old.")
                            .orElse(": no figures to show yet.")));
    for (Finding f : verdict.findings()) {
      if (f.level() != HealthLevel.OK) {
        lines.add(
            marker(f.level())
                + " "
                + f.figure().label()
                + " is "
                + f.figure().format(f.value())
                + " ("
                + (f.level() == HealthLevel.FATAL ? "fatal" : "warn")
                + " at "
                + f.figure()
                    .format(f.level() == HealthLevel.FATAL ? f.limit().fatal() : f.limit().warn())
                + ")");
      }
    }
    if (lines.isEmpty()) {
      lines.add("All figures are within their limits.");
    }
    e.description(String.join("\n", lines));
    MessageCreateBuilder message = new MessageCreateBuilder();
    report
        .health()
        .ifPresent(
            h -> {
              String span = windowText(window);
              e.field(
                  "CPU",
                  figure(verdict, Figure.CPU_P99, h.cpuP99(), "p99")
                      + mean(h.cpuMean())
                      + peak(Figure.CPU_P99, h.series().cpuP99(), span),
                  true);
              e.field(
                  "Memory",
                  figure(verdict, Figure.MEMORY_P99, h.memoryP99(), "p99")
                      + peak(Figure.MEMORY_P99, h.series().memoryP99(), span),
                  true);
              e.field(
                  "Instances",
                  h.activeInstances()
                      + " active · "
                      + h.idleInstances()
                      + " idle\nscaling "
                      + h.minInstances()
                      + "–"
                      + h.maxInstances(),
                  true);
              e.field(
                  "Requests",
                  h.requestRate().isPresent()
                      ? Figure.REQUEST_RATE.format(h.requestRate().getAsDouble())
                          + "\n5xx "
                          + figure(verdict, Figure.ERROR_RATE, h.errorRate(), "")
                      : "no requests",
                  true);
              e.field(
                  "Latency",
                  h.latencyP99().isPresent()
                      ? "p50 "
                          + format(Figure.LATENCY_P99, h.latencyP50())
                          + " · p95 "
                          + format(Figure.LATENCY_P99, h.latencyP95())
                          + "\n"
                          + figure(verdict, Figure.LATENCY_P99, h.latencyP99(), "p99")
                          + peak(Figure.LATENCY_P99, h.series().latencyP99(), span)
                      : "no requests",
                  true);
              if (h.queueDepth().isPresent()) {
                e.field(
                    "Queue", figure(verdict, Figure.QUEUE_DEPTH, h.queueDepth(), "depth"), true);
              }
              e.field("Revision", "`" + h.revision() + "`", false);
              e.timestamp(h.dataTime());
              String file = "status-" + service + ".png";
              e.image("attachment://" + file);
              message.addFiles(FileUpload.fromData(chart(h, window), file));
            });
    // The figures are the newest minute's; the window is what the chart and the peaks cover.
    String footer =
        "Window "
            + windowText(window)
            + report
                .health()
                .map(
                    h ->
                        " (chart, peaks) · figures of the newest minute, data as of "
                            + TIME.format(h.dataTime()))
                .orElse("")
            + live.map(
                    l ->
                        " · live: updated every "
                            + Durations.format(l.every())
                            + " for "
                            + Durations.format(l.lasting()))
                .orElse("");
    e.footer(footer);
    message.setEmbeds(e.build());
    message.setComponents(
        ActionRow.of(
            Button.secondary(
                ComponentId.of(FEATURE, "refresh", service, windowText(window)).encode(),
                "Refresh")));
    return message.build();
  }

  /** One line per service with its marker and worst figure, and a menu to open a card. */
  public MessageCreateData overview(List<Entry> entries, Duration window) {
    Card e = new Card();
    HealthLevel worst = HealthLevel.OK;
    List<String> lines = new ArrayList<>();
    for (Entry entry : entries) {
      worst = worst.worse(entry.level());
      lines.add(
          marker(entry.level())
              + " **"
              + entry.displayName()
              + "**"
              + (entry.displayName().equals(entry.service()) ? "" : " (`" + entry.service() + "`)")
              + " — "
              + entry.summary());
    }
    e.color(color(entries.isEmpty() ? HealthLevel.UNKNOWN : worst));
    e.title("Services — " + entries.size() + " watched");
    e.description(lines.isEmpty() ? "No Cloud Run services found." : String.join("\n", lines));

    e.footer("Window " + windowText(window) + " · pick a service below for its card");
    MessageCreateBuilder message = new MessageCreateBuilder().setEmbeds(e.build());
    if (!entries.isEmpty()) {
      StringSelectMenu.Builder menu =
          StringSelectMenu.create(ComponentId.of(FEATURE, "open", windowText(window)).encode())
              .setPlaceholder("Open a service's card");
      for (Entry entry : entries.subList(0, Math.min(25, entries.size()))) {
        menu.addOptions(
            SelectOption.of(Texts.label(entry.displayName()), entry.service())
                .withDescription(Texts.optionDescription(entry.summary())));
      }
      message.setComponents(ActionRow.of(menu.build()));
    }
    return message.build();
  }

  /** A service's line in the overview. */
  public record Entry(String service, String displayName, HealthLevel level, String summary) {}

  /** The summary the overview shows: the worst figure, or why there is none. */
  public static String summary(Report report, HealthVerdict verdict) {
    if (report.health().isEmpty()) {
      return report.problem().orElse("no data");
    }
    String worst =
        verdict
            .worst()
            .map(f -> f.figure().label() + " " + f.figure().format(f.value()))
            .orElse("no figures");
    return report.problem().map(p -> worst + " (stale: " + p + ")").orElse(worst);
  }

  private static String figure(
      HealthVerdict verdict, Figure figure, OptionalDouble value, String label) {
    if (value.isEmpty()) {
      return "no data";
    }
    String text = (label.isEmpty() ? "" : label + " ") + figure.format(value.getAsDouble());
    Optional<Finding> f = verdict.finding(figure);
    if (f.isPresent()) {
      text +=
          " "
              + marker(f.get().level())
              + "\nlimit "
              + figure.format(f.get().limit().warn())
              + " / "
              + figure.format(f.get().limit().fatal());
    }
    return text;
  }

  /** The highest point of the window's series, beside the newest minute's figure. */
  private static String peak(Figure figure, ServiceHealth.Points points, String span) {
    double max = Double.NaN;
    for (double v : points.values()) {
      max = Double.isNaN(max) ? v : Math.max(max, v);
    }
    return Double.isNaN(max) || points.values().size() < 2
        ? ""
        : "\npeak " + span + " " + figure.format(max);
  }

  private static String mean(OptionalDouble mean) {
    return mean.isPresent() ? "\nmean " + Figure.CPU_P99.format(mean.getAsDouble()) : "";
  }

  private static String format(Figure figure, OptionalDouble v) {
    return v.isPresent() ? figure.format(v.getAsDouble()) : "–";
  }

  private static String levelText(HealthLevel level) {
    return switch (level) {
      case OK -> "healthy";
      case WARN -> "warning";
      case FATAL -> "failing";
      case UNKNOWN -> "unknown";
    };
  }

  /** A window as /status reads it back: 15m, 6h, 1d, 1h30m. */
  public static String windowText(Duration window) {
    return Durations.format(window);
  }

  private static String age(Duration d) {
    return Texts.span(d);
  }
}
