package dev.lookout.reports;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a channel gets its digest: every day, or every week on one weekday, at a local time in a
 * time zone. A local time that a spring-forward change skips is delivered at the same distance
 * after the gap (02:30 becomes 03:30); one that a fall-back change repeats is delivered once, at
 * its first occurrence.
 *
 * @param weekday the day of a weekly digest; ignored for a daily one
 * @param createdAt digests due before this instant are not owed
 */
public record DigestSchedule(
    String channelId,
    String guildId,
    Cadence cadence,
    LocalTime time,
    DayOfWeek weekday,
    ZoneId zone,
    Instant createdAt,
    String createdBy) {

  /** How often a digest comes. */
  public enum Cadence {
    DAILY,
    WEEKLY;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** When the digest for local date {@code date} is due (a weekly one only on its weekday). */
  public Instant dueOn(LocalDate date) {
    return ZonedDateTime.of(date, time, zone).toInstant();
  }

  /** Every due instant in {@code (after, upTo]}, oldest first. */
  public List<Instant> dueBetween(Instant after, Instant upTo) {
    List<Instant> out = new ArrayList<>();
    LocalDate date = after.atZone(zone).toLocalDate().minusDays(1);
    LocalDate last = upTo.atZone(zone).toLocalDate().plusDays(1);
    for (; !date.isAfter(last); date = date.plusDays(1)) {
      if (cadence == Cadence.WEEKLY && date.getDayOfWeek() != weekday) {
        continue;
      }
      Instant due = dueOn(date);
      if (due.isAfter(after) && !due.isAfter(upTo)) {
        out.add(due);
      }
    }
    return out;
  }

  /** The next due instant after {@code now}. */
  public Instant next(Instant now) {
    LocalDate date = now.atZone(zone).toLocalDate();
    for (int i = 0; i < 15; i++, date = date.plusDays(1)) {
      if (cadence == Cadence.WEEKLY && date.getDayOfWeek() != weekday) {
        continue;
      }
      Instant due = dueOn(date);
      if (due.isAfter(now)) {
        return due;
      }
    }
    throw new IllegalStateException("no due time within two weeks");
  }

  /**
   * The window a digest due at {@code due} reports on: the calendar day before it, or the seven
   * days before it.
   */
  public ReportWindow window(Instant due) {
    LocalDate date = due.atZone(zone).toLocalDate();
    return cadence == Cadence.DAILY
        ? ReportWindow.containing(ReportPeriod.DAY, date.minusDays(1), zone)
        : ReportWindow.between(ReportPeriod.WEEK, date.minusDays(7), date, zone);
  }

  /** "daily at 09:00 Europe/Berlin" or "weekly on Monday at 09:00 Europe/Berlin". */
  public String describe() {
    String day =
        cadence == Cadence.WEEKLY
            ? " on " + weekday.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH)
            : "";
    return cadence.id() + day + " at " + time + " " + zone.getId();
  }

  /** "monday" or "mon", in any case. */
  public static DayOfWeek weekdayOf(String text) {
    for (DayOfWeek d : DayOfWeek.values()) {
      String name = d.name().toLowerCase(Locale.ROOT);
      if (name.equals(text.strip().toLowerCase(Locale.ROOT))
          || name.substring(0, 3).equals(text.strip().toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw new IllegalArgumentException(text);
  }

  /** The Monday a weekly digest falls back to. */
  public static DayOfWeek defaultWeekday() {
    return DayOfWeek.MONDAY;
  }
}
