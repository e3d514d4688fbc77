package dev.lookout.alerts;

/**
 * A change in an alert worth notifying: it fired, escalated, resolved, is still firing, or fired or
 * resolved again while flapping.
 *
 * @param spell the flapping spell a {@link Kind#FLAPPING} event belongs to; null otherwise
 */
public record AlertEvent(Kind kind, Alert alert, Flapping.Spell spell) {
  public enum Kind {
    FIRED,
    ESCALATED,
    /** Still firing, unacknowledged, and last notified longer ago than the repeat interval. */
    REMINDER,
    RESOLVED,
    /**
     * A flapping alert fired or resolved again ({@link Alert#status()} says which): its card is
     * edited in place rather than a new message posted.
     */
    FLAPPING
  }

  public AlertEvent {
    if ((kind == Kind.FLAPPING) != (spell != null)) {
      throw new IllegalArgumentException("a flapping event, and only one, has a spell");
    }
  }

  public AlertEvent(Kind kind, Alert alert) {
    this(kind, alert, null);
  }
}
