package dev.lookout.discord;

import dev.lookout.store.Database;
import dev.lookout.store.Outbox;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;

/** Delivers one kind of outbox entry besides alerts, such as a proposal's card. */
public interface OutboxDelivery {
  String kind();

  /**
   * Posts or edits the entry's message.
   *
   * @return the message and what to record with the delivery, in the same transaction
   */
  Delivered deliver(GuildMessageChannel channel, Outbox.Entry entry);

  record Delivered(String messageId, Database.Work<Void> alongside) {}
}
