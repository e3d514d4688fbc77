package dev.lookout.commands;

import dev.lookout.alerts.Alert;
import dev.lookout.discord.ListCards;
import dev.lookout.discord.SlashCommand;
import dev.lookout.store.AlertStore;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /alerts}: what is firing now, with links to the messages that told of it. */
public final class AlertsCommand implements SlashCommand {
  private final AlertStore alerts;

  public AlertsCommand(AlertStore alerts) {
    this.alerts = alerts;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("alerts", "What is firing now");
  }

  @Override
  public String help() {
    return "`/alerts` — every alert firing now, with a link to its message in this channel.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    List<ListCards.FiringAlert> firing = new ArrayList<>();
    for (Alert a : alerts.firing()) {
      firing.add(
          new ListCards.FiringAlert(
              a,
              alerts
                  .message(event.getChannelId(), a.incident())
                  .map(
                      m ->
                          "https://discord.com/channels/"
                              + (event.getGuild() == null ? "@me" : event.getGuild().getId())
                              + "/"
                              + event.getChannelId()
                              + "/"
                              + m.messageId())));
    }
    event.replyEmbeds(ListCards.firing(firing)).setEphemeral(true).queue();
  }
}
