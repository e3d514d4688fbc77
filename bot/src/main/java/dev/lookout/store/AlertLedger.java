package dev.lookout.store;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.AlertBook;
import dev.lookout.alerts.AlertEvent;
import dev.lookout.alerts.AlertNotice;
import dev.lookout.alerts.AlertNotices;
import dev.lookout.alerts.AlertStatus;
import dev.lookout.alerts.AlertTick;
import dev.lookout.alerts.NotificationPipeline;
import dev.lookout.outbox.OutboxMessage;
import dev.lookout.reports.HeldAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commits one service's tick: the alerts' new states, what was told about them, and the outbox rows
 * that tell it, all in one transaction. A crash before the commit loses nothing (the next tick sees
 * the same conditions); after it, the outbox delivers.
 */
public final class AlertLedger implements AlertBook, AlertNotices {
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

  @Override
  public Map<String, Alert> ofService(String service) {
    return alerts.ofService(service);
  }

  @Override
  public Optional<NotificationPipeline.Notified> notified(String incident) {
    return alerts.notified(incident);
  }

  @Override
  public List<Instant> firings(String incident, Instant from, Instant before) {
    return alerts.firings(incident, from, before);
  }

  @Override
  public List<Alert> firing() {
    return alerts.firing();
  }

  @Override
  public void commit(AlertTick tick) {
    db.transaction(
        c -> {
          for (Alert a : tick.changed()) {
            alerts.save(c, a);
          }
          if (!tick.dropped().isEmpty()) {
            Map<String, Alert> stored = alerts.ofService(c, tick.service());
            for (String rule : tick.dropped()) {
              if (stored.get(rule) instanceof Alert a && a.status() == AlertStatus.PENDING) {
                alerts.delete(c, tick.service(), rule);
              }
            }
          }
          for (AlertEvent e : tick.told()) {
            alerts.markNotified(c, e, tick.at());
          }
          for (AlertTick.Delivery d : tick.deliveries()) {
            outbox.enqueue(c, d.channelId(), message(d), tick.at());
          }
          for (HeldAlert h : tick.held()) {
            digests.hold(c, h);
          }
          return null;
        });
  }

  private static OutboxMessage message(AlertTick.Delivery d) {
    return switch (d) {
      case AlertTick.Post p -> new OutboxMessage.AlertPosted(p.post());
      case AlertTick.Resolution r -> new OutboxMessage.AlertResolved(r.event());
      case AlertTick.Flap f -> new OutboxMessage.AlertFlapping(f.post());
    };
  }

  @Override
  public void tell(String channelId, AlertNotice notice, Instant now) {
    OutboxMessage message =
        switch (notice) {
          case AlertNotice.SilenceRanOut s ->
              new OutboxMessage.SilenceExpired(
                  s.silenceId(), s.matcher(), s.author(), s.comment(), s.service(), s.title());
          case AlertNotice.MonitoringDegraded d ->
              new OutboxMessage.MonitoringDegraded(d.problem());
          case AlertNotice.MonitoringRecovered r -> new OutboxMessage.MonitoringRecovered();
        };
    outbox.enqueue(channelId, message, now);
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
