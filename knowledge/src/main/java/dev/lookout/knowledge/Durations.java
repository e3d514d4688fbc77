package dev.lookout.knowledge;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them: 90s, 15m, 1h, 1h30m, 2d. */
public final class Durations {
  private static final Pattern PARTS =
      Pattern.compile("(?:(\\d{1,4})d)?(?:(\\d{1,5})h)?(?:(\\d{1,6})m)?(?:(\\d{1,7})s)?");

  private Durations() {}

  /** The way {@link #parse} reads it: 90s, 15m, 6h, 2d. */
  public static String format(Duration d) {
    long s = d.toSeconds();
    return s % 86_400 == 0
        ? s / 86_400 + "d"
        : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  /**
   * Reads a duration.
   *
   * @throws IllegalArgumentException saying how to write one
   */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Matcher m = PARTS.matcher(t);
    if (t.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException(
          "`" + text + "` is not a duration; write it like 30m, 1h or 2d");
    }
    Duration d = Duration.ZERO;
    long[] unit = {86_400, 3_600, 60, 1};
    for (int g = 1; g <= 4; g++) {
      if (m.group(g) != null) {
        d = d.plusSeconds(Long.parseLong(m.group(g)) * unit[g - 1]);
      }
    }
    return d;
  }
}
