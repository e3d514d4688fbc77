package dev.lookout.operations;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.AlertStatus;
import dev.lookout.cost.Pricing;
import dev.lookout.health.ServiceHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
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

  private ScalePolicy() {}

  /** A change Lookout suggests, and why; {@code discord/} puts the why in words. */
  public record Suggestion(ScaleSettings proposed, Why why) {}

  /** Why a change is suggested, with the evidence behind it. */
  public sealed interface Why {
    /**
     * The service runs at its max instances while pressure alerts fire.
     *
     * @param pressing the firing pressure alerts
     */
    record Saturated(
        int fromMax,
        int toMax,
        List<Pressure> pressing,
        int instances,
        OptionalDouble cpuP99,
        OptionalDouble queueDepth,
        OptionalDouble latencyP99)
        implements Why {}

    /**
     * The service idled for the whole window while keeping warm instances.
     *
     * @param savedPerHour the money the change saves an hour, in {@code currency}
     * @param savedWatts the reserved idle power it saves
     */
    record Idle(
        Duration window,
        int warmInstances,
        double peakCpu,
        double savedPerHour,
        String currency,
        double savedWatts)
        implements Why {}
  }

  /**
   * Puts a suggestion's why in words, as its proposal keeps and shows them; implemented where
   * rendering lives ({@code discord/}).
   */
  public interface Words {
    /** One line: what is wrong and what changes. */
    String reason(Why why);

    /** The figures and alerts behind it. */
    String evidence(Why why);
  }

  /** A firing alert that says the service needs more room; {@code since} may be unknown. */
  public record Pressure(AlertSeverity severity, String title, Optional<Instant> since) {}

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
    List<Pressure> pressures = new ArrayList<>();
    for (Alert a : pressing) {
      pressures.add(new Pressure(a.severity(), a.title(), Optional.ofNullable(a.firingSince())));
    }
    return Optional.of(
        new Suggestion(
            up.get(),
            new Why.Saturated(
                current.maxInstances(),
                up.get().maxInstances(),
                pressures,
                health.instances(),
                health.cpuP99(),
                health.queueDepth(),
                health.latencyP99())));
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
    return Optional.of(
        new Suggestion(
            down,
            new Why.Idle(
                window,
                current.minInstances(),
                peak,
                before.floorPerHour() - after.floorPerHour(),
                pricing.currency(),
                before.reservedIdleWatts() - after.reservedIdleWatts())));
  }
}
