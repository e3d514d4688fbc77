package dev.lookout.reports;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * How alerting went over a report window: incidents fired, how many were acknowledged and resolved,
 * and the mean time to each.
 */
public record AlertStats(
    int fired,
    int acknowledged,
    int resolved,
    Optional<Duration> meanTimeToAcknowledge,
    Optional<Duration> meanTimeToResolve) {

  public static final AlertStats NONE = new AlertStats(0, 0, 0, Optional.empty(), Optional.empty());

  public static AlertStats of(Collection<AlertRecord> records) {
    int acknowledged = 0;
    int resolved = 0;
    long ackSeconds = 0;
    long resolveSeconds = 0;
    for (AlertRecord r : records) {
      if (r.acknowledgedAt() != null) {
        acknowledged++;
        ackSeconds += Duration.between(r.firedAt(), r.acknowledgedAt()).toSeconds();
      }
      if (r.resolvedAt() != null) {
        resolved++;
        resolveSeconds += Duration.between(r.firedAt(), r.resolvedAt()).toSeconds();
      }
    }
    return new AlertStats(
        records.size(),
        acknowledged,
        resolved,
        acknowledged == 0
            ? Optional.empty()
            : Optional.of(Duration.ofSeconds(ackSeconds / acknowledged)),
        resolved == 0
            ? Optional.empty()
            : Optional.of(Duration.ofSeconds(resolveSeconds / resolved)));
  }
}
