package dev.lookout.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * One message owed to a channel, as the queue holds it.
 *
 * @param kind the stored kind, for the logs
 * @param attempts how many tries failed so far (backoff grows with them)
 * @param nextAttemptAt when it may next be tried (wall-clock time), or null for now
 * @param nonce sent with a post, so Discord recognises a post repeated after a crash
 * @param message what it carries; empty when this version cannot read the row
 */
public record OutboxEntry(
    long id,
    Instant createdAt,
    String channelId,
    String kind,
    int attempts,
    Instant nextAttemptAt,
    String nonce,
    Optional<OutboxMessage> message) {

  /** Whether the entry may be tried at wall-clock time {@code now}. */
  public boolean dueAt(Instant now) {
    return nextAttemptAt == null || !nextAttemptAt.isAfter(now);
  }
}
