package dev.lookout.discord;

import dev.lookout.reports.AlertStats;
import dev.lookout.reports.Digest;
import dev.lookout.reports.QuietSummary;
import dev.lookout.reports.ServiceReport;
import dev.lookout.reports.Usage;
import dev.lookout.reports.UsageReport;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Renders usage reports, digests and quiet-hours summaries: a table of services by cost, or one
 * service's figures, each against the period before, with the chart and the assumptions behind the
 * estimates.
 */
public final class ReportCards {
  /** The component feature of a digest's buttons. */
  public static final String FEATURE = "digest";

  private static final int TABLE_ROWS = 20;

  /** All text of a message's embeds together, as Discord limits it. */
  private final ChartRenderer charts;

  public ReportCards(ChartRenderer charts) {
    this.charts = charts;
  }

  public static String scaleDownId(String service) {
    return ComponentId.of(FEATURE, "scaledown", service).encode();
  }

  /** A /report answer. */
  public MessageCreateData report(UsageReport r) {
    MessageCreateBuilder m = new MessageCreateBuilder();
    m.setEmbeds(reportCard(r, "📊 Usage report").build());
    m.setFiles(chart(r));
    return m.build();
  }

  /** A scheduled digest: the report, then what needs attention, with scale-down buttons. */
  public MessageCreateData digest(Digest d) {
    String title = d.late() ? "🗞️ Digest (late)" : "🗞️ Digest";
    MessageCreateBuilder m = new MessageCreateBuilder();
    // Discord counts the text of all of a message's embeds together against one limit.
    m.setEmbeds(Card.buildAll(List.of(reportCard(d.report(), title), attention(d))));
    m.setFiles(chart(d.report()));
    List<Button> buttons = new ArrayList<>();
    for (Digest.IdleService s : d.idle()) {
      buttons.add(
          Button.secondary(
              scaleDownId(s.service()), Texts.label("Propose scale-down: " + s.service())));
    }
    if (!buttons.isEmpty()) {
      m.setComponents(ActionRow.of(buttons));
    }
    return m.build();
  }

  private FileUpload chart(UsageReport r) {
    String title = r.service().orElse("All services");
    return FileUpload.fromData(
        charts.reportChart(title, r.chart(), r.pricing().currency()), "report.png");
  }

  private Card reportCard(UsageReport r, String kind) {
    Card e = new Card();
    e.title(
        kind
            + " · "
            + r.window().label()
            + r.service().map(s -> " · " + s).orElse(" · all services")
            + (r.partial() ? " (so far)" : ""));
    e.color(0x3498DB);
    Usage u = r.service().isPresent() ? r.services().getFirst().current() : r.total();
    Usage before = r.service().isPresent() ? r.services().getFirst().previous() : r.previousTotal();
    String cur = r.pricing().currency();
    StringBuilder d = new StringBuilder();
    d.append("**")
        .append(money(u.cost(), cur))
        .append("** ")
        .append(change(u, before, Usage::cost))
        .append(" · **")
        .append(kwh(u.energyKwh()))
        .append("** ")
        .append(change(u, before, Usage::energyKwh))
        .append(" · idle **")
        .append(percent(u.idleShare()))
        .append("** of ")
        .append(number(u.instanceHours()))
        .append(" instance-hours\n");
    d.append("Compared with ")
        .append(r.previousWindow().label())
        .append(r.partial() ? " up to the same time" : "")
        .append(".\n");
    if (r.hoursCovered() < r.window().hours() && !r.partial()) {
      d.append("⚠️ Usage data covers ")
          .append(r.hoursCovered())
          .append(" of ")
          .append(r.window().hours())
          .append(" hours (Cloud Monitoring keeps six weeks; older hours count only if Lookout")
          .append(" rolled them up in time).\n");
    }
    if (r.service().isEmpty()) {
      d.append(table(r));
    }
    e.description(d.toString());
    if (r.service().isPresent()) {
      serviceFields(e, r.services().getFirst(), cur);
    } else {
      e.field("Alerts", alerts(r.alerts()), true);
      e.field("Scale changes applied", String.valueOf(r.scaleChanges()), true);
    }
    e.image("attachment://report.png");
    e.footer(r.window().span() + "\n" + assumptions(r));
    e.timestamp(r.builtAt());
    return e;
  }

  private static String table(UsageReport r) {
    if (r.services().isEmpty()) {
      return "\nNo usage recorded in this period.";
    }
    String cur = r.pricing().currency();
    StringBuilder t = new StringBuilder("```\n");
    t.append(
        String.format(
            Locale.ROOT,
            "%-16s %10s %6s %7s %5s %7s%n",
            "service",
            "cost " + cur,
            "Δ",
            "inst-h",
            "idle",
            "kWh"));
    int shown = 0;
    for (ServiceReport s : r.services()) {
      if (shown++ == TABLE_ROWS) {
        t.append("… ").append(r.services().size() - TABLE_ROWS).append(" more\n");
        break;
      }
      Usage u = s.current();
      t.append(
          String.format(
              Locale.ROOT,
              "%-16s %10s %6s %7s %5s %7s%n",
              Texts.fit(s.service(), 16),
              plain(u.cost()),
              shortChange(u, s.previous(), Usage::cost),
              number(u.instanceHours()),
              percent(u.idleShare()),
              String.format(Locale.ROOT, "%.2f", u.energyKwh())));
    }
    return t.append("```").toString();
  }

  private static void serviceFields(Card e, ServiceReport s, String cur) {
    Usage u = s.current();
    Usage b = s.previous();
    e.field(
        "Instance-hours",
        number(u.instanceHours())
            + " "
            + change(u, b, Usage::instanceHours)
            + "\nactive "
            + number(u.activeInstanceHours())
            + " · idle "
            + number(u.idleInstanceHours()),
        true);
    e.field("Billed", number(u.vcpuHours()) + " vCPU-h\n" + number(u.gibHours()) + " GiB-h", true);
    e.field("Cost", money(u.cost(), cur) + " " + change(u, b, Usage::cost), true);
    e.field(
        "Requests",
        String.format(Locale.ROOT, "%,d", u.requests())
            + " "
            + change(u, b, x -> x.requests())
            + "\n5xx "
            + (Double.isNaN(u.errorRate()) ? "—" : percentPrecise(u.errorRate())),
        true);
    e.field(
        "Latency",
        "p50 "
            + millis(u.latencyP50())
            + " · p95 "
            + millis(u.latencyP95())
            + " · p99 "
            + millis(u.latencyP99()),
        true);
    e.field("Energy", kwh(u.energyKwh()) + " " + change(u, b, Usage::energyKwh), true);
    e.field(
        "Idle share",
        percent(u.idleShare())
            + " of instance time "
            + (Double.isNaN(b.idleShare()) ? "" : "(was " + percent(b.idleShare()) + ")"),
        true);
    e.field("Alerts", alerts(s.alerts()), true);
    e.field("Scale changes applied", String.valueOf(s.scaleChanges()), true);
  }

  private static String alerts(AlertStats a) {
    if (a.fired() == 0) {
      return "none fired";
    }
    return a.fired()
        + " fired · "
        + a.acknowledged()
        + " acknowledged · "
        + a.resolved()
        + " resolved"
        + a.meanTimeToAcknowledge().map(d -> "\ntime to ack " + duration(d)).orElse("")
        + a.meanTimeToResolve().map(d -> "\ntime to resolve " + duration(d)).orElse("");
  }

  private static String assumptions(UsageReport r) {
    var p = r.pricing();
    return String.format(
        Locale.ROOT,
        "Estimates from list prices (%s %s per vCPU-second and %s per GiB-second while serving, %s"
            + " and %s while idle) and power figures (%.2f W per busy vCPU, %.2f W per idle vCPU,"
            + " %.3f W per GiB), not a bill.",
        p.currency(),
        Texts.price(p.vcpuSecond()),
        Texts.price(p.gibSecond()),
        Texts.price(p.idleVcpuSecond()),
        Texts.price(p.idleGibSecond()),
        p.activeWattsPerVcpu(),
        p.idleWattsPerVcpu(),
        p.wattsPerGib());
  }

  private Card attention(Digest d) {
    Card e = new Card().title("👀 Needs attention").color(0xE67E22);
    StringBuilder b = new StringBuilder();
    if (d.late()) {
      b.append("⏰ This digest was due ")
          .append(Texts.utc(d.dueAt()))
          .append(" and is sent late: Lookout could not send it on time.\n");
    }
    if (!d.missed().isEmpty()) {
      b.append("⚠️ ")
          .append(d.missed().size())
          .append(" earlier digest(s) were not sent while Lookout was down (due ")
          .append(Texts.utc(d.missed().getFirst()))
          .append(" to ")
          .append(Texts.utc(d.missed().getLast()))
          .append("); `/report date:` shows any of those days.\n");
    }
    section(
        b,
        "Idle capacity",
        d.idle().stream()
            .map(
                s ->
                    "**"
                        + s.service()
                        + "** idle "
                        + percent(s.idleShare())
                        + " of its instance time ("
                        + number(s.idleInstanceHours())
                        + " idle instance-hours)"
                        + (s.minInstances() > 0
                            ? ", keeping " + s.minInstances() + " minimum instance(s) warm"
                            : ""))
            .toList());
    section(
        b,
        "Still firing",
        d.firing().stream()
            .map(
                a ->
                    a.service()
                        + ": "
                        + a.title()
                        + " ("
                        + a.severity()
                        + ", firing since "
                        + Texts.utc(a.since())
                        + a.acknowledgedBy()
                            .map(by -> ", acknowledged by " + UserText.quote(by))
                            .orElse("")
                        + ")")
            .toList());
    section(
        b,
        "Silences expiring within a day",
        d.expiringSilences().stream()
            .map(
                s ->
                    "#"
                        + s.id()
                        + " "
                        + s.matcher()
                        + " by "
                        + UserText.quote(s.author())
                        + " expires "
                        + Texts.utc(s.expiresAt())
                        + ": "
                        + UserText.quote(s.comment()))
            .toList());
    section(
        b,
        "Proposals awaiting approval",
        d.pendingProposals().stream()
            .map(
                p ->
                    p.label()
                        + " "
                        + p.service()
                        + " by "
                        + UserText.quote(p.requester())
                        + ", expires "
                        + Texts.utc(p.expiresAt())
                        + (p.reason().isBlank() ? "" : ": " + UserText.quote(p.reason())))
            .toList());
    if (b.isEmpty()) {
      b.append(
          "Nothing: no idle capacity, no firing alerts, no expiring silences, no open proposals.");
    }
    String footer = "Digest " + d.schedule();
    e.description(b.toString());
    e.footer(footer);
    return e;
  }

  private static void section(StringBuilder b, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    b.append("**").append(title).append("**\n");
    int n = 0;
    for (String line : lines) {
      if (n++ == 8) {
        b.append("… and ").append(lines.size() - 8).append(" more\n");
        break;
      }
      b.append("• ").append(Texts.fit(line, 200)).append('\n');
    }
  }

  /** The summary posted when a channel's quiet hours end. */
  public MessageCreateData quietSummary(QuietSummary s) {
    StringBuilder b = new StringBuilder();
    DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("UTC"));
    for (QuietSummary.Line l : s.lines()) {
      b.append("• `")
          .append(time.format(l.at()))
          .append("` **")
          .append(l.service())
          .append("** ")
          .append(l.title())
          .append(" — ")
          .append(l.events())
          .append(l.stillFiring() ? ", **still firing**" : "")
          .append('\n');
    }
    return new MessageCreateBuilder()
        .setEmbeds(
            new Card()
                .title("🌙 Held during quiet hours (" + s.quiet() + ")")
                .color(0xF1C40F)
                .description(b.toString())
                .footer(
                    s.lines().size()
                        + " warn alert(s) held; fatal alerts were posted as they came."
                        + " Times in UTC.")
                .build())
        .build();
  }

  static String money(double v, String currency) {
    return Texts.money(v, currency);
  }

  private static String plain(double v) {
    if (v > 0 && v < 0.01) {
      return "<0.01";
    }
    return String.format(Locale.ROOT, "%,.2f", v);
  }

  private static String kwh(double v) {
    return v < 1
        ? String.format(Locale.ROOT, "%.0f Wh", v * 1000)
        : String.format(Locale.ROOT, "%.2f kWh", v);
  }

  private static String number(double v) {
    return v >= 100
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "—" : String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private static String percentPrecise(double share) {
    return String.format(Locale.ROOT, "%.2f%%", share * 100);
  }

  private static String millis(double ms) {
    if (Double.isNaN(ms)) {
      return "—";
    }
    return ms >= 1000
        ? String.format(Locale.ROOT, "%.2f s", ms / 1000)
        : String.format(Locale.ROOT, "%.0f ms", ms);
  }

  private static String duration(Duration d) {
    long m = d.toMinutes();
    return m >= 60 ? (m / 60) + " h " + (m % 60) + " min" : Math.max(m, 0) + " min";
  }

  /** "(↑ 12% vs before)", "(↓ 3%)", "(new)" or "(no data before)". */
  static String change(Usage now, Usage before, ToDoubleFunction<Usage> figure) {
    String s = shortChange(now, before, figure);
    return s.equals("—") ? "(no data before)" : "(" + s + ")";
  }

  private static String shortChange(Usage now, Usage before, ToDoubleFunction<Usage> figure) {
    if (before.isEmpty()) {
      return "—";
    }
    double a = figure.applyAsDouble(now);
    double b = figure.applyAsDouble(before);
    if (b == 0) {
      return a == 0 ? "= 0%" : "new";
    }
    double pct = (a - b) / b * 100;
    if (Math.abs(pct) < 0.5) {
      return "= 0%";
    }
    return (pct > 0 ? "↑ " : "↓ ") + String.format(Locale.ROOT, "%.0f%%", Math.abs(pct));
  }
}
