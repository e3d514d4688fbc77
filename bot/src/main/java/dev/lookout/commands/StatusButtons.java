package dev.lookout.commands;

import dev.lookout.discord.ComponentHandler;
import dev.lookout.discord.ComponentId;
import dev.lookout.discord.StatusCards;
import java.time.Duration;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/** The status card's Refresh button and the overview's menu that opens a card. */
public final class StatusButtons implements ComponentHandler {
  private final StatusBoard board;

  public StatusButtons(StatusBoard board) {
    this.board = board;
  }

  @Override
  public String feature() {
    return StatusCards.FEATURE;
  }

  @Override
  public void handle(GenericComponentInteractionCreateEvent event, ComponentId id) {
    switch (id.action()) {
      case "refresh" -> {
        if (id.args().size() != 2) {
          expired(event);
          return;
        }
        Duration window = Windows.parse(id.arg(1));
        event.deferEdit().queue();
        event
            .getHook()
            .editOriginal(
                MessageEditData.fromCreateData(board.card(id.arg(0), window, Optional.empty())))
            .queue();
      }
      case "open" -> {
        if (!(event instanceof StringSelectInteractionEvent select)
            || select.getValues().isEmpty()) {
          expired(event);
          return;
        }
        String service = select.getValues().get(0);
        if (board.directory().cached().map(known -> !known.contains(service)).orElse(false)) {
          event.reply("`" + service + "` is no longer a known service.").setEphemeral(true).queue();
          return;
        }
        Duration window =
            id.args().isEmpty() ? StatusCommand.DEFAULT_WINDOW : Windows.parse(id.arg(0));
        event.deferReply().queue();
        event
            .getHook()
            .editOriginal(
                MessageEditData.fromCreateData(board.card(service, window, Optional.empty())))
            .queue();
      }
      default -> expired(event);
    }
  }

  private static void expired(GenericComponentInteractionCreateEvent event) {
    event.reply("This control is no longer valid. Run `/status` again.").setEphemeral(true).queue();
  }
}
