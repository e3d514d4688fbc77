package dev.lookout.health;

/** How a service, or one of its figures, is doing. */
public enum HealthLevel {
  OK,
  WARN,
  FATAL,
  /** No data to judge by (Google unreachable, or the service has never reported). */
  UNKNOWN;

  public HealthLevel worse(HealthLevel other) {
    return rank() >= other.rank() ? this : other;
  }

  private int rank() {
    return switch (this) {
      case OK -> 0;
      case UNKNOWN -> 1;
      case WARN -> 2;
      case FATAL -> 3;
    };
  }
}
