package dev.lookout.health;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A snapshot of one Cloud Run service: the newest value of each figure, the scaling bounds, and the
 * series behind them for charts. A figure with no data (no requests in the window, no queue metric)
 * is empty rather than zero.
 *
 * @param dataTime the end of the newest minute that had data
 */
public record ServiceHealth(
    String service,
    String revision,
    OptionalDouble cpuP99,
    OptionalDouble cpuMean,
    OptionalDouble memoryP99,
    int activeInstances,
    int idleInstances,
    int minInstances,
    int maxInstances,
    OptionalDouble requestRate,
    OptionalDouble errorRate,
    OptionalDouble latencyP50,
    OptionalDouble latencyP95,
    OptionalDouble latencyP99,
    OptionalDouble queueDepth,
    Instant dataTime,
    Series series) {

  /** One figure over time, oldest first. */
  public record Points(List<Instant> times, List<Double> values) {
    public Points {
      times = List.copyOf(times);
      values = List.copyOf(values);
      if (times.size() != values.size()) {
        throw new IllegalArgumentException("times and values differ in length");
      }
    }

    public static Points empty() {
      return new Points(List.of(), List.of());
    }

    public boolean isEmpty() {
      return times.isEmpty();
    }
  }

  /** The series the status chart draws. */
  public record Series(
      Points cpuP99, Points memoryP99, Points instances, Points latencyP99, Points queueDepth) {}

  public int instances() {
    return activeInstances + idleInstances;
  }

  /** A service nothing is known of: no figure, no series (a service only other systems watch). */
  public static ServiceHealth unknown(String service, Instant at) {
    java.util.OptionalDouble none = java.util.OptionalDouble.empty();
    Points empty = Points.empty();
    return new ServiceHealth(
        service,
        "",
        none,
        none,
        none,
        0,
        0,
        0,
        0,
        none,
        none,
        none,
        none,
        none,
        none,
        at,
        new Series(empty, empty, empty, empty, empty));
  }
}
