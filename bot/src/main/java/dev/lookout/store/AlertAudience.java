package dev.lookout.store;

import dev.lookout.alerts.Audience;
import dev.lookout.alerts.Subscription;
import dev.lookout.reports.QuietHours;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The subscribed channels and their quiet hours, as alert evaluation sees them. */
public final class AlertAudience implements Audience {
  private final SubscriptionStore subscriptions;
  private final DigestStore digests;

  public AlertAudience(SubscriptionStore subscriptions, DigestStore digests) {
    this.subscriptions = subscriptions;
    this.digests = digests;
  }

  @Override
  public List<Subscription> subscriptions() {
    return subscriptions.all();
  }

  @Override
  public Set<String> quietAt(Instant now) {
    Set<String> quiet = new HashSet<>();
    for (QuietHours q : digests.quietHours()) {
      if (q.isQuietAt(now)) {
        quiet.add(q.channelId());
      }
    }
    return quiet;
  }
}
