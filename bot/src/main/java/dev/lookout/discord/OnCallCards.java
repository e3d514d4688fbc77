package dev.lookout.discord;

import dev.lookout.alerts.OnCallSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders on-call schedules: who is on call and until when, the shifts ahead, and the handoff
 * notice. People are shown as mentions, which name them without pinging (the bot's messages allow
 * no mentions unless one is meant to wake someone).
 */
public final class OnCallCards {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private OnCallCards() {}

  public static String mention(String userId) {
    return "<@" + userId + ">";
  }

  /** A moment in the schedule's time zone, with the zone's short name. */
  public static String at(Instant t, ZoneId zone) {
    var z = t.atZone(zone);
    return WHEN.format(z)
        + " "
        + z.getZone().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
  }

  /** How a schedule hands off: "daily at 09:00 Europe/Berlin", "weekly on Monday at 09:00 UTC". */
  public static String rotation(OnCallSchedule s) {
    return (s.rotation() == OnCallSchedule.Rotation.DAILY
            ? "daily"
            : "weekly on "
                + s.handoffDay().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH))
        + " at "
        + s.handoff()
        + " "
        + s.zone().getId();
  }

  /** Who is on call now on one schedule, until when, and who is next. */
  public static String who(OnCallSchedule s, Instant now) {
    OnCallSchedule.Shift shift = s.at(now);
    OnCallSchedule.Shift next = s.at(shift.until());
    return Texts.content(
        "📟 **"
            + s.name()
            + "** ("
            + rotation(s)
            + "): "
            + mention(shift.userId())
            + " is on call until "
            + at(shift.until(), s.zone())
            + shift.override().map(o -> " (covering, override #" + o.id() + ")").orElse("")
            + ", then "
            + mention(next.userId())
            + ".");
  }

  /** The shifts of a schedule from now on, one line each, overrides marked. */
  public static String schedule(OnCallSchedule s, Instant now, Duration span) {
    StringBuilder b =
        new StringBuilder("📅 **")
            .append(s.name())
            .append("** (")
            .append(rotation(s))
            .append("; rotation: ")
            .append(String.join(" → ", s.members().stream().map(OnCallCards::mention).toList()))
            .append(s.role().map(r -> "; team role <@&" + r + ">").orElse(""))
            .append(")\n");
    List<OnCallSchedule.Shift> shifts = s.shifts(now, span);
    int shown = 0;
    for (OnCallSchedule.Shift shift : shifts) {
      String line =
          "• "
              + at(shift.from(), s.zone())
              + " → "
              + at(shift.until(), s.zone())
              + ": "
              + mention(shift.userId())
              + shift.override().map(o -> " (override #" + o.id() + ")").orElse("")
              + "\n";
      if (b.length() + line.length() > 1_900) {
        b.append("… and ").append(shifts.size() - shown).append(" more shifts\n");
        break;
      }
      b.append(line);
      shown++;
    }
    List<OnCallSchedule.Override> ahead =
        s.overrides().stream().filter(o -> o.until().isAfter(now)).toList();
    if (!ahead.isEmpty() && b.length() < 1_800) {
      b.append("Overrides: ");
      b.append(
          String.join(
              ", ",
              ahead.stream()
                  .map(
                      o ->
                          "#"
                              + o.id()
                              + " "
                              + mention(o.userId())
                              + " "
                              + at(o.from(), s.zone())
                              + " → "
                              + at(o.until(), s.zone()))
                  .toList()));
    }
    return Texts.content(b.toString().strip());
  }

  /** The notice in the schedule's channel when the person on call changes. */
  public static String handoff(
      String schedule, String from, String to, Instant until, ZoneId zone, boolean override) {
    return Texts.content(
        "🔁 **On-call handoff, "
            + schedule
            + "**: "
            + (from == null ? "" : mention(from) + " → ")
            + mention(to)
            + (override ? " (covering)" : "")
            + " is on call until "
            + at(until, zone)
            + ".");
  }
}
