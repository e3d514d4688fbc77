package dev.lookout.commands;

import dev.lookout.discord.ListCards;
import dev.lookout.discord.SlashCommand;
import java.util.List;
import java.util.function.Supplier;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /help}: every command and its options, in one embed. */
public final class HelpCommand implements SlashCommand {
  public static final String NAME = "help";
  private final Supplier<List<SlashCommand>> commands;

  public HelpCommand(Supplier<List<SlashCommand>> commands) {
    this.commands = commands;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash(NAME, "What Lookout can do, command by command");
  }

  @Override
  public String help() {
    return "`/help` — this list.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    List<String> lines = new java.util.ArrayList<>();
    for (SlashCommand c : commands.get()) {
      lines.add(c.help());
    }
    event.replyEmbeds(ListCards.help(lines)).setEphemeral(true).queue();
  }
}
