package dev.lookout.alerts;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** ERROR and CRITICAL log entries per minute above a warn or fatal rate. */
public record LogRateRule(
    double warnPerMinute,
    double fatalPerMinute,
    Duration holdFor,
    double clearPerMinute,
    String runbook)
    implements AlertRule {

  public LogRateRule {
    if (warnPerMinute > fatalPerMinute || clearPerMinute > warnPerMinute) {
      throw new IllegalArgumentException("log rates must satisfy clear <= warn <= fatal");
    }
  }

  @Override
  public String id() {
    return "log_errors";
  }

  @Override
  public String title() {
    return "Error logs";
  }

  @Override
  public Duration holdFor(AlertSeverity severity) {
    return holdFor;
  }

  @Override
  public Reading read(Observation observation, RuleMemory memory) {
    double v = observation.errorsPerMinute();
    if (Double.isNaN(v)) {
      return Reading.noData();
    }
    Optional<AlertSeverity> breach =
        v >= fatalPerMinute
            ? Optional.of(AlertSeverity.FATAL)
            : v >= warnPerMinute ? Optional.of(AlertSeverity.WARN) : Optional.empty();
    return new Reading(
        breach,
        v,
        v >= fatalPerMinute ? fatalPerMinute : warnPerMinute,
        v < clearPerMinute,
        format(v) + " (warn " + format(warnPerMinute) + ", fatal " + format(fatalPerMinute) + ")");
  }

  @Override
  public String format(double value) {
    return String.format(Locale.ROOT, "%.0f errors/min", value);
  }
}
