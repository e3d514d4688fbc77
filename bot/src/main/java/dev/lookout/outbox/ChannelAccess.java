package dev.lookout.outbox;

import java.time.Instant;

/** Where a channel the bot lost access to is marked, so alerts stop being queued for it. */
public interface ChannelAccess {
  /** Pauses the channel's subscription; true the first time, false when it already was. */
  boolean markBroken(String channelId, String reason, Instant at);
}
