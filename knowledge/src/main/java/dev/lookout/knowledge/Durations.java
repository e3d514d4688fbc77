package dev.lookout.knowledge;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for durations, in every command and in {@code lookout.yaml}: one or more parts,
 * each a whole number and a unit ({@code d}, {@code h}, {@code m}, {@code s}), the largest unit
 * first and each unit once, with or without spaces between the parts: {@code 90s}, {@code 15m},
 * {@code 1h30m}, {@code 1d 12h}. Units may be upper case. Nothing else is a duration: no bare
 * numbers, signs, fractions, exponents or words.
 */
public final class Durations {
  /** How to write one, for error texts. */
  public static final String FORM = "written like 90s, 15m, 1h30m or 2d";

  private static final Pattern PART = Pattern.compile("(\\d{1,9})\\s*([dhms])");
  private static final String UNITS = "dhms";
  private static final long[] SECONDS = {86_400, 3_600, 60, 1};

  /** Longer than anything Lookout waits for: past it, the text is a mistake. */
  private static final long LONGEST = 3_650L * 86_400;

  private Durations() {}

  /** The shortest way {@link #parse} reads it back: 90s is 1m30s, 36h is 1d12h. */
  public static String format(Duration d) {
    long s = d.toSeconds();
    if (s == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < SECONDS.length; i++) {
      if (s >= SECONDS[i]) {
        out.append(s / SECONDS[i]).append(UNITS.charAt(i));
        s %= SECONDS[i];
      }
    }
    return out.toString();
  }

  /**
   * Reads a duration.
   *
   * @throws IllegalArgumentException naming the text as given and how to write one
   */
  public static Duration parse(String text) {
    try {
      return read(text);
    } catch (Malformed e) {
      throw new IllegalArgumentException(e.getMessage() + "; write it like 90s, 15m, 1h30m or 2d");
    }
  }

  /**
   * Reads a duration that must lie within {@code [min, max]}.
   *
   * @throws IllegalArgumentException naming the text as given and the range allowed
   */
  public static Duration parse(String text, Duration min, Duration max) {
    String allowed = "; use " + range(min, max) + ", " + FORM;
    Duration d;
    try {
      d = read(text);
    } catch (Malformed e) {
      throw new IllegalArgumentException(e.getMessage() + allowed);
    }
    if (d.compareTo(min) < 0) {
      throw new IllegalArgumentException(quote(text) + " is shorter than " + format(min) + allowed);
    }
    if (d.compareTo(max) > 0) {
      throw new IllegalArgumentException(quote(text) + " is longer than " + format(max) + allowed);
    }
    return d;
  }

  /** {@code 1m to 30d}. */
  public static String range(Duration min, Duration max) {
    return format(min) + " to " + format(max);
  }

  private static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  private static Duration read(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      throw new Malformed("a duration is needed");
    }
    Matcher m = PART.matcher(t);
    int at = 0;
    int lastUnit = -1;
    long seconds = 0;
    while (at < t.length()) {
      m.region(at, t.length());
      if (!m.lookingAt()) {
        throw new Malformed(
            t.chars().allMatch(c -> c >= '0' && c <= '9')
                ? quote(text) + " has no unit (d, h, m or s)"
                : quote(text) + " is not a duration");
      }
      int unit = UNITS.indexOf(m.group(2).charAt(0));
      if (unit <= lastUnit) {
        throw new Malformed(
            quote(text) + " is not a duration: give each unit once, the largest first");
      }
      lastUnit = unit;
      // At most nine digits a part, four parts: the sum cannot overflow a long.
      seconds += Long.parseLong(m.group(1)) * SECONDS[unit];
      if (seconds > LONGEST) {
        throw new Malformed(quote(text) + " is far too long a duration (over 3650d)");
      }
      at = m.end();
      while (at < t.length() && Character.isWhitespace(t.charAt(at))) {
        at++;
      }
    }
    return Duration.ofSeconds(seconds);
  }

  static String quote(String text) {
    return Inputs.echo(text);
  }
}
