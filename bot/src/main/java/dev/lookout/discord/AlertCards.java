package dev.lookout.discord;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.AlertEvent;
import dev.lookout.alerts.AlertPost;
import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.EscalationPolicy;
import dev.lookout.alerts.EscalationStep;
import dev.lookout.alerts.Flapping;
import dev.lookout.health.Figure;
import dev.lookout.health.HealthLevel;
import dev.lookout.health.ServiceHealth;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Renders alerts: the warn or fatal message of a service's tick (what breached, against what, since
 * when, the runbook, a chart and the buttons), the same message once alerts in it resolve, and
 * short notices.
 */
public final class AlertCards {
  public static final String FEATURE = "alert";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final ChartRenderer charts;

  public AlertCards(ChartRenderer charts) {
    this.charts = charts;
  }

  /**
   * The message of an alert post.
   *
   * @param resolved incidents of the post that have resolved since, shown as such
   */
  public MessageCreateData post(AlertPost post, Set<String> resolved, Instant now) {
    return post(post, resolved, now, java.util.Map.of());
  }

  /**
   * The message of an alert post, with the escalation steps taken for its alerts.
   *
   * @param steps the steps taken, by incident
   */
  public MessageCreateData post(
      AlertPost post,
      Set<String> resolved,
      Instant now,
      java.util.Map<String, List<EscalationStep>> steps) {
    List<AlertEvent> events = post.notification().events();
    boolean allResolved = events.stream().allMatch(e -> resolved.contains(e.alert().incident()));
    AlertSeverity worst = post.notification().severity();
    HealthLevel level =
        allResolved
            ? HealthLevel.OK
            : worst == AlertSeverity.FATAL ? HealthLevel.FATAL : HealthLevel.WARN;
    String service = post.notification().service();
    Card e = new Card().color(StatusCards.color(level));
    String what = events.size() == 1 ? title(events.get(0).alert()) : events.size() + " alerts";
    Flapping.Spell spell = events.size() == 1 ? events.get(0).spell() : null;
    e.title(
        (allResolved ? "✅ " : StatusCards.marker(level) + " ")
            + service
            + ": "
            + what
            + (spell != null
                ? (allResolved ? " — flapping, resolved for now" : " — flapping")
                : allResolved ? " — resolved" : ""));
    boolean reminder = events.stream().allMatch(ev -> ev.kind() == AlertEvent.Kind.REMINDER);
    if (spell != null) {
      e.description(
          "🔁 Fired "
              + spell.fires()
              + " times since "
              + TIME.format(spell.since())
              + " ("
              + age(spell.since(), now)
              + " ago). This card follows it until it stays quiet.");
    } else if (reminder && !allResolved) {
      e.description("⏰ Still firing and not acknowledged.");
    }
    int budget = 5_000 - e.length();
    List<ActionRow> rows = new ArrayList<>();
    for (AlertEvent ev : events) {
      Alert a = ev.alert();
      boolean done = resolved.contains(a.incident());
      String name =
          (done
                  ? "✅ RESOLVED"
                  : StatusCards.marker(
                          a.severity() == AlertSeverity.FATAL
                              ? HealthLevel.FATAL
                              : HealthLevel.WARN)
                      + " "
                      + a.severity().name())
              + " · "
              + title(a)
              + switch (ev.kind()) {
                case ESCALATED -> " · escalated";
                case REMINDER -> " · reminder";
                case FLAPPING -> " · flapping";
                default -> "";
              };
      String since =
          a.firingSince() == null
              ? ""
              : "\nFiring since "
                  + TIME.format(a.firingSince())
                  + " ("
                  + age(a.firingSince(), now)
                  + ")";
      String value =
          text(a, a.detail())
              + since
              + (a.runbook().isBlank() ? "" : "\n**Runbook:** " + text(a, a.runbook()));
      value = Texts.fit(value, Math.max(64, budget / Math.max(1, events.size())));
      e.field(name, value, false);
      if (!done && rows.size() < 5) {
        List<Button> buttons = new ArrayList<>();
        buttons.add(Button.primary(id("ack", a), Texts.label("Acknowledge " + a.title())));
        buttons.add(Button.secondary(id("silence", a), "Silence 1h"));
        if (a.severity() == AlertSeverity.FATAL) {
          buttons.add(Button.danger(id("explain", a), "Explain"));
        }
        if (dev.lookout.operations.ScalePolicy.PRESSURE.contains(a.ruleId())
            || dev.lookout.alerts.ExternalAlert.isPressure(a.ruleId())) {
          buttons.add(Button.success(id("propose", a), "Propose scale-up"));
        }
        rows.add(ActionRow.of(buttons));
      }
    }
    if (!steps.isEmpty()) {
      StringBuilder lines = new StringBuilder();
      steps.forEach(
          (incident, taken) -> {
            for (EscalationStep step : taken) {
              lines
                  .append(step.number())
                  .append(" · ")
                  .append(TIME.format(step.at()))
                  .append(" · ")
                  .append(step.target().map(AlertCards::named).orElse("nobody"))
                  .append(" (")
                  .append(step.note())
                  .append(")\n");
            }
          });
      e.field("🚨 Escalation", Texts.fit(lines.toString().strip(), 1_000), false);
    }
    e.footer(
        "Fingerprints: "
            + Texts.fit(
                String.join(", ", events.stream().map(ev -> ev.alert().fingerprint()).toList()),
                1_000));
    e.timestamp(post.notification().at());
    MessageCreateBuilder message = new MessageCreateBuilder();
    if (!allResolved) {
      for (AlertEvent ev : events) {
        ServiceHealth.Points points = post.charts().get(ev.alert().ruleId());
        if (points != null && !points.isEmpty()) {
          Figure figure = Figure.byKey(ev.alert().ruleId());
          boolean percent = figure.unit() == Figure.Unit.PERCENT;
          String file = "alert-" + service + "-" + ev.alert().ruleId() + ".png";
          message.addFiles(
              FileUpload.fromData(
                  charts.alertChart(
                      figure.label(),
                      percent ? "%" : figure.unit() == Figure.Unit.MILLIS ? "ms" : "",
                      points,
                      percent ? v -> v * 100 : v -> v,
                      ev.alert().threshold()),
                  file));
          e.image("attachment://" + file);
          break;
        }
      }
    }
    message.setEmbeds(e.build());
    message.setComponents(rows);
    return message.build();
  }

  /**
   * An alert's text as the card shows it: another system's words (an intake alert's summary, its
   * policy's documentation) are quoted line by line, so their markdown, links and mentions show as
   * written; Lookout's own are shown as they are.
   */
  private static String text(Alert a, String text) {
    if (!dev.lookout.alerts.ExternalAlert.isExternal(a.ruleId())) {
      return text;
    }
    return String.join("\n", text.lines().map(UserText::quote).toList());
  }

  private static String title(Alert a) {
    return text(a, a.title());
  }

  private static String id(String action, Alert a) {
    return ComponentId.of(FEATURE, action, a.service(), a.ruleId(), occurrence(a.firingSince()))
        .encode();
  }

  /**
   * Which time an alert fired, as a control carries it: a button acts on that firing only, not on a
   * later one of the same rule.
   */
  public static String occurrence(Instant firingSince) {
    return firingSince == null ? "-" : Long.toString(firingSince.getEpochSecond(), 36);
  }

  /** How a step's person or role is named on the card (an embed never pings). */
  static String named(EscalationPolicy.Target t) {
    return switch (t.kind()) {
      case USER -> "<@" + t.value() + ">";
      case ROLE -> t.value().matches("\\d{15,21}") ? "<@&" + t.value() + ">" : "@" + t.value();
    };
  }

  /**
   * The message that takes an escalation step, in the alert's thread or beside its card.
   *
   * @param mention the person or role woken, as a mention, if there is one to wake
   */
  public static String escalation(
      Alert a, EscalationStep step, java.util.Optional<String> mention) {
    return Texts.content(
        "🚨 **Escalation, step "
            + step.number()
            + "**: "
            + mention.map(m -> m + ", ").orElse("nobody to wake at this step (")
            + (mention.isPresent() ? "" : step.note() + "); ")
            + "**"
            + a.service()
            + "** "
            + title(a)
            + " has fired since "
            + (a.firingSince() == null ? "?" : TIME.format(a.firingSince()))
            + " and nobody has acknowledged it"
            + (mention.isPresent() ? " (" + step.note() + ")" : "")
            + ". Acknowledge it on the card to stop further steps.");
  }

  /** The direct message to the person on call at an escalation's first step. */
  public static String escalationDirect(Alert a, EscalationStep step, String channelId) {
    return Texts.content(
        "🚨 You are on call ("
            + step.note()
            + "): **"
            + a.service()
            + "** "
            + title(a)
            + " has fired since "
            + (a.firingSince() == null ? "?" : TIME.format(a.firingSince()))
            + " and nobody has acknowledged it. Its card is in <#"
            + channelId
            + ">; acknowledge it there to stop further steps.");
  }

  /** Google has not answered for several ticks. */
  public static String degraded(String problem) {
    return Texts.content(
        "⚠️ **Monitoring degraded**: "
            + problem
            + ". Alerts are delayed until Google Cloud answers again.");
  }

  /** Google answers again. */
  public static String recovered() {
    return "✅ **Monitoring recovered**: Google Cloud answers again; alerts are up to date.";
  }

  /** A silence ran out while an alert it held still fires; its author and comment are quoted. */
  public static String silenceExpired(dev.lookout.outbox.OutboxMessage.SilenceExpired s) {
    return Texts.content(
        "🔔 Silence #"
            + s.silenceId()
            + " ("
            + s.matcher()
            + ", by "
            + UserText.quote(s.author())
            + ": "
            + UserText.quote(s.comment())
            + ") has expired; **"
            + s.service()
            + "** "
            + s.alertTitle()
            + " still fires.");
  }

  /** The short notice posted in the thread (or channel) when an alert resolves. */
  public static String resolvedNotice(Alert a, Instant now) {
    return "✅ **Resolved**: "
        + a.service()
        + " "
        + a.title()
        + (a.firingSince() == null
            ? ""
            : " after " + age(a.firingSince(), a.resolvedAt() == null ? now : a.resolvedAt()))
        + ". "
        + Texts.fit(a.detail(), 300);
  }

  static String age(Instant since, Instant now) {
    return Texts.span(Duration.between(since, now));
  }
}
