package dev.lookout.alerts;

import java.time.Instant;
import java.util.Set;

/**
 * A channel that asked for alerts: of at least {@code minSeverity}, for {@code services} (all
 * watched services when empty).
 */
public record Subscription(
    String channelId,
    String guildId,
    AlertSeverity minSeverity,
    Set<String> services,
    String createdBy,
    Instant createdAt,
    Instant brokenSince) {

  public Subscription {
    services = Set.copyOf(services);
  }

  public boolean wants(String service, AlertSeverity severity) {
    return brokenSince == null
        && severity.atLeast(minSeverity)
        && (services.isEmpty() || services.contains(service));
  }
}
