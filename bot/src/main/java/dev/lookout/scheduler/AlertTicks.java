package dev.lookout.scheduler;

import dev.lookout.health.HealthSource;
import dev.lookout.outbox.OutboxMessage;
import dev.lookout.store.Outbox;
import dev.lookout.store.SubscriptionStore;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting routine over every watched service: each service's tick is isolated, and when Google
 * keeps failing one "monitoring degraded" notice goes to the subscribed channels, with one recovery
 * notice when calls succeed again.
 */
public final class AlertTicks implements Scheduler.Routine {
  private static final Logger LOG = LoggerFactory.getLogger(AlertTicks.class);

  /** Ticks in a row in which every service failed before people are told. */
  static final int DEGRADED_AFTER = 3;

  private final Supplier<java.util.List<String>> services;
  private final AlertRoutine routine;
  private final SubscriptionStore subscriptions;
  private final Outbox outbox;
  private final dev.lookout.store.SilenceStore silences;
  private final dev.lookout.store.AlertStore alerts;
  private int failingTicks;
  private boolean degraded;

  public AlertTicks(
      Supplier<java.util.List<String>> services,
      AlertRoutine routine,
      SubscriptionStore subscriptions,
      Outbox outbox,
      dev.lookout.store.SilenceStore silences,
      dev.lookout.store.AlertStore alerts) {
    this.services = services;
    this.routine = routine;
    this.subscriptions = subscriptions;
    this.outbox = outbox;
    this.silences = silences;
    this.alerts = alerts;
  }

  @Override
  public void run(Instant now) {
    java.util.List<String> list;
    try {
      list = services.get();
    } catch (HealthSource.SourceUnavailableException e) {
      failed(now, e.getMessage());
      return;
    }
    noticeExpiredSilences(now);
    int unavailable = 0;
    int unavailableInARow = 0;
    String problem = null;
    for (String service : list) {
      if (unavailableInARow >= 2) {
        // Google itself is down, not these services: don't wait out every read's deadline.
        unavailable++;
        continue;
      }
      try {
        routine.tick(service, now);
        unavailableInARow = 0;
      } catch (HealthSource.SourceUnavailableException e) {
        unavailable++;
        unavailableInARow++;
        problem = e.getMessage();
      } catch (RuntimeException e) {
        unavailableInARow = 0;
        LOG.error("alert tick for {} failed", service, e);
      }
    }
    if (!list.isEmpty() && unavailable == list.size()) {
      failed(now, problem);
    } else {
      recovered(now);
    }
  }

  /** A silence that ran out while an alert it covered still fires is worth a word. */
  private void noticeExpiredSilences(Instant now) {
    for (dev.lookout.alerts.Silence s : silences.takeExpired(now)) {
      for (dev.lookout.alerts.Alert a : alerts.firing()) {
        if (!s.matches(a)) {
          continue;
        }
        var message =
            new OutboxMessage.SilenceExpired(
                s.id(), s.matcher(), s.author(), s.comment(), a.service(), a.title());
        for (var sub : subscriptions.all()) {
          if (sub.wants(a.service(), a.severity())) {
            outbox.enqueue(sub.channelId(), message, now);
          }
        }
      }
    }
  }

  private void failed(Instant now, String problem) {
    failingTicks++;
    if (failingTicks >= DEGRADED_AFTER && !degraded) {
      degraded = true;
      notice(now, new OutboxMessage.MonitoringDegraded(problem));
    }
  }

  private void recovered(Instant now) {
    failingTicks = 0;
    if (degraded) {
      degraded = false;
      notice(now, new OutboxMessage.MonitoringRecovered());
    }
  }

  private void notice(Instant now, OutboxMessage message) {
    for (var s : subscriptions.all()) {
      if (s.brokenSince() == null) {
        outbox.enqueue(s.channelId(), message, now);
      }
    }
  }
}
