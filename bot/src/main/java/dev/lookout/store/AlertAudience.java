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

  private final java.util.Map<String, List<String>> sourceChannels;

  public AlertAudience(SubscriptionStore subscriptions, DigestStore digests) {
    this(subscriptions, digests, java.util.Map.of());
  }

  /**
   * @param sourceChannels the channels each intake source's alerts go to, by source name
   */
  public AlertAudience(
      SubscriptionStore subscriptions,
      DigestStore digests,
      java.util.Map<String, List<String>> sourceChannels) {
    this.subscriptions = subscriptions;
    this.digests = digests;
    this.sourceChannels = java.util.Map.copyOf(sourceChannels);
  }

  @Override
  public List<String> sourceChannels(String source) {
    return sourceChannels.getOrDefault(source, List.of());
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
