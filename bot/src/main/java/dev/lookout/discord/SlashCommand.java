package dev.lookout.discord;

import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** One slash command: how it is declared to Discord, explained in /help, and handled. */
public interface SlashCommand {
  SlashCommandData definition();

  /** A line for /help: what the command does and its options. */
  String help();

  /** Handles one use; exceptions reach the router's error boundary. */
  void handle(SlashCommandInteractionEvent event);
}
