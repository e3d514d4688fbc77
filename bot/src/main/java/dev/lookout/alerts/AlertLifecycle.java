package dev.lookout.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The alert life cycle: pending while a breach has not lasted long enough, firing once it has,
 * escalated to fatal when a fatal breach lasts long enough, resolved once the value is clear of the
 * rule's clear threshold. Missing data never resolves an alert.
 */
public final class AlertLifecycle {
  /** A firing alert whose rule has had no data this long is resolved. */
  static final Duration NO_DATA_RESOLVES = Duration.ofMinutes(10);

  private AlertLifecycle() {}

  /** The alert after one reading, and the event it causes, if any. */
  public record Step(Optional<Alert> alert, Optional<AlertEvent> event) {
    static Step none() {
      return new Step(Optional.empty(), Optional.empty());
    }

    static Step quiet(Alert a) {
      return new Step(Optional.of(a), Optional.empty());
    }

    static Step event(Alert a, AlertEvent.Kind kind) {
      return new Step(Optional.of(a), Optional.of(new AlertEvent(kind, a)));
    }
  }

  public static Step step(
      String service, AlertRule rule, Optional<Alert> previous, Reading reading, Instant now) {
    Alert prev = previous.filter(a -> a.status() != AlertStatus.RESOLVED).orElse(null);
    if (!reading.hasData()) {
      if (prev != null
          && prev.status() == AlertStatus.FIRING
          && prev.lastDataAt() != null
          && held(prev.lastDataAt(), now, NO_DATA_RESOLVES)) {
        // Nothing left to measure (a service scaled to zero has no CPU): the condition is gone.
        Alert resolved =
            new Alert(
                service,
                rule.id(),
                rule.title(),
                AlertStatus.RESOLVED,
                prev.severity(),
                null,
                null,
                prev.firingSince(),
                now,
                prev.value(),
                prev.threshold(),
                "no data for " + NO_DATA_RESOLVES.toMinutes() + " min (nothing left to measure)",
                rule.runbook(),
                prev.acknowledgedBy(),
                prev.lastDataAt());
        return Step.event(resolved, AlertEvent.Kind.RESOLVED);
      }
      return prev == null ? Step.none() : Step.quiet(prev);
    }
    Optional<AlertSeverity> breach = reading.breach();
    Instant breachSince =
        breach.isPresent()
            ? (prev != null && prev.breachSince() != null ? prev.breachSince() : now)
            : null;
    Instant fatalSince =
        breach.filter(s -> s == AlertSeverity.FATAL).isPresent()
            ? (prev != null && prev.fatalSince() != null ? prev.fatalSince() : now)
            : null;
    boolean fatalHeld =
        fatalSince != null && held(fatalSince, now, rule.holdFor(AlertSeverity.FATAL));
    boolean warnHeld =
        breachSince != null && held(breachSince, now, rule.holdFor(AlertSeverity.WARN));

    if (prev == null || prev.status() == AlertStatus.PENDING) {
      if (breachSince == null) {
        return Step.none();
      }
      if (fatalHeld || warnHeld) {
        AlertSeverity severity = fatalHeld ? AlertSeverity.FATAL : AlertSeverity.WARN;
        return Step.event(
            alert(
                service,
                rule,
                AlertStatus.FIRING,
                severity,
                breachSince,
                fatalSince,
                now,
                null,
                reading,
                null,
                now),
            AlertEvent.Kind.FIRED);
      }
      return Step.quiet(
          alert(
              service,
              rule,
              AlertStatus.PENDING,
              breach.get(),
              breachSince,
              fatalSince,
              null,
              null,
              reading,
              null,
              now));
    }

    // Firing.
    if (reading.clear()) {
      return Step.event(
          alert(
              service,
              rule,
              AlertStatus.RESOLVED,
              prev.severity(),
              null,
              null,
              prev.firingSince(),
              now,
              reading,
              prev.acknowledgedBy(),
              now),
          AlertEvent.Kind.RESOLVED);
    }
    if (prev.severity() == AlertSeverity.WARN && fatalHeld) {
      return Step.event(
          alert(
              service,
              rule,
              AlertStatus.FIRING,
              AlertSeverity.FATAL,
              breachSince,
              fatalSince,
              prev.firingSince(),
              null,
              reading,
              null,
              now),
          AlertEvent.Kind.ESCALATED);
    }
    // Still firing: the severity does not drop until the incident is resolved.
    return Step.quiet(
        alert(
            service,
            rule,
            AlertStatus.FIRING,
            prev.severity(),
            breachSince,
            fatalSince,
            prev.firingSince(),
            null,
            reading,
            prev.acknowledgedBy(),
            now));
  }

  private static boolean held(Instant since, Instant now, Duration hold) {
    return !Duration.between(since, now).minus(hold).isNegative();
  }

  private static Alert alert(
      String service,
      AlertRule rule,
      AlertStatus status,
      AlertSeverity severity,
      Instant breachSince,
      Instant fatalSince,
      Instant firingSince,
      Instant resolvedAt,
      Reading reading,
      String acknowledgedBy,
      Instant now) {
    return new Alert(
        service,
        rule.id(),
        rule.title(),
        status,
        severity,
        breachSince,
        fatalSince,
        firingSince,
        resolvedAt,
        reading.value(),
        reading.threshold(),
        reading.detail(),
        rule.runbook(),
        acknowledgedBy,
        now);
  }
}
