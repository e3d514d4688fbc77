package dev.lookout.commands;

import dev.lookout.discord.IncidentCards;
import dev.lookout.discord.SlashCommand;
import dev.lookout.knowledge.Inputs;
import dev.lookout.store.IncidentRecords;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * {@code /incident timeline}: an incident's timeline and a postmortem draft, for the alert whose
 * thread it is run in, or the alert named by its fingerprint ({@code service/rule}, as the card's
 * footer shows it).
 */
public final class IncidentCommand implements SlashCommand {
  private static final Pattern FINGERPRINT =
      Pattern.compile("([a-z0-9][a-z0-9-]{0,62})/([a-z0-9_-]{1,64})(/(warn|fatal))?");

  private final IncidentRecords records;
  private final Clock clock;

  public IncidentCommand(IncidentRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("incident", "An incident's timeline and postmortem draft")
        .addSubcommands(
            new SubcommandData(
                    "timeline", "Every event of an alert in order, with a postmortem draft")
                .addOptions(
                    new OptionData(
                            OptionType.STRING,
                            "alert",
                            "service/rule as on the card's footer (default: this thread's alert)",
                            false)
                        .setMaxLength(140)));
  }

  @Override
  public String help() {
    return "`/incident timeline [alert:service/rule]` — an alert's timeline (fired, escalated,"
        + " acknowledged, silenced, proposals, drills, explanations, resolved) and a Markdown"
        + " postmortem draft; run it in the alert's thread to skip the option.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    String named = event.getOption("alert", null, OptionMapping::getAsString);
    Optional<String> incident;
    if (named != null) {
      var m = FINGERPRINT.matcher(named.strip());
      if (!m.matches()) {
        event
            .reply(
                Inputs.echo(named)
                    + " is not an alert; name it as service/rule, as the alert card's footer"
                    + " shows it (checkout-api/cpu).")
            .setEphemeral(true)
            .queue();
        return;
      }
      incident = Optional.of(m.group(1) + "/" + m.group(2));
    } else {
      incident = records.incidentOfThread(event.getChannel().getId());
      if (incident.isEmpty()) {
        event
            .reply(
                "This is not an alert's thread. Run it in one, or name the alert:"
                    + " `/incident timeline alert:service/rule`.")
            .setEphemeral(true)
            .queue();
        return;
      }
    }
    var timeline = records.latest(incident.get(), clock.instant());
    if (timeline.isEmpty()) {
      event
          .reply("No alert " + Inputs.echo(incident.get()) + " has fired. Nothing to show.")
          .setEphemeral(true)
          .queue();
      return;
    }
    event.reply(IncidentCards.timeline(timeline.get(), clock.instant())).queue();
  }
}
