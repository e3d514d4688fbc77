package dev.lookout.alerts;

import dev.lookout.health.ServiceHealth;
import java.time.Duration;
import java.util.Optional;

/**
 * Instances pinned at their maximum while the queue keeps growing: the service cannot scale its way
 * out, and only a higher maximum (or less traffic) helps.
 *
 * @param minimumQueue a queue shorter than this is not a saturation, whatever its trend; ten times
 *     it, still growing, is fatal
 */
public record SaturationRule(
    Duration warnFor, Duration fatalFor, double minimumQueue, String runbook) implements AlertRule {

  @Override
  public String id() {
    return "saturation";
  }

  @Override
  public String title() {
    return "Saturated at max instances";
  }

  @Override
  public Duration holdFor(AlertSeverity severity) {
    return severity == AlertSeverity.FATAL ? fatalFor : warnFor;
  }

  @Override
  public Reading read(Observation observation, RuleMemory memory) {
    ServiceHealth h = observation.health();
    if (h.queueDepth().isEmpty()) {
      return Reading.noData();
    }
    double queue = h.queueDepth().getAsDouble();
    double[] previous = memory.values();
    memory.add(queue);
    boolean pinned = h.instances() >= h.maxInstances();
    boolean growing = previous.length > 0 && queue > previous[previous.length - 1];
    boolean shrinking = previous.length > 0 && queue < previous[previous.length - 1];
    boolean breach = pinned && growing && queue >= minimumQueue;
    // Ten times the minimum and still growing at the ceiling is an outage in the making.
    Optional<AlertSeverity> severity =
        !breach
            ? Optional.empty()
            : Optional.of(queue >= 10 * minimumQueue ? AlertSeverity.FATAL : AlertSeverity.WARN);
    // Once firing, it stays until the queue shrinks or instances are no longer pinned.
    boolean clear = !pinned || shrinking || queue < minimumQueue;
    return new Reading(
        severity,
        queue,
        minimumQueue,
        clear,
        h.instances()
            + " of "
            + h.maxInstances()
            + " instances, queue "
            + Math.round(queue)
            + (growing ? " and growing" : ""));
  }

  @Override
  public String format(double value) {
    return Math.round(value) + " queued";
  }
}
