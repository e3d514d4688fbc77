package dev.lookout.simulator.load;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses drill durations as the load endpoints accept them: {@code 30s}, {@code 5m}, {@code 90}.
 */
public final class DrillDurations {
  public static final Duration MIN = Duration.ofSeconds(1);
  public static final Duration MAX = Duration.ofMinutes(30);
  public static final String ALLOWED = "1s to 30m, written as 30s, 5m, 1m30s or plain seconds";

  private static final Pattern FORM = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  private DrillDurations() {}

  /**
   * @throws IllegalArgumentException with a message naming what is allowed
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("is required; allowed: " + ALLOWED);
    }
    String t = text.trim();
    Duration d;
    if (t.matches("\\d{1,9}")) {
      d = Duration.ofSeconds(Long.parseLong(t));
    } else {
      Matcher m = FORM.matcher(t);
      if (!m.matches() || t.isEmpty() || t.length() > 16) {
        throw new IllegalArgumentException("'" + text + "' is not a duration; allowed: " + ALLOWED);
      }
      d = Duration.ZERO;
      if (m.group(1) != null) {
        d = d.plusHours(Long.parseLong(m.group(1)));
      }
      if (m.group(2) != null) {
        d = d.plusMinutes(Long.parseLong(m.group(2)));
      }
      if (m.group(3) != null) {
        d = d.plusSeconds(Long.parseLong(m.group(3)));
      }
    }
    if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("'" + text + "' is out of range; allowed: " + ALLOWED);
    }
    return d;
  }
}
