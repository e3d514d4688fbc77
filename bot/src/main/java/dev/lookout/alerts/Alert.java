package dev.lookout.alerts;

import java.time.Instant;

/**
 * One incident of one rule on one service. A warn that escalates to fatal stays the same incident;
 * its {@link #fingerprint()} (service, rule, severity) changes, which is what makes the escalation
 * worth a notification.
 *
 * @param breachSince when the value last started to breach at warn or worse, or null
 * @param fatalSince when the value last started to breach at fatal, or null
 * @param acknowledgedBy who acknowledged the alert (stops reminders), or null
 * @param lastDataAt when the rule last had data to judge; long silence resolves a firing alert
 */
public record Alert(
    String service,
    String ruleId,
    String title,
    AlertStatus status,
    AlertSeverity severity,
    Instant breachSince,
    Instant fatalSince,
    Instant firingSince,
    Instant resolvedAt,
    double value,
    double threshold,
    String detail,
    String runbook,
    String acknowledgedBy,
    Instant lastDataAt) {

  public String fingerprint() {
    return service + "/" + ruleId + "/" + severity.id();
  }

  /** The incident, whatever its severity. */
  public String incident() {
    return service + "/" + ruleId;
  }

  public Alert acknowledged(String by) {
    return new Alert(
        service,
        ruleId,
        title,
        status,
        severity,
        breachSince,
        fatalSince,
        firingSince,
        resolvedAt,
        value,
        threshold,
        detail,
        runbook,
        by,
        lastDataAt);
  }
}
