package dev.lookout.commands;

import dev.lookout.discord.SlashCommand;
import dev.lookout.discord.Texts;
import java.util.List;
import java.util.function.Supplier;
import net.dv8tion.jda.api.EmbedBuilder;
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
    EmbedBuilder e = new EmbedBuilder().setTitle("Lookout — commands").setColor(0x3498DB);
    StringBuilder b = new StringBuilder();
    for (SlashCommand c : commands.get()) {
      b.append(c.help()).append("\n\n");
    }
    e.setDescription(Texts.fit(b.toString().strip(), Texts.DESCRIPTION));
    e.setFooter("Lookout watches Cloud Run services. Bad input is answered and changes nothing.");
    event.replyEmbeds(e.build()).setEphemeral(true).queue();
  }
}
