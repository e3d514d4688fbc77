package dev.lookout.alerts;

import dev.lookout.health.ServiceHealth;
import java.time.Instant;
import java.util.Map;

/**
 * What one poll saw of a service: its health figures, and counts of its recent log entries.
 *
 * @param errorsPerMinute ERROR-or-worse log entries in the last minute
 * @param patternCounts matches of each log pattern rule's text in that rule's window, by rule id
 */
public record Observation(
    String service,
    Instant at,
    ServiceHealth health,
    double errorsPerMinute,
    Map<String, Integer> patternCounts) {
  public Observation {
    patternCounts = Map.copyOf(patternCounts);
  }
}
