package dev.lookout.alerts;

import java.time.Duration;

/**
 * A condition worth telling people about, with how long it must hold before it fires and a runbook
 * shown with the alert (as Cloud Monitoring shows a policy's documentation).
 */
public sealed interface AlertRule
    permits ThresholdRule, SaturationRule, AnomalyRule, LogRateRule, LogPatternRule, ExternalRule {

  /** Unique per service, used in fingerprints, silences and config: {@code cpu}, {@code oom}. */
  String id();

  /** A short human title such as "CPU p99 high". */
  String title();

  String runbook();

  /** How long a breach at {@code severity} must last before the alert fires. */
  Duration holdFor(AlertSeverity severity);

  /** Judges one observation; {@code memory} is this rule's own history for this service. */
  Reading read(Observation observation, RuleMemory memory);

  /** How figures of this rule are written, such as {@code 87%}. */
  String format(double value);
}
