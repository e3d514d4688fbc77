package dev.lookout.discord;

import dev.lookout.store.CardMessages;
import dev.lookout.store.Json;
import dev.lookout.store.Outbox;
import java.util.Map;
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
public final class CardDelivery implements OutboxDelivery {
  private final String card;
  private final CardMessages messages;
  private final LongFunction<Optional<MessageCreateData>> render;

  public CardDelivery(
      String card, CardMessages messages, LongFunction<Optional<MessageCreateData>> render) {
    this.card = card;
    this.messages = messages;
    this.render = render;
  }

  @Override
  public String kind() {
    return card;
  }

  @Override
  public Delivered deliver(GuildMessageChannel channel, Outbox.Entry entry) {
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = Json.read(entry.payload(), Map.class);
    long id = ((Number) payload.get("id")).longValue();
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
