package dev.lookout.commands;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.Subscription;
import dev.lookout.discord.SlashCommand;
import dev.lookout.discord.Texts;
import dev.lookout.store.SubscriptionStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /subscribe [severity] [services]}: this channel receives alerts. */
public final class SubscribeCommand implements SlashCommand {
  public static final String NAME = "subscribe";

  private final SubscriptionStore store;
  private final ServiceDirectory directory;
  private final String operatorRole;
  private final Clock clock;

  public SubscribeCommand(
      SubscriptionStore store, ServiceDirectory directory, String operatorRole, Clock clock) {
    this.store = store;
    this.directory = directory;
    this.operatorRole = operatorRole;
    this.clock = clock;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash(NAME, "Post alerts in this channel")
        .addOptions(
            new OptionData(OptionType.STRING, "severity", "Lowest severity to post (default warn)")
                .addChoice("warn", "warn")
                .addChoice("fatal", "fatal"),
            new OptionData(
                    OptionType.STRING,
                    "services",
                    "Services, separated by spaces or commas (default all)")
                .setMaxLength(500));
  }

  @Override
  public String help() {
    return "`/subscribe [severity:warn|fatal] [services]` — post alerts in this channel (default: warn"
        + " and above, every service). Needs Manage Channels or the `"
        + operatorRole
        + "` role."
        + " `/unsubscribe` stops them; `/subscriptions` lists this server's.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    if (!Permissions.mayManageAlerts(event.getMember(), operatorRole)) {
      event.reply(Permissions.refusal(operatorRole)).setEphemeral(true).queue();
      return;
    }
    AlertSeverity severity;
    try {
      severity =
          AlertSeverity.parse(event.getOption("severity", "warn", OptionMapping::getAsString));
    } catch (IllegalArgumentException e) {
      event.reply(e.getMessage() + ". Nothing was changed.").setEphemeral(true).queue();
      return;
    }
    Set<String> services = new LinkedHashSet<>();
    String list = event.getOption("services", "", OptionMapping::getAsString);
    if (!list.isBlank()) {
      Optional<List<String>> known = directory.cached();
      for (String s : Arrays.stream(list.split("[,\\s]+")).filter(x -> !x.isBlank()).toList()) {
        if (known.isPresent() && !known.get().contains(s)) {
          event
              .reply(
                  "There is no service `"
                      + Texts.fit(s, 60)
                      + "`. Known services: "
                      + String.join(", ", known.get().stream().map(k -> "`" + k + "`").toList())
                      + ". Nothing was changed.")
              .setEphemeral(true)
              .queue();
          return;
        }
        services.add(s);
      }
    }
    store.save(
        new Subscription(
            event.getChannelId(),
            event.getGuild() == null ? "" : event.getGuild().getId(),
            severity,
            services,
            event.getUser().getName(),
            clock.instant(),
            null));
    event
        .reply(
            "This channel now receives **"
                + severity.id()
                + "** and worse alerts for "
                + (services.isEmpty()
                    ? "every service"
                    : String.join(", ", services.stream().map(s -> "`" + s + "`").toList()))
                + ".")
        .queue();
  }
}
