package dev.lookout.alerts;

import java.time.Duration;
import java.util.Optional;

/**
 * A telling log line seen often enough in a window: an OOM kill, a container exiting (a crash
 * loop). The text is searched for in the service's logs by the poller.
 *
 * @param text what Cloud Logging's text search looks for
 * @param warnCount matches in {@code window} that warn
 * @param fatalCount matches that are fatal
 */
public record LogPatternRule(
    String id,
    String title,
    String text,
    Duration window,
    int warnCount,
    int fatalCount,
    String runbook)
    implements AlertRule {

  public LogPatternRule {
    if (!id.matches("[a-z][a-z0-9_]{0,31}")) {
      throw new IllegalArgumentException(
          "rule id '" + id + "' must be lowercase letters, digits, _");
    }
    if (warnCount < 1 || warnCount > fatalCount) {
      throw new IllegalArgumentException("counts must satisfy 1 <= warn <= fatal");
    }
  }

  @Override
  public Duration holdFor(AlertSeverity severity) {
    return Duration.ZERO;
  }

  @Override
  public Reading read(Observation observation, RuleMemory memory) {
    Integer count = observation.patternCounts().get(id);
    if (count == null) {
      return Reading.noData();
    }
    Optional<AlertSeverity> breach =
        count >= fatalCount
            ? Optional.of(AlertSeverity.FATAL)
            : count >= warnCount ? Optional.of(AlertSeverity.WARN) : Optional.empty();
    return new Reading(
        breach,
        count,
        count >= fatalCount ? fatalCount : warnCount,
        count == 0,
        count + " × \"" + text + "\" in the last " + window.toMinutes() + " min");
  }

  @Override
  public String format(double value) {
    return Math.round(value) + " in " + window.toMinutes() + " min";
  }
}
