package dev.lookout.commands;

import dev.lookout.discord.SlashCommand;
import dev.lookout.discord.Texts;
import dev.lookout.reports.DigestSchedule;
import dev.lookout.reports.TimesOfDay;
import dev.lookout.reports.Zones;
import dev.lookout.store.DigestStore;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * {@code /digest set schedule:daily|weekly time:HH:MM tz:Area/City [day]}, {@code /digest off} and
 * {@code /digest show}: this channel's scheduled report with what needs attention. Changing it
 * needs Manage Channels or the operator role.
 */
public final class DigestCommand implements SlashCommand {

  private final DigestStore digests;
  private final String operatorRole;
  private final Clock clock;

  public DigestCommand(DigestStore digests, String operatorRole, Clock clock) {
    this.digests = digests;
    this.operatorRole = operatorRole;
    this.clock = clock;
  }

  @Override
  public SlashCommandData definition() {
    OptionData schedule =
        new OptionData(OptionType.STRING, "schedule", "daily or weekly", true)
            .addChoice("daily", "daily")
            .addChoice("weekly", "weekly");
    OptionData day = new OptionData(OptionType.STRING, "day", "Weekday of a weekly digest");
    for (DayOfWeek d : DayOfWeek.values()) {
      String name = d.name().toLowerCase(java.util.Locale.ROOT);
      day.addChoice(name, name);
    }
    return Commands.slash("digest", "A scheduled usage report with what needs attention")
        .addSubcommands(
            new SubcommandData("set", "Post a digest in this channel every day or week")
                .addOptions(
                    schedule,
                    new OptionData(OptionType.STRING, "time", "Local time, as 09:00", true)
                        .setMaxLength(5),
                    new OptionData(
                            OptionType.STRING, "tz", "Time zone, such as Europe/Berlin", true)
                        .setMaxLength(64),
                    day),
            new SubcommandData("off", "Stop this channel's digest"),
            new SubcommandData("show", "This channel's digest and quiet hours"));
  }

  @Override
  public String help() {
    return "`/digest set schedule:daily|weekly time:HH:MM tz:Area/City [day]`, `/digest off`,"
        + " `/digest show` — a scheduled report for this channel with what needs attention.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    String channel = event.getChannel().getId();
    String sub = event.getSubcommandName() == null ? "show" : event.getSubcommandName();
    if (sub.equals("show")) {
      event.reply(show(channel)).setEphemeral(true).queue();
      return;
    }
    if (!Permissions.mayManageAlerts(event.getMember(), operatorRole)) {
      event.reply(Permissions.refusal(operatorRole)).setEphemeral(true).queue();
      return;
    }
    if (sub.equals("off")) {
      boolean had = digests.unschedule(channel);
      event
          .reply(
              had
                  ? "Digest removed: this channel gets no more digests."
                  : "This channel has no digest. Nothing was changed.")
          .setEphemeral(!had)
          .queue();
      return;
    }
    String cadenceText = event.getOption("schedule", "", OptionMapping::getAsString);
    DigestSchedule.Cadence cadence;
    try {
      cadence =
          DigestSchedule.Cadence.valueOf(cadenceText.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      refuse(
          event,
          dev.lookout.knowledge.Inputs.echo(cadenceText)
              + " is not a schedule; use daily or weekly.");
      return;
    }
    LocalTime time;
    try {
      time = TimesOfDay.parse(event.getOption("time", "", OptionMapping::getAsString));
    } catch (IllegalArgumentException e) {
      refuse(event, e.getMessage() + ".");
      return;
    }
    String tz = event.getOption("tz", "", OptionMapping::getAsString);
    Optional<ZoneId> zone = Zones.parse(tz);
    if (zone.isEmpty()) {
      refuse(event, Zones.refusal(tz));
      return;
    }
    String dayText = event.getOption("day", null, OptionMapping::getAsString);
    DayOfWeek day = DigestSchedule.defaultWeekday();
    if (dayText != null) {
      if (cadence == DigestSchedule.Cadence.DAILY) {
        refuse(event, "`day` is only for weekly digests; a daily one comes every day.");
        return;
      }
      try {
        day = DigestSchedule.weekdayOf(dayText);
      } catch (IllegalArgumentException e) {
        refuse(
            event,
            dev.lookout.knowledge.Inputs.echo(dayText)
                + " is not a weekday; use monday to sunday.");
        return;
      }
    }
    DigestSchedule schedule =
        new DigestSchedule(
            channel,
            event.getGuild() == null ? "" : event.getGuild().getId(),
            cadence,
            time,
            cadence == DigestSchedule.Cadence.WEEKLY ? day : null,
            zone.get(),
            clock.instant(),
            event.getUser().getName());
    digests.schedule(schedule);
    event
        .reply(
            "🗞️ Digest set: "
                + schedule.describe()
                + ". The next one is due "
                + Texts.utc(schedule.next(clock.instant()))
                + ".")
        .queue();
  }

  private String show(String channel) {
    StringBuilder b = new StringBuilder();
    Optional<DigestSchedule> s = digests.schedule(channel);
    if (s.isPresent()) {
      b.append("🗞️ Digest ")
          .append(s.get().describe())
          .append(", set by ")
          .append(s.get().createdBy())
          .append(". Next due ")
          .append(Texts.utc(s.get().next(clock.instant())))
          .append(".\n");
    } else {
      b.append("This channel has no digest; `/digest set` adds one.\n");
    }
    digests
        .quietHours(channel)
        .ifPresentOrElse(
            q ->
                b.append("🌙 Quiet hours ")
                    .append(q.describe())
                    .append(": warn alerts are held and summarized when they end.")
                    .append(q.isQuietAt(clock.instant()) ? " Quiet now." : ""),
            () -> b.append("No quiet hours; `/quiet set` adds them."));
    return b.toString();
  }

  private static void refuse(SlashCommandInteractionEvent event, String why) {
    event
        .reply(why.endsWith("Nothing was changed.") ? why : why + " Nothing was changed.")
        .setEphemeral(true)
        .queue();
  }
}
