package dev.lookout.operations;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How hard and how long drills may push a service, from configuration.
 *
 * @param maxDuration the longest drill
 * @param maxIntensity the strongest drill of each kind
 * @param alertGrace how long after a fire drill ends an expected alert still counts, since
 *     monitoring data arrives about a minute late
 */
public record DrillLimits(
    Duration maxDuration, Map<DrillKind, Double> maxIntensity, Duration alertGrace) {
  public static final Duration MIN_DURATION = Duration.ofSeconds(30);

  public DrillLimits {
    maxIntensity = Map.copyOf(maxIntensity);
  }

  public static DrillLimits defaults() {
    Map<DrillKind, Double> max = new EnumMap<>(DrillKind.class);
    max.put(DrillKind.CPU, 100.0);
    max.put(DrillKind.RAM, 95.0);
    max.put(DrillKind.QUEUE, 5000.0);
    max.put(DrillKind.LATENCY, 50.0);
    return new DrillLimits(Duration.ofMinutes(30), max, Duration.ofMinutes(3));
  }

  public double max(DrillKind kind) {
    return maxIntensity.getOrDefault(kind, kind.ceiling());
  }
}
