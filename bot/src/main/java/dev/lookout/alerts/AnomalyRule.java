package dev.lookout.alerts;

import dev.lookout.health.Figure;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A figure far from its own recent baseline, whatever its absolute value: the median of its last
 * observations and their median absolute deviation (robust to the spikes it looks for). It may fire
 * only once {@code minimumHistory} observations are known.
 *
 * @param warnScore robust z-score (deviations from the median, in scaled MADs) that warns
 * @param fatalScore robust z-score that is fatal
 */
public record AnomalyRule(
    Figure figure,
    double warnScore,
    double fatalScore,
    int minimumHistory,
    Duration holdFor,
    String runbook)
    implements AlertRule {

  /** Scales the MAD to a standard deviation for normally distributed data. */
  private static final double MAD_SCALE = 1.4826;

  public AnomalyRule {
    if (warnScore > fatalScore) {
      throw new IllegalArgumentException("warn score must not be above fatal score");
    }
    if (minimumHistory < 5) {
      throw new IllegalArgumentException("an anomaly baseline needs at least 5 observations");
    }
  }

  @Override
  public String id() {
    return "anomaly_" + figure.key();
  }

  @Override
  public String title() {
    return figure.label() + " unusual";
  }

  @Override
  public Duration holdFor(AlertSeverity severity) {
    return holdFor;
  }

  @Override
  public Reading read(Observation observation, RuleMemory memory) {
    OptionalDouble value = figure.read(observation.health());
    if (value.isEmpty()) {
      return Reading.noData();
    }
    double v = value.getAsDouble();
    double[] history = memory.values();
    memory.add(v);
    if (history.length < minimumHistory) {
      return new Reading(
          Optional.empty(),
          v,
          Double.NaN,
          true,
          "learning the baseline (" + history.length + " of " + minimumHistory + ")");
    }
    double median = RuleMemory.median(history);
    // A flat baseline still allows some movement: at least 1% of the median, or a tiny floor.
    double spread =
        Math.max(RuleMemory.mad(history) * MAD_SCALE, Math.max(Math.abs(median) * 0.01, 1e-9));
    double score = Math.abs(v - median) / spread;
    Optional<AlertSeverity> breach =
        score >= fatalScore
            ? Optional.of(AlertSeverity.FATAL)
            : score >= warnScore ? Optional.of(AlertSeverity.WARN) : Optional.empty();
    return new Reading(
        breach,
        v,
        median,
        score < warnScore / 2,
        String.format(
            Locale.ROOT,
            "%s %s against a usual %s (%.1f deviations)",
            figure.label(),
            figure.format(v),
            figure.format(median),
            score));
  }

  @Override
  public String format(double value) {
    return figure.format(value);
  }
}
