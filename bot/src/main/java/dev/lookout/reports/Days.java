package dev.lookout.reports;

import dev.lookout.knowledge.Inputs;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/**
 * The one grammar for a day and an optional time of day, as people name them for on-call cover: a
 * date ({@link Dates}), {@code today}, {@code tomorrow}, or a day of the week (its next occurrence,
 * today included; {@code tue} and {@code Tuesday} alike), then optionally a time ({@link
 * TimesOfDay}): {@code tuesday}, {@code 2026-12-08 18:00}, {@code tomorrow 07:30}.
 */
public final class Days {
  /** A day, and the time on it if one was given. */
  public record When(LocalDate day, Optional<LocalTime> time) {}

  private Days() {}

  /**
   * @throws IllegalArgumentException naming the text as given and what is allowed
   */
  public static When parse(String text, LocalDate today) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    String[] parts = t.split("\\s+");
    if (t.isEmpty() || parts.length > 2) {
      throw refusal(text);
    }
    LocalDate day = day(parts[0], today).orElseThrow(() -> refusal(text));
    Optional<LocalTime> time =
        parts.length == 2 ? Optional.of(TimesOfDay.parse(parts[1])) : Optional.empty();
    return new When(day, time);
  }

  private static Optional<LocalDate> day(String word, LocalDate today) {
    switch (word) {
      case "today" -> {
        return Optional.of(today);
      }
      case "tomorrow" -> {
        return Optional.of(today.plusDays(1));
      }
      default -> {
        // fall through to weekdays and dates
      }
    }
    if (word.length() >= 3 && word.chars().allMatch(Character::isLetter)) {
      for (DayOfWeek d : DayOfWeek.values()) {
        if (d.name().toLowerCase(Locale.ROOT).startsWith(word)) {
          return Optional.of(today.with(TemporalAdjusters.nextOrSame(d)));
        }
      }
      return Optional.empty();
    }
    try {
      return Optional.of(Dates.parse(word));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static IllegalArgumentException refusal(String text) {
    return new IllegalArgumentException(
        Inputs.echo(text)
            + " is not a day; use a date (2026-12-08), today, tomorrow or a weekday (tuesday),"
            + " optionally with a time (tuesday 18:00)");
  }
}
