package dev.lookout.discord;

import dev.lookout.store.CardMessages;
import java.util.Optional;
import java.util.function.LongFunction;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Keeps a card (a proposal's or a drill's) current in a channel: the entry names the subject, the
 * card is rendered from its row at delivery time, and the channel's message is edited, or posted if
 * the channel has none yet (or it was deleted). Rendering at delivery makes repeated entries
 * harmless: the last one shows the latest state.
 */
public final class CardDelivery {
  /** The message that shows the card, and what to record with the delivery. */
  public record Delivered(String messageId, dev.lookout.store.Database.Work<Void> alongside) {}

  private final String card;
  private final CardMessages messages;
  private final LongFunction<Optional<MessageCreateData>> render;

  public CardDelivery(
      String card, CardMessages messages, LongFunction<Optional<MessageCreateData>> render) {
    this.card = card;
    this.messages = messages;
    this.render = render;
  }

  /** Shows card {@code id} in the channel: edits its message there, or posts one. */
  public Delivered deliver(
      GuildMessageChannel channel, dev.lookout.outbox.OutboxEntry entry, long id) {
    MessageCreateData data =
        render.apply(id).orElseThrow(() -> new IllegalStateException(card + " " + id + " is gone"));
    Optional<String> existing = messages.message(card, id, channel.getId());
    if (existing.isPresent()) {
      try {
        channel
            .editMessageById(existing.get(), MessageEditData.fromCreateData(data))
            .setReplace(true)
            .complete();
        return new Delivered(existing.get(), c -> null);
      } catch (ErrorResponseException e) {
        if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
          throw e;
        }
        // Someone deleted the card: post it again below.
      }
    }
    Message m = channel.sendMessage(data).setNonce(entry.nonce()).complete();
    return new Delivered(m.getId(), messages.recording(card, id, channel.getId(), m.getId()));
  }
}
