package dev.lookout.commands;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.Silence;
import dev.lookout.discord.ListCards;
import dev.lookout.discord.SlashCommand;
import dev.lookout.discord.Texts;
import dev.lookout.discord.UserText;
import dev.lookout.knowledge.Durations;
import dev.lookout.store.SilenceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** {@code /silence add|list|remove}: quiet matching alerts for a while, with a reason. */
public final class SilenceCommand implements SlashCommand {
  /** The longest comment, counted as Discord counts (UTF-16 units). */
  static final int MAX_COMMENT = 300;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final SilenceStore silences;
  private final ServiceDirectory directory;
  private final String operatorRole;
  private final Clock clock;

  public SilenceCommand(
      SilenceStore silences, ServiceDirectory directory, String operatorRole, Clock clock) {
    this.silences = silences;
    this.directory = directory;
    this.operatorRole = operatorRole;
    this.clock = clock;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("silence", "Quiet alerts for a while")
        .addSubcommands(
            new SubcommandData("add", "Quiet alerts that match, for a while")
                .addOptions(
                    new OptionData(
                            OptionType.STRING,
                            "duration",
                            "How long, such as 30m, 2h or 1d (at most 7d)",
                            true)
                        .setMaxLength(12),
                    new OptionData(
                            OptionType.STRING, "comment", "Why (shown with the silence)", true)
                        .setMaxLength(MAX_COMMENT),
                    ServiceOption.of("Only this service", false),
                    new OptionData(OptionType.STRING, "rule", "Only this rule, such as cpu or oom")
                        .setMaxLength(32),
                    new OptionData(OptionType.STRING, "severity", "Only this severity")
                        .addChoice("warn", "warn")
                        .addChoice("fatal", "fatal")),
            new SubcommandData("list", "Silences in force"),
            new SubcommandData("remove", "End a silence now")
                .addOptions(
                    new OptionData(
                            OptionType.INTEGER,
                            "id",
                            "The silence's number from /silence list",
                            true)
                        .setMinValue(1)));
  }

  @Override
  public String help() {
    return "`/silence add duration comment [service] [rule] [severity]` — quiet matching alerts (at"
        + " most 7d; a comment is required). `/silence list`, `/silence remove id`.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    String guild = event.getGuild() == null ? "" : event.getGuild().getId();
    switch (event.getSubcommandName() == null ? "" : event.getSubcommandName()) {
      case "list" -> {
        event
            .replyEmbeds(ListCards.silences(silences.inGuild(guild, clock.instant())))
            .setEphemeral(true)
            .queue();
      }
      case "add" -> add(event, guild);
      case "remove" -> {
        if (!Permissions.mayManageAlerts(event.getMember(), operatorRole)) {
          event.reply(Permissions.refusal(operatorRole)).setEphemeral(true).queue();
          return;
        }
        long id = NumberOption.whole(event, "id", 1, Long.MAX_VALUE).orElse(0L);
        if (silences.remove(guild, id)) {
          event
              .reply(
                  "Silence #"
                      + id
                      + " removed by "
                      + event.getUser().getName()
                      + "; its alerts notify again.")
              .queue();
        } else {
          event
              .reply("There is no silence #" + id + " in force here. Nothing was changed.")
              .setEphemeral(true)
              .queue();
        }
      }
      default -> event.reply("Use /silence add, list or remove.").setEphemeral(true).queue();
    }
  }

  private void add(SlashCommandInteractionEvent event, String guild) {
    if (!Permissions.mayManageAlerts(event.getMember(), operatorRole)) {
      event.reply(Permissions.refusal(operatorRole)).setEphemeral(true).queue();
      return;
    }
    Instant now = clock.instant();
    try {
      Duration d =
          Durations.parse(
              event.getOption("duration", "", OptionMapping::getAsString),
              Silence.MIN,
              Silence.MAX);
      Optional<String> service =
          Optional.ofNullable(event.getOption("service", null, OptionMapping::getAsString));
      Optional<List<String>> known = directory.cached();
      if (service.isPresent() && known.isPresent() && !known.get().contains(service.get())) {
        throw new IllegalArgumentException(
            "there is no service " + dev.lookout.knowledge.Inputs.echo(service.get()));
      }
      Optional<AlertSeverity> severity =
          Optional.ofNullable(event.getOption("severity", null, OptionMapping::getAsString))
              .map(AlertSeverity::parse);
      String comment = UserText.option(event, "comment", "the comment", MAX_COMMENT, true);
      Silence s =
          silences.add(
              guild,
              new Silence(
                  0,
                  service,
                  Optional.ofNullable(event.getOption("rule", null, OptionMapping::getAsString)),
                  severity,
                  now,
                  now.plus(d),
                  event.getUser().getName(),
                  comment));
      event
          .reply(
              "🔕 Silence **#"
                  + s.id()
                  + "** ("
                  + s.matcher()
                  + ") until "
                  + TIME.format(s.expiresAt())
                  + " by "
                  + UserText.quote(s.author())
                  + ": "
                  + Texts.fit(UserText.quote(s.comment()), 600))
          .queue();
    } catch (IllegalArgumentException e) {
      event
          .reply("Not silenced: " + e.getMessage() + ". Nothing was changed.")
          .setEphemeral(true)
          .queue();
    }
  }
}
