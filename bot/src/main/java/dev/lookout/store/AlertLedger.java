package dev.lookout.store;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.AlertStatus;
import java.time.Instant;
import java.util.List;

/**
 * Commits one service's tick: the alerts' new states, what was told about them, and the outbox rows
 * that tell it, all in one transaction. A crash before the commit loses nothing (the next tick sees
 * the same conditions); after it, the outbox delivers.
 */
public final class AlertLedger {
  /** A message to post or edit in a channel. */
  public record Delivery(String channelId, dev.lookout.outbox.OutboxMessage message) {}

  private final Database db;
  private final AlertStore alerts;
  private final Outbox outbox;

  private final DigestStore digests;

  public AlertLedger(Database db, AlertStore alerts, Outbox outbox, DigestStore digests) {
    this.db = db;
    this.alerts = alerts;
    this.outbox = outbox;
    this.digests = digests;
  }

  /**
   * @param changed alerts whose state changed (resolved ones are kept for their history)
   * @param dropped rule ids whose pending alert ended without firing
   * @param told alerts whose current state the deliveries tell
   * @param held warn alerts not posted because their channel is in quiet hours
   */
  public void commit(
      String service,
      List<Alert> changed,
      List<String> dropped,
      List<Alert> told,
      List<Delivery> deliveries,
      List<dev.lookout.reports.HeldAlert> held,
      Instant now) {
    db.transaction(
        c -> {
          for (Alert a : changed) {
            alerts.save(c, a);
          }
          if (!dropped.isEmpty()) {
            java.util.Map<String, Alert> stored = alerts.ofService(c, service);
            for (String rule : dropped) {
              if (stored.get(rule) instanceof Alert a && a.status() == AlertStatus.PENDING) {
                alerts.delete(c, service, rule);
              }
            }
          }
          for (Alert a : told) {
            alerts.markNotified(c, a, now);
          }
          for (Delivery d : deliveries) {
            outbox.enqueue(c, d.channelId(), d.message(), now);
          }
          for (dev.lookout.reports.HeldAlert h : held) {
            digests.hold(c, h);
          }
          return null;
        });
  }

  /** Records the message that carries incidents in a channel, with the delivery that posted it. */
  public Database.Work<Void> carries(
      String channelId, List<String> incidents, String messageId, String threadId, long outboxId) {
    return c -> {
      for (String incident : incidents) {
        alerts.recordMessage(c, channelId, incident, messageId, threadId, outboxId);
      }
      return null;
    };
  }
}
