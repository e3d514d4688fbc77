package dev.lookout.knowledge;

import java.util.Locale;

/** Cloud Logging's severities, lowest first. */
public enum Severity {
  DEFAULT,
  DEBUG,
  INFO,
  NOTICE,
  WARNING,
  ERROR,
  CRITICAL,
  ALERT,
  EMERGENCY;

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /** Reads Cloud Logging names and the usual log-level spellings (WARN, FATAL, E, ...). */
  public static Severity parse(String text) {
    if (text == null) {
      return DEFAULT;
    }
    String t = text.strip().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "TRACE", "FINE", "FINER", "FINEST", "DEBUG", "D", "V" -> DEBUG;
      case "INFO", "I", "CONFIG" -> INFO;
      case "NOTICE" -> NOTICE;
      case "WARN", "WARNING", "W" -> WARNING;
      case "ERROR", "ERR", "E", "SEVERE" -> ERROR;
      case "CRITICAL", "CRIT", "FATAL", "F" -> CRITICAL;
      case "ALERT" -> ALERT;
      case "EMERGENCY", "EMERG", "PANIC" -> EMERGENCY;
      default -> DEFAULT;
    };
  }
}
