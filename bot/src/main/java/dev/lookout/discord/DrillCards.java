package dev.lookout.discord;

import dev.lookout.operations.DrillStatus;
import dev.lookout.operations.LoadDrill;
import java.awt.Color;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/** Renders a load drill's card: what runs, who started it, until when, and how it ended. */
public final class DrillCards {
  public static final String FEATURE = "drill";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  public static String stopId(long id, String token) {
    return ComponentId.of(FEATURE, "stop", String.valueOf(id), ComponentId.token(token)).encode();
  }

  public MessageCreateData card(LoadDrill d) {
    boolean running = d.status() == DrillStatus.RUNNING;
    String verdict = d.verdict().orElse("");
    Color color =
        running
            ? new Color(0xE67E22)
            : verdict.equals("fail") || d.status() == DrillStatus.FAILED
                ? new Color(0xE74C3C)
                : verdict.equals("pass") ? new Color(0x2ECC71) : new Color(0x95A5A6);
    String title =
        (running ? "🏋️ " : verdict.equals("pass") ? "✅ " : verdict.equals("fail") ? "❌ " : "🏁 ")
            + (d.expect().isPresent() ? "Fire drill " : "Load drill ")
            + d.label()
            + " · "
            + d.service()
            + " · "
            + d.kind().key()
            + (running ? " — running" : " — " + d.status().key());
    Card e = new Card().color(color).title(title);
    StringBuilder b = new StringBuilder();
    b.append("**")
        .append(d.kind().describe(d.intensity()))
        .append("** on ")
        .append(d.service())
        .append(", started by ")
        .append(d.startedBy())
        .append(" at ")
        .append(TIME.format(d.startedAt()))
        .append(running ? ", runs until " : ", planned until ")
        .append(TIME.format(d.endsAt()))
        .append('.');
    d.expect()
        .ifPresent(
            x ->
                b.append("\nExpecting a **")
                    .append(x.id())
                    .append("** alert about ")
                    .append(d.service())
                    .append(" in a subscribed channel while it runs."));
    e.description(b.toString());
    if (!verdict.isEmpty()) {
      e.field(
          "Fire drill: " + (verdict.equals("pass") ? "PASS" : "FAIL"),
          d.detail().orElse(""),
          false);
    } else if (d.detail().isPresent()) {
      e.field("Note", d.detail().get(), false);
    }
    if (!running) {
      e.field(
          "Peak figures seen", d.peak().orElse("no monitoring data for the drill's window"), false);
    }
    e.timestamp(d.startedAt());
    MessageCreateBuilder m = new MessageCreateBuilder().setEmbeds(e.build());
    m.setComponents(
        ActionRow.of(
            Button.danger(stopId(d.id(), d.token()), "Stop drill").withDisabled(!running)));
    return m.build();
  }
}
