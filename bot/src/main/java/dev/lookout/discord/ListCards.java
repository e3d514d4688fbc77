package dev.lookout.discord;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.Silence;
import dev.lookout.alerts.Subscription;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.MessageEmbed;

/** Renders the private lists: firing alerts, silences, subscriptions, and the help. */
public final class ListCards {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private ListCards() {}

  /** An alert firing now, and the link to the message in this channel that told of it, if any. */
  public record FiringAlert(Alert alert, Optional<String> messageUrl) {}

  public static MessageEmbed firing(List<FiringAlert> firing) {
    List<String> lines = new ArrayList<>();
    for (FiringAlert f : firing) {
      Alert a = f.alert();
      lines.add(
          (a.severity() == AlertSeverity.FATAL ? "🔴" : "🟡")
              + " **"
              + a.service()
              + "** "
              + a.title()
              + " — "
              + a.detail()
              + (a.acknowledgedBy() == null
                  ? ""
                  : " · acknowledged by " + UserText.quote(a.acknowledgedBy()))
              + f.messageUrl().map(url -> " · [message](" + url + ")").orElse(""));
    }
    return list("Firing alerts — " + lines.size(), lines, "Nothing is firing.");
  }

  public static MessageEmbed silences(List<Silence> silences) {
    List<String> lines = new ArrayList<>();
    for (Silence s : silences) {
      lines.add(
          "**#"
              + s.id()
              + "** "
              + s.matcher()
              + " until "
              + TIME.format(s.expiresAt())
              + " — "
              + UserText.quote(s.author())
              + ": "
              + UserText.quote(s.comment()));
    }
    return list("Silences in force", lines, "None.");
  }

  public static MessageEmbed subscriptions(List<Subscription> subscriptions) {
    List<String> lines = new ArrayList<>();
    for (Subscription s : subscriptions) {
      lines.add(
          "<#"
              + s.channelId()
              + ">: "
              + s.minSeverity().id()
              + " and worse, "
              + (s.services().isEmpty() ? "every service" : String.join(", ", s.services()))
              + (s.brokenSince() == null ? "" : " — ⚠️ paused: the bot cannot post there"));
    }
    return list("Alert subscriptions", lines, "No channel receives alerts. Use /subscribe in one.");
  }

  /** Every command's help line, in one embed. */
  public static MessageEmbed help(List<String> helpLines) {
    return new Card()
        .title("Lookout — commands")
        .color(0x3498DB)
        .description(String.join("\n\n", helpLines))
        .footer("Lookout watches Cloud Run services. Bad input is answered and changes nothing.")
        .build();
  }

  private static MessageEmbed list(String title, List<String> lines, String empty) {
    return new Card()
        .title(title)
        .description(lines.isEmpty() ? empty : String.join("\n", lines))
        .build();
  }
}
