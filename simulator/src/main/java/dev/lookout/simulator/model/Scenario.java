package dev.lookout.simulator.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shape of a service's life: how its traffic varies through the day and which failure it is
 * prone to. Scenarios are selected by name on the command line and in tests.
 */
public enum Scenario {
  /** Constant traffic with a little noise. */
  STEADY,
  /** Traffic that follows the working day: low at night, a peak in the early afternoon. */
  DAILY_WAVE,
  /** A steady baseline with a burst of six times the traffic for five minutes every 45 minutes. */
  SPIKE,
  /** Each instance leaks memory with every request until it is killed for exceeding its limit. */
  MEMORY_LEAK,
  /** Instances crash shortly after they start, and are restarted, over and over. */
  CRASH_LOOP,
  /** Almost no traffic: the service scales to its minimum. */
  IDLE;

  /** The name used in flags and configuration, such as {@code daily-wave}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses a scenario name such as {@code daily-wave}; the message lists the allowed names. */
  public static Scenario parse(String name) {
    for (Scenario s : values()) {
      if (s.id().equals(name.trim().toLowerCase(Locale.ROOT).replace('_', '-'))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown scenario '"
            + name
            + "'; allowed: "
            + Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", ")));
  }

  /** How many times the service's base traffic arrives at this instant. */
  double trafficFactor(Instant at) {
    return switch (this) {
      case STEADY, MEMORY_LEAK, CRASH_LOOP -> 1.0;
      case DAILY_WAVE -> {
        double hour = at.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 3600.0;
        // Trough at 02:00, peak at 14:00.
        yield 1.0 + 0.8 * Math.sin(2 * Math.PI * (hour - 8) / 24.0);
      }
      case SPIKE -> (at.getEpochSecond() / 60) % 45 < 5 ? 6.0 : 1.0;
      case IDLE -> 0.02;
    };
  }
}
