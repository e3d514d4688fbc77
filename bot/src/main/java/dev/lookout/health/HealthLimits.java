package dev.lookout.health;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The limits a service's figures are judged against; figures without a limit are not judged. */
public record HealthLimits(Map<Figure, Limit> limits) {
  public HealthLimits {
    limits = Collections.unmodifiableMap(new EnumMap<>(limits));
  }

  /** Sensible limits for a Cloud Run service. */
  public static HealthLimits defaults() {
    Map<Figure, Limit> m = new EnumMap<>(Figure.class);
    m.put(Figure.CPU_P99, new Limit(0.80, 0.95));
    m.put(Figure.MEMORY_P99, new Limit(0.80, 0.95));
    m.put(Figure.ERROR_RATE, new Limit(0.01, 0.05));
    m.put(Figure.LATENCY_P99, new Limit(2_000, 10_000));
    m.put(Figure.QUEUE_DEPTH, new Limit(100, 1_000));
    return new HealthLimits(m);
  }

  /** These limits with {@code overrides} replacing the figures they name. */
  public HealthLimits with(Map<Figure, Limit> overrides) {
    Map<Figure, Limit> m = new EnumMap<>(Figure.class);
    m.putAll(limits);
    m.putAll(overrides);
    return new HealthLimits(m);
  }

  public java.util.Optional<Limit> of(Figure figure) {
    return java.util.Optional.ofNullable(limits.get(figure));
  }
}
