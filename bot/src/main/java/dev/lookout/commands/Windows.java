package dev.lookout.commands;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the time windows people type: {@code 15m}, {@code 1h}, {@code 6h}, {@code 1d}. */
public final class Windows {
  public static final Duration MIN = Duration.ofMinutes(5);
  public static final Duration MAX = Duration.ofDays(7);
  public static final String ALLOWED = "5m to 7d, written like 15m, 1h, 6h or 1d";
  private static final Pattern FORM = Pattern.compile("(\\d{1,4})\\s*([mhd])");

  private Windows() {}

  /**
   * @throws IllegalArgumentException saying what is allowed
   */
  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "`" + text + "` is not a time window. Use " + ALLOWED + ".");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("`" + text + "` is out of range. Use " + ALLOWED + ".");
    }
    return d;
  }
}
