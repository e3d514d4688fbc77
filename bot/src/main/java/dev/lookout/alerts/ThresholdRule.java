package dev.lookout.alerts;

import dev.lookout.health.Figure;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A figure above its warn or fatal threshold for long enough: CPU p99 above 80% for 3 minutes is a
 * warning, above 95% for 2 minutes fatal. It resolves once the figure falls below {@code clear}.
 */
public record ThresholdRule(
    Figure figure,
    double warn,
    double fatal,
    Duration warnFor,
    Duration fatalFor,
    double clear,
    String runbook)
    implements AlertRule {

  public ThresholdRule {
    if (warn > fatal) {
      throw new IllegalArgumentException(
          "warn (" + warn + ") must not be above fatal (" + fatal + ")");
    }
    if (clear > warn) {
      throw new IllegalArgumentException(
          "clear (" + clear + ") must not be above warn (" + warn + ")");
    }
    if (warnFor.isNegative() || fatalFor.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  @Override
  public String id() {
    return figure.key();
  }

  @Override
  public String title() {
    return figure.label() + " high";
  }

  @Override
  public Duration holdFor(AlertSeverity severity) {
    return severity == AlertSeverity.FATAL ? fatalFor : warnFor;
  }

  @Override
  public Reading read(Observation observation, RuleMemory memory) {
    OptionalDouble value = figure.read(observation.health());
    if (value.isEmpty()) {
      return Reading.noData();
    }
    double v = value.getAsDouble();
    Optional<AlertSeverity> breach =
        v >= fatal
            ? Optional.of(AlertSeverity.FATAL)
            : v >= warn ? Optional.of(AlertSeverity.WARN) : Optional.empty();
    double threshold = v >= fatal ? fatal : warn;
    return new Reading(
        breach,
        v,
        threshold,
        v < clear,
        figure.label()
            + " "
            + figure.format(v)
            + " (warn "
            + figure.format(warn)
            + ", fatal "
            + figure.format(fatal)
            + ")");
  }

  @Override
  public String format(double value) {
    return figure.format(value);
  }
}
