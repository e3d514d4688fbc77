package dev.lookout.operations;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.AlertStatus;
import dev.lookout.cost.Pricing;
import dev.lookout.health.Figure;
import dev.lookout.health.ServiceHealth;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When Lookout itself suggests a change: scale up when a service is saturated at its max, scale
 * down when it has idled for long while keeping warm minimum instances. Suggestions only; they
 * become proposals that a person approves.
 */
public final class ScalePolicy {
  /** The alerts that say a service needs more room. */
  public static final Set<String> PRESSURE = Set.of("saturation", "cpu", "queue_depth");

  /** CPU p99 below this for the whole idle window counts as idle. */
  public static final double IDLE_CPU = 0.05;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private ScalePolicy() {}

  /** A change Lookout suggests, why, and the evidence behind it. */
  public record Suggestion(ScaleSettings proposed, String reason, String evidence) {}

  /** The next step up for max instances: half again, within the step and the ceiling. */
  public static Optional<ScaleSettings> stepUp(ScaleSettings current, ScaleBounds bounds) {
    int step = Math.max(1, Math.min(bounds.maxStep(), (current.maxInstances() + 1) / 2));
    int max = Math.min(bounds.maxInstances(), current.maxInstances() + step);
    if (max <= current.maxInstances()) {
      return Optional.empty();
    }
    return Optional.of(
        new ScaleSettings(
            current.minInstances(),
            max,
            current.concurrency(),
            current.cpuMillis(),
            current.memoryMiB()));
  }

  /**
   * Scale up when a pressure alert fires and the service runs at its max instances.
   *
   * @param alerts the service's alerts by rule
   */
  public static Optional<Suggestion> scaleUp(
      ScaleSettings current, ServiceHealth health, Collection<Alert> alerts, ScaleBounds bounds) {
    List<Alert> pressing =
        alerts.stream()
            .filter(a -> a.status() == AlertStatus.FIRING && PRESSURE.contains(a.ruleId()))
            .toList();
    if (pressing.isEmpty() || health.instances() < current.maxInstances()) {
      return Optional.empty();
    }
    Optional<ScaleSettings> up = stepUp(current, bounds);
    if (up.isEmpty()) {
      return Optional.empty();
    }
    List<String> evidence = new ArrayList<>();
    for (Alert a : pressing) {
      evidence.add(
          a.severity().id()
              + " alert \""
              + a.title()
              + "\" firing"
              + (a.firingSince() == null ? "" : " since " + TIME.format(a.firingSince())));
    }
    evidence.add("instances " + health.instances() + " of max " + current.maxInstances());
    health.cpuP99().ifPresent(v -> evidence.add("CPU p99 " + Figure.CPU_P99.format(v)));
    health.queueDepth().ifPresent(v -> evidence.add("queue " + Figure.QUEUE_DEPTH.format(v)));
    health.latencyP99().ifPresent(v -> evidence.add("latency p99 " + Figure.LATENCY_P99.format(v)));
    return Optional.of(
        new Suggestion(
            up.get(),
            "saturated at max instances: raise max "
                + current.maxInstances()
                + " → "
                + up.get().maxInstances(),
            String.join("; ", evidence)));
  }

  /**
   * Scale down when the service idled for the whole of {@code health}'s window (which the caller
   * reads over the configured idle period) while keeping minimum instances warm.
   */
  public static Optional<Suggestion> scaleDown(
      ScaleSettings current, ServiceHealth health, Duration window, Instant now, Pricing pricing) {
    if (current.minInstances() < 1) {
      return Optional.empty();
    }
    ServiceHealth.Points cpu = health.series().cpuP99();
    if (cpu.isEmpty()
        || cpu.times().getFirst().isAfter(now.minus(window).plus(window.dividedBy(10)))) {
      return Optional.empty(); // not enough history to call it idle
    }
    double peak = cpu.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    if (peak >= IDLE_CPU || health.requestRate().orElse(0) > 0.01) {
      return Optional.empty();
    }
    ScaleSettings down =
        new ScaleSettings(
            0,
            current.maxInstances(),
            current.concurrency(),
            current.cpuMillis(),
            current.memoryMiB());
    CostEstimate before = CostEstimate.of(current, pricing);
    CostEstimate after = CostEstimate.of(down, pricing);
    String saved =
        String.format(
            Locale.ROOT,
            "saves about %.2f %s/h (%.0f %s a month) and %.1f W of reserved idle power",
            before.floorPerHour() - after.floorPerHour(),
            pricing.currency(),
            (before.floorPerHour() - after.floorPerHour()) * 730,
            pricing.currency(),
            before.reservedIdleWatts() - after.reservedIdleWatts());
    return Optional.of(
        new Suggestion(
            down,
            "idle for "
                + hours(window)
                + " with "
                + current.minInstances()
                + " warm instance(s): min → 0",
            "CPU p99 peaked at "
                + Figure.CPU_P99.format(peak)
                + " over the last "
                + hours(window)
                + "; no requests now; "
                + saved));
  }

  private static String hours(Duration d) {
    return dev.lookout.knowledge.Durations.format(d);
  }
}
