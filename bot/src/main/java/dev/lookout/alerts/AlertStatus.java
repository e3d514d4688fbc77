package dev.lookout.alerts;

/** Where an alert is in its life: breaching but not yet for long enough, firing, or over. */
public enum AlertStatus {
  PENDING,
  FIRING,
  RESOLVED
}
