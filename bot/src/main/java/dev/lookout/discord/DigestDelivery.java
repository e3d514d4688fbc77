package dev.lookout.discord;

import dev.lookout.reports.Digest;
import dev.lookout.reports.QuietSummary;
import dev.lookout.store.DigestStore;
import dev.lookout.store.Json;
import dev.lookout.store.Outbox;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;

/** Posts a queued digest, or the summary of what quiet hours held, rendered when it is sent. */
public final class DigestDelivery implements OutboxDelivery {
  private final String kind;
  private final ReportCards cards;

  private DigestDelivery(String kind, ReportCards cards) {
    this.kind = kind;
    this.cards = cards;
  }

  public static DigestDelivery digests(ReportCards cards) {
    return new DigestDelivery(DigestStore.DIGEST, cards);
  }

  public static DigestDelivery quietSummaries(ReportCards cards) {
    return new DigestDelivery(DigestStore.QUIET_SUMMARY, cards);
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public Delivered deliver(GuildMessageChannel channel, Outbox.Entry entry) {
    var message =
        kind.equals(DigestStore.DIGEST)
            ? cards.digest(Json.read(entry.payload(), Digest.class))
            : cards.quietSummary(Json.read(entry.payload(), QuietSummary.class));
    Message m = channel.sendMessage(message).setNonce(entry.nonce()).complete();
    return new Delivered(m.getId(), c -> null);
  }
}
