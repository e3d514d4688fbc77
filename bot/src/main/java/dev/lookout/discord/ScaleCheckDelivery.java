package dev.lookout.discord;

import dev.lookout.operations.ScaleCheck;
import dev.lookout.store.Json;
import dev.lookout.store.Outbox;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;

/** Posts the before/after comparison of an applied proposal in the channels showing its card. */
public final class ScaleCheckDelivery implements OutboxDelivery {
  private final String kind;
  private final ProposalCards cards;

  public ScaleCheckDelivery(String kind, ProposalCards cards) {
    this.kind = kind;
    this.cards = cards;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public Delivered deliver(GuildMessageChannel channel, Outbox.Entry entry) {
    ScaleCheck check = Json.read(entry.payload(), ScaleCheck.class);
    Message m = channel.sendMessage(cards.check(check)).setNonce(entry.nonce()).complete();
    return new Delivered(m.getId(), c -> null);
  }
}
