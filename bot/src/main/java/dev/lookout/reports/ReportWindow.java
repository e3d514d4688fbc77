package dev.lookout.reports;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stretch of time one report covers: calendar days in a time zone, so a day that contains a
 * daylight-saving change has 23 or 25 hours. Kept as instants and a zone id so it survives a trip
 * through JSON unchanged.
 *
 * @param start the first instant covered
 * @param end the first instant after the window
 */
public record ReportWindow(ReportPeriod period, Instant start, Instant end, String zone) {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter SHORT =
      DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

  public ReportWindow {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a report window must end after it starts");
    }
  }

  /** The calendar period of {@code period} that contains {@code date}. */
  public static ReportWindow containing(ReportPeriod period, LocalDate date, ZoneId zone) {
    LocalDate first =
        switch (period) {
          case DAY -> date;
          case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          case MONTH -> date.withDayOfMonth(1);
        };
    return between(period, first, advance(period, first, 1), zone);
  }

  /** The most recent period of {@code period} that has ended by {@code now}: yesterday, say. */
  public static ReportWindow lastComplete(ReportPeriod period, Instant now, ZoneId zone) {
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate inPrevious =
        switch (period) {
          case DAY -> today.minusDays(1);
          case WEEK -> today.minusWeeks(1);
          case MONTH -> today.minusMonths(1);
        };
    return containing(period, inPrevious, zone);
  }

  /** The days {@code [first, end)} in {@code zone}, whatever their number. */
  public static ReportWindow between(
      ReportPeriod period, LocalDate first, LocalDate end, ZoneId zone) {
    return new ReportWindow(
        period,
        first.atStartOfDay(zone).toInstant(),
        end.atStartOfDay(zone).toInstant(),
        zone.getId());
  }

  private static LocalDate advance(ReportPeriod period, LocalDate date, int n) {
    return switch (period) {
      case DAY -> date.plusDays(n);
      case WEEK -> date.plusWeeks(n);
      case MONTH -> date.plusMonths(n);
    };
  }

  public ZoneId zoneId() {
    return ZoneId.of(zone);
  }

  public LocalDate firstDay() {
    return start.atZone(zoneId()).toLocalDate();
  }

  /** The last calendar day the window covers. */
  public LocalDate lastDay() {
    return end.atZone(zoneId()).toLocalDate().minusDays(1);
  }

  /**
   * The window just before this one, of the same calendar length: the day, week or month before.
   */
  public ReportWindow previous() {
    LocalDate first = firstDay();
    LocalDate days = lastDay().plusDays(1);
    long span = ChronoUnit.DAYS.between(first, days);
    LocalDate previousFirst =
        period == ReportPeriod.MONTH && first.getDayOfMonth() == 1 && span >= 28
            ? first.minusMonths(1)
            : first.minusDays(span);
    return between(period, previousFirst, first, zoneId());
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  /** Whole hours in the window: 24 for most days, 23 or 25 across a daylight-saving change. */
  public long hours() {
    return length().toHours();
  }

  /** The UTC hours the window's rollups come from: each hour that starts inside the window. */
  public List<Instant> hourStarts() {
    List<Instant> out = new ArrayList<>();
    Instant first = start.truncatedTo(ChronoUnit.HOURS);
    if (first.isBefore(start)) {
      first = first.plus(Duration.ofHours(1));
    }
    for (Instant h = first; h.isBefore(end); h = h.plus(Duration.ofHours(1))) {
      out.add(h);
    }
    return out;
  }

  /** How a person names the window: "Sat 21 Nov 2026", "16–22 Nov 2026", "November 2026". */
  public String label() {
    LocalDate first = firstDay();
    LocalDate last = lastDay();
    if (first.equals(last)) {
      return DAY.format(first);
    }
    if (period == ReportPeriod.MONTH
        && first.getDayOfMonth() == 1
        && last.equals(first.withDayOfMonth(first.lengthOfMonth()))) {
      return MONTH.format(first);
    }
    return SHORT.format(first) + "–" + SHORT.format(last) + " " + last.getYear();
  }

  /** Start and end as local times with their offsets, for the card's footer. */
  public String span() {
    ZonedDateTime s = start.atZone(zoneId());
    ZonedDateTime e = end.atZone(zoneId());
    DateTimeFormatter f = DateTimeFormatter.ofPattern("d MMM HH:mm xxx", Locale.ENGLISH);
    return f.format(s) + " → " + f.format(e) + " (" + zone + ", " + hours() + " h)";
  }
}
