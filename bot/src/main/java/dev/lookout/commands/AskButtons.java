package dev.lookout.commands;

import dev.lookout.discord.AskCards;
import dev.lookout.discord.ComponentHandler;
import dev.lookout.discord.ComponentId;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;

/** An answer's "all cited lines in full" button. */
public final class AskButtons implements ComponentHandler {
  private final AnswerCache answers;
  private final AskCards cards;

  public AskButtons(AnswerCache answers, AskCards cards) {
    this.answers = answers;
    this.cards = cards;
  }

  @Override
  public String feature() {
    return AskCards.FEATURE;
  }

  @Override
  public void handle(GenericComponentInteractionCreateEvent event, ComponentId id) {
    var answer =
        id.action().equals("more") && id.args().size() == 1 ? answers.get(id.arg(0)) : null;
    if (answer == null || answer.isEmpty()) {
      event
          .reply("This answer is no longer kept (answers are kept 15 minutes); ask again.")
          .setEphemeral(true)
          .queue();
      return;
    }
    event.replyEmbeds(cards.allLines(answer.get())).setEphemeral(true).queue();
  }
}
