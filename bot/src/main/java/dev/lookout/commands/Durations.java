package dev.lookout.commands;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations people type for silences: {@code 30m}, {@code 2h}, {@code 1d}, {@code 1h30m}. */
final class Durations {
  private static final Pattern FORM =
      Pattern.compile("(?:(\\d{1,3})d)?(?:(\\d{1,4})h)?(?:(\\d{1,5})m)?");

  private Durations() {}

  static Duration parse(String text, Duration max) {
    String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
    Matcher m = FORM.matcher(t);
    if (t.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException(
          "`" + text + "` is not a duration; write it like 30m, 2h or 1d");
    }
    Duration d = Duration.ZERO;
    if (m.group(1) != null) {
      d = d.plusDays(Long.parseLong(m.group(1)));
    }
    if (m.group(2) != null) {
      d = d.plusHours(Long.parseLong(m.group(2)));
    }
    if (m.group(3) != null) {
      d = d.plusMinutes(Long.parseLong(m.group(3)));
    }
    if (d.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException(
          "`" + text + "` is too short; a silence lasts at least 1m");
    }
    if (d.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "`" + text + "` is longer than the longest silence allowed, " + max.toDays() + "d");
    }
    return d;
  }
}
