package dev.lookout.outbox;

/** The port that carries a message to its channel: Discord, in production and in the demo. */
public interface Courier {
  /** Whether the bot's gateway is connected; messages wait while it is not. */
  boolean connected();

  /**
   * Posts or edits what {@code entry} carries, and records the delivery with whatever must be
   * written with it.
   *
   * @throws Unavailable when Discord failed or did not answer: try again later
   * @throws LostAccess when the bot can no longer post in the channel
   * @throws Rejected when Discord refused this message for good
   */
  void deliver(OutboxEntry entry, OutboxMessage message);

  /** Whether Discord answers a cheap request now. */
  boolean answers();

  /** Tells people a channel's subscription was paused because the bot lost access to it. */
  void subscriptionPaused(String channelId, String reason);

  /** Discord failed (5xx, rate limit, no connection): the message waits and is tried again. */
  final class Unavailable extends RuntimeException {
    public Unavailable(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  /** The channel is gone or the bot lost its permissions there. */
  final class LostAccess extends RuntimeException {
    public LostAccess(String reason) {
      super(reason);
    }
  }

  /** Discord refused the message itself; sending it again would be refused again. */
  final class Rejected extends RuntimeException {
    public Rejected(String reason, Throwable cause) {
      super(reason, cause);
    }
  }
}
