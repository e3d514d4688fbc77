package dev.lookout.operations;

import java.util.Locale;

/**
 * What a load drill stresses, and what its intensity means.
 *
 * @param intensityUnit how an intensity reads, such as {@code %} of CPU or {@code requests}
 * @param defaultIntensity the intensity when none is given
 * @param ceiling the largest intensity ever allowed, whatever the configuration says
 */
public enum DrillKind {
  CPU("% CPU", 100, 100),
  RAM("% memory", 90, 100),
  QUEUE("requests enqueued", 200, 100_000),
  LATENCY("slow requests", 10, 1000);

  private final String intensityUnit;
  private final double defaultIntensity;
  private final double ceiling;

  DrillKind(String intensityUnit, double defaultIntensity, double ceiling) {
    this.intensityUnit = intensityUnit;
    this.defaultIntensity = defaultIntensity;
    this.ceiling = ceiling;
  }

  public String intensityUnit() {
    return intensityUnit;
  }

  public double defaultIntensity() {
    return defaultIntensity;
  }

  public double ceiling() {
    return ceiling;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How an intensity of this kind reads, such as {@code 80% CPU} or {@code 500 requests}. */
  public String describe(double intensity) {
    String n =
        !Double.isFinite(intensity) || Math.abs(intensity) >= 1e9
            ? String.valueOf(intensity)
            : intensity == Math.rint(intensity)
                ? String.valueOf((long) intensity)
                : String.format(Locale.ROOT, "%.1f", intensity);
    return intensityUnit.startsWith("%") ? n + intensityUnit : n + " " + intensityUnit;
  }

  /**
   * @throws IllegalArgumentException naming the text as given and the kinds there are
   */
  public static DrillKind parse(String key) {
    for (DrillKind k : values()) {
      if (k.key().equals(key == null ? "" : key.strip().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        dev.lookout.knowledge.Inputs.echo(key)
            + " is not a kind of drill; use cpu, ram, queue or latency");
  }
}
