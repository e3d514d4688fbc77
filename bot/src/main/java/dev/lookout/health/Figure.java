package dev.lookout.health;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The figures of a {@link ServiceHealth} that can be judged against limits, with how each is read
 * and written. Config files name them by {@link #key()}.
 */
public enum Figure {
  CPU_P99("cpu", "CPU p99", ServiceHealth::cpuP99, Unit.PERCENT),
  MEMORY_P99("memory", "Memory p99", ServiceHealth::memoryP99, Unit.PERCENT),
  ERROR_RATE("error_rate", "5xx rate", ServiceHealth::errorRate, Unit.PERCENT),
  LATENCY_P99("latency_p99", "Latency p99", ServiceHealth::latencyP99, Unit.MILLIS),
  QUEUE_DEPTH("queue_depth", "Queue depth", ServiceHealth::queueDepth, Unit.COUNT),
  REQUEST_RATE("request_rate", "Requests", ServiceHealth::requestRate, Unit.PER_SECOND),
  INSTANCES("instances", "Instances", h -> OptionalDouble.of(h.instances()), Unit.COUNT);

  private final String key;
  private final String label;
  private final Function<ServiceHealth, OptionalDouble> reader;
  private final Unit unit;

  Figure(String key, String label, Function<ServiceHealth, OptionalDouble> reader, Unit unit) {
    this.key = key;
    this.label = label;
    this.reader = reader;
    this.unit = unit;
  }

  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  public OptionalDouble read(ServiceHealth health) {
    return reader.apply(health);
  }

  public Unit unit() {
    return unit;
  }

  /** Writes {@code value} the way people read this figure, such as {@code 83%} or {@code 1.2 s}. */
  public String format(double value) {
    return unit.format(value);
  }

  public static Figure byKey(String key) {
    for (Figure f : values()) {
      if (f.key.equals(key)) {
        return f;
      }
    }
    throw new IllegalArgumentException(key);
  }

  /** How a figure's values read. */
  public enum Unit {
    PERCENT,
    MILLIS,
    COUNT,
    PER_SECOND;

    public String format(double v) {
      return switch (this) {
        case PERCENT -> String.format(Locale.ROOT, v < 0.1 && v > 0 ? "%.1f%%" : "%.0f%%", v * 100);
        case MILLIS ->
            v >= 1000
                ? String.format(Locale.ROOT, "%.1f s", v / 1000)
                : String.format(Locale.ROOT, "%.0f ms", v);
        case COUNT -> String.format(Locale.ROOT, "%.0f", v);
        case PER_SECOND -> String.format(Locale.ROOT, v < 10 ? "%.2f/s" : "%.0f/s", v);
      };
    }
  }
}
