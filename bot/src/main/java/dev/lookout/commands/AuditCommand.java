package dev.lookout.commands;

import dev.lookout.discord.AuditCards;
import dev.lookout.discord.SlashCommand;
import dev.lookout.store.AuditLog;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /audit [service] [n]}: the trail of scale requests, decisions, applies and drills. */
public final class AuditCommand implements SlashCommand {
  static final int MAX = 50;

  private final AuditLog audit;
  private final AuditCards cards;

  public AuditCommand(AuditLog audit, AuditCards cards) {
    this.audit = audit;
    this.cards = cards;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("audit", "Who changed what: proposals, decisions, applies and drills")
        .addOptions(
            ServiceOption.of("Only this service", false),
            new OptionData(OptionType.INTEGER, "n", "How many entries (1-" + MAX + ", default 15)")
                .setRequiredRange(1, MAX));
  }

  @Override
  public String help() {
    return "`/audit [service] [n]` — the audit trail of scale changes and drills, newest first.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    int n = NumberOption.whole(event, "n", 1, MAX).orElse(15L).intValue();
    Optional<String> service =
        Optional.ofNullable(event.getOption("service", null, OptionMapping::getAsString))
            .map(String::strip);
    String guild = event.getGuild() == null ? "" : event.getGuild().getId();
    event.reply(cards.audit(audit.recent(guild, service, n), service)).setEphemeral(true).queue();
  }
}
