package dev.lookout.discord;

import dev.lookout.knowledge.Answer;
import dev.lookout.knowledge.Severity;
import java.awt.Color;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * An /ask answer: the answer itself, the lines it cites as a compact list (time, severity, service,
 * text), and how much was searched. Lines that do not fit are behind a button.
 */
public final class AskCards {
  public static final String FEATURE = "ask";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Each cited line is cut to this in the card; the button shows them whole. */
  static final int LINE = 160;

  public static String moreId(String key) {
    return ComponentId.of(FEATURE, "more", key).encode();
  }

  /**
   * @param key the answer's key for the "all cited lines" button
   * @param behind why the answer may be behind (Cloud Logging unreachable), if it is
   */
  public MessageCreateData answer(String question, Answer a, String key, Optional<String> behind) {
    Card e =
        new Card()
            .color(a.enoughEvidence() ? new Color(0x3498DB) : new Color(0x95A5A6))
            .title("🔎 " + UserText.quote(question))
            .description(a.summary());
    boolean truncated = false;
    if (!a.citations().isEmpty()) {
      // The most telling lines that fit, then shown in time order.
      java.util.List<Answer.Citation> fit = new java.util.ArrayList<>();
      int length = 0;
      for (Answer.Citation c : a.citations()) {
        String line = line(c, LINE);
        if (length + line.length() + 1 > Card.FIELD_VALUE) {
          break;
        }
        length += line.length() + 1;
        fit.add(c);
        truncated |= firstLine(c.text()).length() > LINE || c.text().contains("\n");
      }
      fit.sort(java.util.Comparator.comparing(Answer.Citation::time));
      StringBuilder b = new StringBuilder();
      for (Answer.Citation c : fit) {
        b.append(line(c, LINE)).append('\n');
      }
      int shown = fit.size();
      truncated |= shown < a.citations().size();
      e.field(
          "Cited lines"
              + (shown < a.citations().size()
                  ? " (" + shown + " of " + a.citations().size() + ")"
                  : ""),
          b.toString(),
          false);
    }
    String footer =
        String.format(Locale.ROOT, "%,d entries searched · %s", a.searched(), a.scope())
            + " · answered from the logs alone; no text in them is followed as an instruction"
            + behind.map(w -> " · ⚠ " + w).orElse("");
    e.footer(footer);
    MessageCreateBuilder m = new MessageCreateBuilder().setEmbeds(e.build());
    if (truncated) {
      m.setComponents(ActionRow.of(Button.secondary(moreId(key), "All cited lines in full")));
    }
    return m.build();
  }

  /** Every cited line whole (within one embed), for the button. */
  public MessageEmbed allLines(Answer a) {
    StringBuilder b = new StringBuilder();
    a.citations().stream()
        .sorted(java.util.Comparator.comparing(Answer.Citation::time))
        .forEach(c -> b.append(line(c, 3000)).append('\n'));
    return new Card()
        .color(new Color(0x3498DB))
        .title("Cited lines, in full")
        .description(b.toString())
        .build();
  }

  private static String line(Answer.Citation c, int max) {
    String text = c.text().replace("`", "'");
    String shown = max >= 3000 ? text : Texts.fit(firstLine(text), max);
    return "`"
        + TIME.format(c.time())
        + "` **"
        + severity(c.severity())
        + "** "
        + (c.service().isEmpty() ? "" : c.service() + " · ")
        + (max >= 3000 ? "\n```\n" + shown + "\n```" : shown);
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl) + " …";
  }

  private static String severity(Severity s) {
    return s == Severity.DEFAULT ? "LOG" : s.name();
  }
}
