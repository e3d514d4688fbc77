package dev.lookout.operations;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.health.Figure;
import dev.lookout.health.HealthSource;
import dev.lookout.health.ServiceHealth;
import dev.lookout.knowledge.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Load drills: bounded, one per service at a time, recorded and audited. When a drill ends its card
 * shows the peak figures seen; a fire drill ({@code expect}) also says whether the expected alert
 * reached a subscribed channel while it ran.
 */
public final class DrillWorkflow {
  /** The least intensity a drill can have: 1% or one request; less would not be a drill. */
  public static final double MIN_INTENSITY = 1;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Drills store;
  private final LoadTarget target;
  private final HealthSource health;
  private final DrillLimits limits;
  private final Clock clock;

  public DrillWorkflow(
      Drills store, LoadTarget target, HealthSource health, DrillLimits limits, Clock clock) {
    this.store = store;
    this.target = target;
    this.health = health;
    this.limits = limits;
    this.clock = clock;
  }

  public DrillLimits limits() {
    return limits;
  }

  /**
   * Starts a drill after checking its bounds.
   *
   * @throws InvalidDrillException when it is out of bounds or the load endpoint refuses it
   * @throws Drills.DrillRunningException when the service already has a drill running
   */
  public LoadDrill start(
      String guildId,
      String channelId,
      String service,
      DrillKind kind,
      Optional<Double> intensity,
      Duration duration,
      Optional<AlertSeverity> expect,
      String actor) {
    if (duration.compareTo(DrillLimits.MIN_DURATION) < 0
        || duration.compareTo(limits.maxDuration()) > 0) {
      throw new InvalidDrillException(
          "a drill lasts "
              + Durations.range(DrillLimits.MIN_DURATION, limits.maxDuration())
              + "; "
              + Durations.format(duration)
              + " is outside that");
    }
    double level = intensity.orElse(Math.min(kind.defaultIntensity(), limits.max(kind)));
    if (!(level >= MIN_INTENSITY) || level > limits.max(kind)) {
      throw new InvalidDrillException(
          "intensity "
              + kind.describe(level)
              + " is out of range for a "
              + kind.key()
              + " drill; allowed: "
              + kind.describe(MIN_INTENSITY)
              + " up to "
              + kind.describe(limits.max(kind)));
    }
    if ((kind == DrillKind.QUEUE || kind == DrillKind.LATENCY) && level != Math.rint(level)) {
      throw new InvalidDrillException(
          "a " + kind.key() + " drill needs a whole number of requests");
    }
    Instant now = clock.instant();
    LoadDrill drill =
        store.start(
            new LoadDrill(
                0,
                "",
                guildId,
                channelId,
                service,
                kind,
                level,
                actor,
                now,
                now.plus(duration),
                DrillStatus.RUNNING,
                expect,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()),
            audit(
                now,
                guildId,
                service,
                actor,
                "drill-started",
                kind.key()
                    + " "
                    + kind.describe(level)
                    + " for "
                    + Durations.format(duration)
                    + expect.map(e -> ", expecting " + e.id()).orElse("")));
    try {
      target.start(service, kind, level, duration);
    } catch (LoadTarget.LoadRefusedException e) {
      store.finish(
          drill.id(),
          DrillStatus.FAILED,
          Optional.empty(),
          Optional.empty(),
          Optional.of(e.getMessage()),
          audit(now, guildId, service, "Lookout", "drill-failed", e.getMessage()));
      throw new InvalidDrillException("the load endpoint refused it: " + e.getMessage());
    }
    return drill;
  }

  /**
   * Ends the service's running drill now.
   *
   * @return the stopped drill, or empty when none was running
   */
  public Optional<LoadDrill> stop(String service, String actor) {
    Optional<LoadDrill> running = store.running(service);
    if (running.isEmpty()) {
      return Optional.empty();
    }
    LoadDrill d = running.get();
    String note = "stopped early by " + actor;
    try {
      target.stop(service);
    } catch (LoadTarget.LoadRefusedException e) {
      note += "; the stop endpoint failed (" + e.getMessage() + "), load may run until its end";
    }
    Instant now = clock.instant();
    return store.finish(
        d.id(),
        DrillStatus.STOPPED,
        d.expect().map(e -> "fail"),
        peak(d, now),
        Optional.of(note),
        audit(now, d.guildId(), service, actor, "drill-stopped", note));
  }

  /** Ends drills whose time is up, and judges fire drills; returns how many ended. */
  public int finishDue() {
    Instant now = clock.instant();
    int ended = 0;
    for (LoadDrill d : store.running()) {
      if (now.isBefore(d.endsAt())) {
        continue;
      }
      Optional<String> verdict = Optional.empty();
      Optional<String> detail = Optional.empty();
      if (d.expect().isPresent()) {
        Optional<String> evidence = expectedAlert(d, now);
        if (evidence.isPresent()) {
          verdict = Optional.of("pass");
          detail = evidence;
        } else if (now.isBefore(d.endsAt().plus(limits.alertGrace()))) {
          continue; // monitoring is a minute behind: the alert may still be on its way
        } else {
          verdict = Optional.of("fail");
          detail =
              Optional.of(
                  "no "
                      + d.expect().get().id()
                      + " alert about "
                      + d.service()
                      + " reached a subscribed channel between "
                      + TIME.format(d.startedAt())
                      + " and "
                      + TIME.format(d.endsAt().plus(limits.alertGrace())));
        }
      }
      Optional<LoadDrill> done =
          store.finish(
              d.id(),
              DrillStatus.FINISHED,
              verdict,
              peak(d, now),
              detail,
              audit(
                  now,
                  d.guildId(),
                  d.service(),
                  "Lookout",
                  "drill-finished",
                  verdict.map(v -> "fire drill " + v + ": ").orElse("")
                      + detail.orElse("ran its course")));
      if (done.isPresent()) {
        ended++;
      }
    }
    return ended;
  }

  /** The alert a fire drill expected, if one reached a subscribed channel, in words. */
  private Optional<String> expectedAlert(LoadDrill d, Instant now) {
    Instant until = d.endsAt().plus(limits.alertGrace());
    for (Drills.DeliveredAlert a :
        store.alertsDelivered(d.service(), d.startedAt(), now.isBefore(until) ? now : until)) {
      if (a.severity().atLeast(d.expect().get())) {
        return Optional.of(
            a.severity().id()
                + " alert \""
                + a.title()
                + "\" reached <#"
                + a.channelId()
                + "> at "
                + TIME.format(a.at()));
      }
    }
    return Optional.empty();
  }

  /** The highest figures seen from the drill's start until now, or empty if Google is away. */
  private Optional<String> peak(LoadDrill d, Instant now) {
    ServiceHealth h;
    try {
      h =
          health.read(
              d.service(), Duration.between(d.startedAt(), now).plus(Duration.ofMinutes(2)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    Instant from = d.startedAt();
    List<String> parts = new ArrayList<>();
    max(h.series().cpuP99(), from).ifPresent(v -> parts.add("CPU p99 " + Figure.CPU_P99.format(v)));
    max(h.series().memoryP99(), from)
        .ifPresent(v -> parts.add("memory p99 " + Figure.MEMORY_P99.format(v)));
    max(h.series().instances(), from)
        .ifPresent(
            v ->
                parts.add(
                    "instances "
                        + String.format(Locale.ROOT, "%.0f", v)
                        + " of "
                        + h.maxInstances()));
    max(h.series().queueDepth(), from)
        .ifPresent(v -> parts.add("queue " + Figure.QUEUE_DEPTH.format(v)));
    max(h.series().latencyP99(), from)
        .ifPresent(v -> parts.add("latency p99 " + Figure.LATENCY_P99.format(v)));
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" · ", parts));
  }

  private static Optional<Double> max(ServiceHealth.Points p, Instant from) {
    double best = Double.NaN;
    for (int i = 0; i < p.times().size(); i++) {
      if (!p.times().get(i).isBefore(from)) {
        double v = p.values().get(i);
        best = Double.isNaN(best) ? v : Math.max(best, v);
      }
    }
    return Double.isNaN(best) ? Optional.empty() : Optional.of(best);
  }

  private static AuditEntry audit(
      Instant at, String guild, String service, String actor, String action, String detail) {
    return ScaleWorkflow.audit(at, guild, service, actor, action, detail);
  }
}
