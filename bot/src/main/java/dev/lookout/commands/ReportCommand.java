package dev.lookout.commands;

import dev.lookout.discord.ReportCards;
import dev.lookout.discord.SlashCommand;
import dev.lookout.discord.Texts;
import dev.lookout.reports.Dates;
import dev.lookout.reports.ReportPeriod;
import dev.lookout.reports.ReportWindow;
import dev.lookout.reports.UsageReport;
import dev.lookout.reports.UsageReports;
import dev.lookout.reports.UsageSource;
import dev.lookout.reports.Zones;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * {@code /report [period] [service] [date] [tz]}: usage, cost and energy for the last complete day,
 * week or month (or the one containing {@code date}), per service or for one, against the period
 * before.
 */
public final class ReportCommand implements SlashCommand {
  private final UsageReports reports;
  private final ServiceDirectory directory;
  private final ReportCards cards;
  private final Clock clock;

  public ReportCommand(
      UsageReports reports, ServiceDirectory directory, ReportCards cards, Clock clock) {
    this.reports = reports;
    this.directory = directory;
    this.cards = cards;
    this.clock = clock;
  }

  @Override
  public SlashCommandData definition() {
    OptionData period =
        new OptionData(OptionType.STRING, "period", "day, week or month (default day)");
    for (ReportPeriod p : ReportPeriod.values()) {
      period.addChoice(p.id(), p.id());
    }
    return Commands.slash("report", "Usage, cost and energy per service, against the period before")
        .addOptions(
            period,
            ServiceOption.of("Only this service", false),
            new OptionData(
                    OptionType.STRING,
                    "date",
                    "A day in the period, as 2026-11-21 (default: the last complete period)")
                .setMaxLength(10),
            new OptionData(OptionType.STRING, "tz", "Time zone of the days, such as Europe/Berlin")
                .setMaxLength(64));
  }

  @Override
  public String help() {
    return "`/report [period:day|week|month] [service] [date] [tz]` — usage, cost and energy per"
        + " service (or one), sorted by cost, against the period before, with a chart.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    Instant now = clock.instant();
    String periodText = event.getOption("period", "day", OptionMapping::getAsString);
    Optional<ReportPeriod> period = ReportPeriod.parse(periodText);
    if (period.isEmpty()) {
      refuse(
          event,
          dev.lookout.knowledge.Inputs.echo(periodText)
              + " is not a period; use day, week or month.");
      return;
    }
    Optional<String> service =
        Optional.ofNullable(event.getOption("service", null, OptionMapping::getAsString))
            .map(String::strip);
    Optional<String> unknown = service.flatMap(directory::unknown);
    if (unknown.isPresent()) {
      refuse(event, unknown.get());
      return;
    }
    ZoneId zone = reports.settings().zone();
    String tz = event.getOption("tz", null, OptionMapping::getAsString);
    if (tz != null) {
      Optional<ZoneId> parsed = Zones.parse(tz);
      if (parsed.isEmpty()) {
        refuse(event, Zones.refusal(tz).replace(" Nothing was changed.", ""));
        return;
      }
      zone = parsed.get();
    }
    ReportWindow window;
    String date = event.getOption("date", null, OptionMapping::getAsString);
    if (date == null) {
      window = ReportWindow.lastComplete(period.get(), now, zone);
    } else {
      try {
        window = ReportWindow.containing(period.get(), Dates.parse(date), zone);
      } catch (IllegalArgumentException e) {
        refuse(event, e.getMessage() + ".");
        return;
      }
    }
    Instant oldest = reports.oldestReportable(now);
    if (window.start().isBefore(oldest)) {
      refuse(
          event,
          "The "
              + period.get().id()
              + " of "
              + window.label()
              + " is outside the report retention: Lookout keeps usage for "
              + reports.settings().retention().toDays()
              + " days, so reports start from "
              + Texts.utc(oldest)
              + ".");
      return;
    }
    if (!window.start().isBefore(now)) {
      refuse(
          event,
          "The "
              + period.get().id()
              + " of "
              + window.label()
              + " has not started yet; pick a date up to today.");
      return;
    }
    event.deferReply().queue();
    UsageReport report;
    try {
      report = reports.build(window, service, now);
    } catch (UsageSource.UnavailableException e) {
      event
          .getHook()
          .editOriginal(
              "Cloud Monitoring did not answer, so the usage for "
                  + window.label()
                  + " could not be read. Try again in a minute.")
          .queue();
      return;
    }
    event.getHook().editOriginal(MessageEditData.fromCreateData(cards.report(report))).queue();
  }

  private static void refuse(SlashCommandInteractionEvent event, String why) {
    event.reply(why).setEphemeral(true).queue();
  }
}
