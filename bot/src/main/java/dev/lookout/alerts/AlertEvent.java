package dev.lookout.alerts;

/** A change in an alert worth notifying: it fired, escalated, resolved, or is still firing. */
public record AlertEvent(Kind kind, Alert alert) {
  public enum Kind {
    FIRED,
    ESCALATED,
    /** Still firing, unacknowledged, and last notified longer ago than the repeat interval. */
    REMINDER,
    RESOLVED
  }
}
