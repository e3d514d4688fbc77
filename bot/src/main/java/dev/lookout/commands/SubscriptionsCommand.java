package dev.lookout.commands;

import dev.lookout.alerts.Subscription;
import dev.lookout.discord.SlashCommand;
import dev.lookout.discord.Texts;
import dev.lookout.store.SubscriptionStore;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /subscriptions}: the channels of this server that receive alerts. */
public final class SubscriptionsCommand implements SlashCommand {
  private final SubscriptionStore store;

  public SubscriptionsCommand(SubscriptionStore store) {
    this.store = store;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("subscriptions", "Which channels of this server receive alerts");
  }

  @Override
  public String help() {
    return "`/subscriptions` — the channels of this server that receive alerts, and what they receive.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    List<Subscription> subs =
        store.inGuild(event.getGuild() == null ? "" : event.getGuild().getId());
    List<String> lines = new ArrayList<>();
    for (Subscription s : subs) {
      lines.add(
          "<#"
              + s.channelId()
              + ">: "
              + s.minSeverity().id()
              + " and worse, "
              + (s.services().isEmpty() ? "every service" : String.join(", ", s.services()))
              + (s.brokenSince() == null ? "" : " — ⚠️ paused: the bot cannot post there"));
    }
    event
        .replyEmbeds(
            new EmbedBuilder()
                .setTitle("Alert subscriptions")
                .setDescription(
                    Texts.fit(
                        lines.isEmpty()
                            ? "No channel receives alerts. Use /subscribe in one."
                            : String.join("\n", lines),
                        Texts.DESCRIPTION))
                .build())
        .setEphemeral(true)
        .queue();
  }
}
