package dev.lookout.commands;

import dev.lookout.discord.SlashCommand;
import dev.lookout.store.SubscriptionStore;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /unsubscribe}: this channel stops receiving alerts. */
public final class UnsubscribeCommand implements SlashCommand {
  private final SubscriptionStore store;
  private final String operatorRole;

  public UnsubscribeCommand(SubscriptionStore store, String operatorRole) {
    this.store = store;
    this.operatorRole = operatorRole;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("unsubscribe", "Stop posting alerts in this channel");
  }

  @Override
  public String help() {
    return "`/unsubscribe` — stop posting alerts in this channel.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    if (!Permissions.mayManageAlerts(event.getMember(), operatorRole)) {
      event.reply(Permissions.refusal(operatorRole)).setEphemeral(true).queue();
      return;
    }
    boolean removed = store.remove(event.getChannelId());
    if (removed) {
      event.reply("This channel no longer receives alerts.").queue();
    } else {
      event.reply("This channel was not subscribed; nothing changed.").setEphemeral(true).queue();
    }
  }
}
