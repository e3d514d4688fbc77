package dev.lookout.commands;

import dev.lookout.alerts.Subscription;
import dev.lookout.discord.ListCards;
import dev.lookout.discord.SlashCommand;
import dev.lookout.store.SubscriptionStore;
import java.util.List;
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
    event.replyEmbeds(ListCards.subscriptions(subs)).setEphemeral(true).queue();
  }
}
