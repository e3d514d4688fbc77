package dev.lookout.reports;

import dev.lookout.knowledge.Inputs;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for a time of day, as digests and quiet hours take it: {@code HH:MM} on a 24-hour
 * clock, the hour in one or two digits (9:00 and 09:00), from 00:00 to 23:59.
 */
public final class TimesOfDay {
  private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");

  private TimesOfDay() {}

  /**
   * @throws IllegalArgumentException naming the text as given and what is allowed
   */
  public static LocalTime parse(String text) {
    Matcher m = TIME.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          Inputs.echo(text)
              + " is not a time of day; use HH:MM on a 24-hour clock, such as 09:00 or 17:30");
    }
    return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }
}
