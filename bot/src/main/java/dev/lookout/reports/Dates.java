package dev.lookout.reports;

import dev.lookout.knowledge.Inputs;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * The one grammar for a calendar date: ISO 8601's {@code YYYY-MM-DD}, a real day of a real month.
 */
public final class Dates {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private Dates() {}

  /**
   * @throws IllegalArgumentException naming the text as given and what is allowed
   */
  public static LocalDate parse(String text) {
    String t = text == null ? "" : text.strip();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t, ISO);
      }
    } catch (DateTimeParseException e) {
      // falls through to the one refusal
    }
    throw new IllegalArgumentException(
        Inputs.echo(text) + " is not a date; use YYYY-MM-DD, such as 2026-11-21");
  }
}
