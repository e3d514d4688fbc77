package dev.lookout.alerts;

/** How bad an alert is. Subscriptions choose the lowest severity they want. */
public enum AlertSeverity {
  WARN,
  FATAL;

  public boolean atLeast(AlertSeverity other) {
    return ordinal() >= other.ordinal();
  }

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Reads {@code warn} or {@code fatal}; the message says what is allowed. */
  public static AlertSeverity parse(String text) {
    for (AlertSeverity s : values()) {
      if (s.id().equals(text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        dev.lookout.knowledge.Inputs.echo(text) + " is not a severity; use warn or fatal");
  }
}
