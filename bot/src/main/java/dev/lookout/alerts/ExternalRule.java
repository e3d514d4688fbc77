package dev.lookout.alerts;

import java.time.Duration;
import java.util.Optional;

/**
 * An external alert as a rule of its service: it breaches at the sender's severity while the sender
 * says it is open and is clear once the sender closes it. It holds for no time of its own, since
 * the sender has already judged the condition.
 */
public record ExternalRule(ExternalAlert alert) implements AlertRule {
  @Override
  public String id() {
    return alert.ruleId();
  }

  @Override
  public String title() {
    return alert.title();
  }

  @Override
  public String runbook() {
    return alert.runbook();
  }

  @Override
  public Duration holdFor(AlertSeverity severity) {
    return Duration.ZERO;
  }

  @Override
  public Reading read(Observation observation, RuleMemory memory) {
    return alert.open()
        ? new Reading(Optional.of(alert.severity()), 1, 1, false, alert.detail())
        : new Reading(Optional.empty(), 0, 1, true, alert.detail());
  }

  @Override
  public String format(double value) {
    return alert.open() ? "open" : "closed";
  }
}
