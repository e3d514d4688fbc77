package dev.lookout.commands;

import dev.lookout.discord.SlashCommand;
import dev.lookout.reports.QuietHours;
import dev.lookout.reports.TimesOfDay;
import dev.lookout.reports.Zones;
import dev.lookout.store.DigestStore;
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
 * {@code /quiet set from:HH:MM to:HH:MM tz:Area/City} and {@code /quiet off}: this channel's quiet
 * hours, when warn alerts are held and summarized once they end; fatal ones always go through.
 */
public final class QuietCommand implements SlashCommand {
  private final DigestStore digests;
  private final String operatorRole;

  public QuietCommand(DigestStore digests, String operatorRole) {
    this.digests = digests;
    this.operatorRole = operatorRole;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("quiet", "Quiet hours: hold warn alerts, let fatal ones through")
        .addSubcommands(
            new SubcommandData("set", "Hold warn alerts in this channel between two times")
                .addOptions(
                    new OptionData(OptionType.STRING, "from", "Start, as 22:00", true)
                        .setMaxLength(5),
                    new OptionData(OptionType.STRING, "to", "End, as 07:00", true).setMaxLength(5),
                    new OptionData(
                            OptionType.STRING, "tz", "Time zone, such as Europe/Berlin", true)
                        .setMaxLength(64)),
            new SubcommandData("off", "End this channel's quiet hours"));
  }

  @Override
  public String help() {
    return "`/quiet set from:HH:MM to:HH:MM tz:Area/City`, `/quiet off` — hold warn alerts in this"
        + " channel during quiet hours and summarize them after; fatal alerts always go through.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    if (!Permissions.mayManageAlerts(event.getMember(), operatorRole)) {
      event.reply(Permissions.refusal(operatorRole)).setEphemeral(true).queue();
      return;
    }
    String channel = event.getChannel().getId();
    if ("off".equals(event.getSubcommandName())) {
      boolean had = digests.unquiet(channel);
      event
          .reply(
              had
                  ? "Quiet hours ended: warn alerts are posted as they fire. Anything held is"
                      + " summarized within a minute."
                  : "This channel has no quiet hours. Nothing was changed.")
          .setEphemeral(!had)
          .queue();
      return;
    }
    LocalTime from;
    LocalTime to;
    try {
      from = TimesOfDay.parse(event.getOption("from", "", OptionMapping::getAsString));
      to = TimesOfDay.parse(event.getOption("to", "", OptionMapping::getAsString));
    } catch (IllegalArgumentException e) {
      refuse(event, e.getMessage() + ". Nothing was changed.");
      return;
    }
    if (from.equals(to)) {
      refuse(
          event,
          "Quiet hours must start and end at different times; use /quiet off to end them. Nothing"
              + " was changed.");
      return;
    }
    String tz = event.getOption("tz", "", OptionMapping::getAsString);
    Optional<ZoneId> zone = Zones.parse(tz);
    if (zone.isEmpty()) {
      refuse(event, Zones.refusal(tz));
      return;
    }
    QuietHours q = new QuietHours(channel, from, to, zone.get(), event.getUser().getName());
    digests.quiet(q);
    event
        .reply(
            "🌙 Quiet hours set: "
                + q.describe()
                + ". Warn alerts are held then and summarized when they end; fatal alerts still"
                + " come through.")
        .queue();
  }

  private static void refuse(SlashCommandInteractionEvent event, String why) {
    event.reply(why).setEphemeral(true).queue();
  }
}
