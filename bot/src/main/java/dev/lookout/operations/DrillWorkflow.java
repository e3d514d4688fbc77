package dev.lookout.operations;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.health.HealthSource;
import dev.lookout.health.ServiceHealth;
import dev.lookout.knowledge.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Load drills: bounded, one per service at a time, recorded and audited. When a drill ends its card
 * shows the peak figures seen; a fire drill ({@code expect}) also says whether the expected alert
 * reached a subscribed channel while it ran.
 */
public final class DrillWorkflow {
  /** The least intensity a drill can have: 1% or one request; less would not be a drill. */
  public static final double MIN_INTENSITY = 1;

  private final Drills store;
  private final LoadTarget target;
  private final HealthSource health;
  private final DrillLimits limits;
  private final Words words;
  private final Clock clock;

  /**
   * What a drill found, put in the words its record and the audit keep; implemented where rendering
   * lives ({@code discord/}).
   */
  public interface Words {
    /** The highest figures seen while the drill ran. */
    String peak(Peak peak);

    /** A fire drill's evidence: the alert it expected, and where and when it arrived. */
    String reached(Drills.DeliveredAlert alert);

    /** A fire drill's finding that no alert of {@code expected} arrived in the time allowed. */
    String missed(AlertSeverity expected, String service, Instant from, Instant until);

    /** The audit line of a drill that ran its time, with a fire drill's verdict and detail. */
    String finished(Optional<String> verdict, Optional<String> detail);

    /** Who stopped a drill early; {@code stopFailed} says why its load may still run. */
    String stoppedEarly(String actor, Optional<String> stopFailed);
  }

  /** The highest figures seen while a drill ran; each is empty when it was not measured. */
  public record Peak(
      Optional<Double> cpuP99,
      Optional<Double> memoryP99,
      Optional<Double> instances,
      int maxInstances,
      Optional<Double> queueDepth,
      Optional<Double> latencyP99) {
    boolean isEmpty() {
      return cpuP99.isEmpty()
          && memoryP99.isEmpty()
          && instances.isEmpty()
          && queueDepth.isEmpty()
          && latencyP99.isEmpty();
    }
  }

  public DrillWorkflow(
      Drills store,
      LoadTarget target,
      HealthSource health,
      DrillLimits limits,
      Words words,
      Clock clock) {
    this.store = store;
    this.target = target;
    this.health = health;
    this.limits = limits;
    this.words = words;
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
          new InvalidDrillException.Problem.DurationOutOfRange(
              duration, DrillLimits.MIN_DURATION, limits.maxDuration()));
    }
    double level = intensity.orElse(Math.min(kind.defaultIntensity(), limits.max(kind)));
    if (!(level >= MIN_INTENSITY) || level > limits.max(kind)) {
      throw new InvalidDrillException(
          new InvalidDrillException.Problem.IntensityOutOfRange(
              kind, level, MIN_INTENSITY, limits.max(kind)));
    }
    if ((kind == DrillKind.QUEUE || kind == DrillKind.LATENCY) && level != Math.rint(level)) {
      throw new InvalidDrillException(new InvalidDrillException.Problem.NotWholeRequests(kind));
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
      throw new InvalidDrillException(
          new InvalidDrillException.Problem.LoadRefused(e.getMessage()));
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
    Optional<String> stopFailed = Optional.empty();
    try {
      target.stop(service);
    } catch (LoadTarget.LoadRefusedException e) {
      stopFailed = Optional.of(e.getMessage());
    }
    String note = words.stoppedEarly(actor, stopFailed);
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
                  words.missed(
                      d.expect().get(),
                      d.service(),
                      d.startedAt(),
                      d.endsAt().plus(limits.alertGrace())));
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
                  words.finished(verdict, detail)));
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
        return Optional.of(words.reached(a));
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
    Peak peak =
        new Peak(
            max(h.series().cpuP99(), from),
            max(h.series().memoryP99(), from),
            max(h.series().instances(), from),
            h.maxInstances(),
            max(h.series().queueDepth(), from),
            max(h.series().latencyP99(), from));
    return peak.isEmpty() ? Optional.empty() : Optional.of(words.peak(peak));
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
