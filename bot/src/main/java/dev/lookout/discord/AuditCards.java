package dev.lookout.discord;

import dev.lookout.operations.AuditEntry;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/** Renders the audit trail as a compact list, newest first. */
public final class AuditCards {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  public MessageCreateData audit(List<AuditEntry> entries, Optional<String> service) {
    StringBuilder b = new StringBuilder();
    for (AuditEntry e : entries) {
      String line =
          "`"
              + TIME.format(e.at())
              + "` **"
              + e.action()
              + "** "
              + e.subject()
              + " · "
              + e.service()
              + " · "
              + UserText.quote(e.actor())
              + (e.detail().isBlank() ? "" : " — " + Texts.fit(UserText.quote(e.detail()), 160))
              + "\n";
      if (b.length() + line.length() > Card.DESCRIPTION - 40) {
        b.append("… older entries left out");
        break;
      }
      b.append(line);
    }
    if (entries.isEmpty()) {
      b.append("Nothing recorded yet").append(service.map(s -> " for " + s).orElse("")).append('.');
    }
    return new MessageCreateBuilder()
        .setEmbeds(
            new Card()
                .title("🧾 Audit trail" + service.map(s -> " · " + s).orElse(""))
                .description(b.toString())
                .footer("Times in UTC · newest first · entries are never edited or removed")
                .build())
        .build();
  }
}
