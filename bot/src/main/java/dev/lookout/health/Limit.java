package dev.lookout.health;

/**
 * The warn and fatal thresholds of one figure. A figure at or above {@code warn} is a warning, at
 * or above {@code fatal} it is fatal.
 */
public record Limit(double warn, double fatal) {
  public Limit {
    if (!(warn >= 0) || !(fatal >= 0) || Double.isInfinite(warn) || Double.isInfinite(fatal)) {
      throw new IllegalArgumentException("thresholds must be finite numbers >= 0");
    }
    if (warn > fatal) {
      throw new IllegalArgumentException(
          "warn (" + warn + ") must not be above fatal (" + fatal + ")");
    }
  }

  public HealthLevel judge(double value) {
    if (value >= fatal) {
      return HealthLevel.FATAL;
    }
    if (value >= warn) {
      return HealthLevel.WARN;
    }
    return HealthLevel.OK;
  }
}
