package dev.lookout.commands;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.discord.DrillTexts;
import dev.lookout.discord.SlashCommand;
import dev.lookout.discord.Texts;
import dev.lookout.discord.UserMistake;
import dev.lookout.knowledge.Durations;
import dev.lookout.operations.DrillKind;
import dev.lookout.operations.DrillLimits;
import dev.lookout.operations.DrillWorkflow;
import dev.lookout.operations.Drills;
import dev.lookout.operations.InvalidDrillException;
import dev.lookout.operations.LoadDrill;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * {@code /stress run|stop}: load drills against a service's load endpoints, bounded in time and
 * intensity, one per service at a time. With {@code expect} it is a fire drill: Lookout checks that
 * its own alert reached a subscribed channel.
 */
public final class StressCommand implements SlashCommand {
  private final DrillWorkflow drills;
  private final ServiceDirectory directory;
  private final String operatorRole;

  public StressCommand(DrillWorkflow drills, ServiceDirectory directory, String operatorRole) {
    this.drills = drills;
    this.directory = directory;
    this.operatorRole = operatorRole;
  }

  @Override
  public SlashCommandData definition() {
    OptionData kind = new OptionData(OptionType.STRING, "kind", "What to stress", true);
    for (DrillKind k : DrillKind.values()) {
      kind.addChoice(k.key() + " (" + k.intensityUnit() + ")", k.key());
    }
    return Commands.slash("stress", "Load drills against a service")
        .addSubcommands(
            new SubcommandData("run", "Start a load drill")
                .addOptions(
                    kind,
                    ServiceOption.of("The Cloud Run service", true),
                    new OptionData(
                            OptionType.STRING,
                            "duration",
                            "How long, such as 90s, 5m or 1h (at most "
                                + Durations.format(drills.limits().maxDuration())
                                + ")",
                            true)
                        .setMaxLength(12),
                    new OptionData(
                            OptionType.NUMBER,
                            "intensity",
                            "cpu/ram: percent; queue: requests; latency: slow requests")
                        .setRequiredRange(DrillWorkflow.MIN_INTENSITY, DrillKind.QUEUE.ceiling()),
                    new OptionData(
                            OptionType.STRING,
                            "expect",
                            "Fire drill: the alert that must reach a subscribed channel")
                        .addChoice("warn", "warn")
                        .addChoice("fatal", "fatal")),
            new SubcommandData("stop", "End a service's drill now")
                .addOptions(ServiceOption.of("The Cloud Run service", true)));
  }

  @Override
  public String help() {
    return "`/stress run kind service duration [intensity] [expect]` — a load drill (cpu, ram,"
        + " queue, latency); with expect it checks the alert arrives. `/stress stop service`.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    if (!Permissions.hasRole(event.getMember(), operatorRole)) {
      event
          .reply(Permissions.roleRefusal(operatorRole, "run load drills"))
          .setEphemeral(true)
          .queue();
      return;
    }
    String service = event.getOption("service", "", OptionMapping::getAsString).strip();
    Optional<List<String>> known = directory.cached();
    if (known.isPresent() && !known.get().contains(service)) {
      event
          .reply(
              "No drill: there is no service `"
                  + Texts.fit(service, 60)
                  + "`. Known services: "
                  + String.join(", ", known.get())
                  + ". Nothing was changed.")
          .setEphemeral(true)
          .queue();
      return;
    }
    String user = event.getUser().getName();
    if ("stop".equals(event.getSubcommandName())) {
      event.deferReply(true).queue();
      Optional<LoadDrill> stopped = drills.stop(service, user);
      event
          .getHook()
          .editOriginal(
              stopped
                  .map(d -> "Drill " + d.label() + " on " + service + " stopped.")
                  .orElse("No drill is running on " + service + ". Nothing was changed."))
          .queue();
      return;
    }
    Duration duration;
    DrillKind kind;
    Optional<AlertSeverity> expect;
    try {
      duration =
          Durations.parse(
              event.getOption("duration", "", OptionMapping::getAsString),
              DrillLimits.MIN_DURATION,
              drills.limits().maxDuration());
      kind = DrillKind.parse(event.getOption("kind", "", OptionMapping::getAsString));
      expect =
          Optional.ofNullable(event.getOption("expect", null, OptionMapping::getAsString))
              .map(AlertSeverity::parse);
    } catch (IllegalArgumentException e) {
      event
          .reply("No drill: " + e.getMessage() + ". Nothing was changed.")
          .setEphemeral(true)
          .queue();
      return;
    }
    Optional<Double> intensity;
    try {
      intensity =
          NumberOption.decimal(
              event, "intensity", DrillWorkflow.MIN_INTENSITY, DrillKind.QUEUE.ceiling());
    } catch (UserMistake e) {
      event
          .reply("No drill: " + e.getMessage() + " Nothing was changed.")
          .setEphemeral(true)
          .queue();
      return;
    }
    event.deferReply(true).queue();
    String answer;
    try {
      LoadDrill d =
          drills.start(
              event.getGuild() == null ? "" : event.getGuild().getId(),
              event.getChannel().getId(),
              service,
              kind,
              intensity,
              duration,
              expect,
              user);
      answer =
          "Drill "
              + d.label()
              + " started on "
              + service
              + ": "
              + kind.describe(d.intensity())
              + " for "
              + Durations.format(duration)
              + ". Its card is posted in this channel.";
    } catch (InvalidDrillException e) {
      answer = "No drill: " + DrillTexts.refusal(e.problem()) + ". Nothing was changed.";
    } catch (Drills.DrillRunningException e) {
      LoadDrill running = e.running();
      answer =
          "No drill: drill "
              + running.label()
              + " ("
              + running.kind().key()
              + ", started by "
              + running.startedBy()
              + ") is still running on "
              + service
              + ". One drill runs per service at a time; `/stress stop "
              + service
              + "` ends it.";
    }
    event.getHook().editOriginal(Texts.content(answer)).queue();
  }
}
