package dev.lookout.alerts;

import dev.lookout.health.HealthSource;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting routine over every watched service: each service's tick is isolated, and when Google
 * keeps failing one "monitoring degraded" notice goes to the subscribed channels, with one recovery
 * notice when calls succeed again.
 */
public final class AlertWatch {
  private static final Logger LOG = LoggerFactory.getLogger(AlertWatch.class);

  /** Ticks in a row in which every service failed before people are told. */
  public static final int DEGRADED_AFTER = 3;

  private final Supplier<List<String>> services;
  private final AlertEvaluation evaluation;
  private final Audience audience;
  private final AlertNotices notices;
  private final Silences silences;
  private final AlertBook alerts;
  private int failingTicks;
  private boolean degraded;

  public AlertWatch(
      Supplier<List<String>> services,
      AlertEvaluation evaluation,
      Audience audience,
      AlertNotices notices,
      Silences silences,
      AlertBook alerts) {
    this.services = services;
    this.evaluation = evaluation;
    this.audience = audience;
    this.notices = notices;
    this.silences = silences;
    this.alerts = alerts;
  }

  /** One tick over every watched service. */
  public void run(Instant now) {
    List<String> list;
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
        evaluation.tick(service, now);
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
    for (Silence s : silences.takeExpired(now)) {
      for (Alert a : alerts.firing()) {
        if (!s.matches(a)) {
          continue;
        }
        var notice =
            new AlertNotice.SilenceRanOut(
                s.id(), s.matcher(), s.author(), s.comment(), a.service(), a.title());
        for (Subscription sub : audience.subscriptions()) {
          if (sub.wants(a.service(), a.severity())) {
            notices.tell(sub.channelId(), notice, now);
          }
        }
      }
    }
  }

  private void failed(Instant now, String problem) {
    failingTicks++;
    if (failingTicks >= DEGRADED_AFTER && !degraded) {
      degraded = true;
      notice(now, new AlertNotice.MonitoringDegraded(problem));
    }
  }

  private void recovered(Instant now) {
    failingTicks = 0;
    if (degraded) {
      degraded = false;
      notice(now, new AlertNotice.MonitoringRecovered());
    }
  }

  private void notice(Instant now, AlertNotice notice) {
    for (Subscription s : audience.subscriptions()) {
      if (s.brokenSince() == null) {
        notices.tell(s.channelId(), notice, now);
      }
    }
  }
}
