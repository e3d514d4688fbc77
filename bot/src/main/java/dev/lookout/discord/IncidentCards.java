package dev.lookout.discord;

import dev.lookout.alerts.IncidentTimeline;
import dev.lookout.alerts.IncidentTimeline.Entry;
import dev.lookout.health.HealthLevel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Renders an incident's timeline (every event in order, with its time and its offset from the
 * firing) and the Markdown postmortem draft attached to it. Members' words (names, silence
 * comments, what they typed into proposals) are quoted; Lookout's own are shown as they are.
 */
public final class IncidentCards {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SHORT =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  private IncidentCards() {}

  public static MessageCreateData timeline(IncidentTimeline t, Instant now) {
    Card card =
        new Card()
            .color(
                StatusCards.color(
                    t.resolvedAt().isPresent()
                        ? HealthLevel.OK
                        : t.severity() == dev.lookout.alerts.AlertSeverity.FATAL
                            ? HealthLevel.FATAL
                            : HealthLevel.WARN))
            .title(Texts.fit("🧭 Timeline: " + t.service() + " " + title(t), 256));
    StringBuilder b = new StringBuilder();
    b.append(summary(t, now)).append("\n\n");
    int shown = 0;
    for (Entry e : t.entries()) {
      String line =
          "`"
              + SHORT.format(e.at())
              + "` (+"
              + Texts.span(Duration.between(t.firedAt(), e.at()))
              + ") **"
              + e.kind().name().toLowerCase(java.util.Locale.ROOT)
              + "** "
              + text(e)
              + e.actor().map(a -> " — " + UserText.quote(a)).orElse("")
              + "\n";
      if (b.length() + line.length() > 3_800) {
        b.append("… ").append(t.entries().size() - shown).append(" more in the postmortem draft");
        break;
      }
      b.append(line);
      shown++;
    }
    card.description(b.toString().strip());
    card.footer("Postmortem draft attached: finish it with the team. Incident " + t.incident());
    return new MessageCreateBuilder()
        .setEmbeds(card.build())
        .addFiles(
            FileUpload.fromData(
                postmortem(t, now).getBytes(StandardCharsets.UTF_8),
                "postmortem-" + t.service() + "-" + t.firedAt().getEpochSecond() + ".md"))
        .build();
  }

  private static String title(IncidentTimeline t) {
    return dev.lookout.alerts.ExternalAlert.isExternal(
            t.incident().substring(t.incident().indexOf('/') + 1))
        ? UserText.quote(t.title())
        : t.title();
  }

  /** Lookout's own words as they are; a member's or another system's quoted. */
  private static String text(Entry e) {
    String text =
        switch (e.kind()) {
          case FIRED, ESCALATED, ACKNOWLEDGED, RESOLVED -> e.text();
          default -> UserText.quote(e.text());
        };
    return woke(e, text);
  }

  /** "escalation step 1 to @someone (note)": whom the step woke, or nobody. */
  private static String woke(Entry e, String text) {
    if (e.kind() != IncidentTimeline.Kind.ESCALATED || !e.text().startsWith("escalation step")) {
      return text;
    }
    int paren = text.indexOf(" (");
    String who = e.woke().map(AlertCards::named).orElse("nobody");
    return paren < 0
        ? text + " to " + who
        : text.substring(0, paren) + " to " + who + text.substring(paren);
  }

  private static String summary(IncidentTimeline t, Instant now) {
    return "Fired "
        + TIME.format(t.firedAt())
        + " ("
        + t.severity().id()
        + ")"
        + t.timeToAcknowledge()
            .map(
                d ->
                    " · acknowledged after "
                        + Texts.span(d)
                        + t.acknowledgedBy().map(a -> " by " + UserText.quote(a)).orElse(""))
            .orElse(" · not acknowledged")
        + t.timeToResolve()
            .map(d -> " · resolved after " + Texts.span(d))
            .orElse(" · still firing (" + Texts.span(Duration.between(t.firedAt(), now)) + ")");
  }

  /** The Markdown postmortem draft: what is known, and headings for what the team adds. */
  public static String postmortem(IncidentTimeline t, Instant now) {
    StringBuilder md = new StringBuilder();
    md.append("# Postmortem (draft): ")
        .append(t.service())
        .append(" — ")
        .append(t.title())
        .append("\n\n## Summary\n\n")
        .append(t.severity().id())
        .append(" alert `")
        .append(t.incident())
        .append("` on ")
        .append(t.service())
        .append(", fired ")
        .append(TIME.format(t.firedAt()))
        .append(t.resolvedAt().map(r -> ", resolved " + TIME.format(r)).orElse(", still firing"))
        .append(".\n\n_What happened, in two sentences: (to write)_\n\n## Impact\n\n")
        .append("- Window: ")
        .append(TIME.format(t.firedAt()))
        .append(" → ")
        .append(t.resolvedAt().map(TIME::format).orElse("ongoing at " + TIME.format(now)))
        .append("\n- Time to acknowledge: ")
        .append(t.timeToAcknowledge().map(Texts::span).orElse("not acknowledged"))
        .append(t.acknowledgedBy().map(a -> " (" + a + ")").orElse(""))
        .append("\n- Time to resolve: ")
        .append(t.timeToResolve().map(Texts::span).orElse("not resolved"))
        .append("\n- Who and what was affected: (to write)\n\n## Timeline (UTC)\n\n")
        .append("| time | since firing | event | by | what |\n|---|---|---|---|---|\n");
    for (Entry e : t.entries()) {
      md.append("| ")
          .append(TIME.format(e.at()))
          .append(" | +")
          .append(Texts.span(Duration.between(t.firedAt(), e.at())))
          .append(" | ")
          .append(e.kind().name().toLowerCase(java.util.Locale.ROOT))
          .append(" | ")
          .append(cell(e.actor().orElse("")))
          .append(" | ")
          .append(cell(woke(e, e.text())))
          .append(" |\n");
    }
    md.append("\n## Evidence\n\n");
    if (t.evidence().isEmpty()) {
      md.append("_No log lines were cited: press Explain on the alert to gather some._\n");
    } else {
      t.evidence().forEach(line -> md.append("    ").append(line).append('\n'));
    }
    md.append(
        "\n## Root cause\n\n_(to write)_\n\n## What went well, what did not\n\n_(to write)_\n\n"
            + "## Action items\n\n- [ ] (to write)\n");
    return md.toString();
  }

  /** A table cell: one line, no column breaks. */
  private static String cell(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s+", " ").strip();
  }
}
