package dev.lookout.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportWindowTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  @DisplayName("a day that springs forward has 23 hours, one that falls back 25")
  void daylightSavingDays() {
    ReportWindow spring =
        ReportWindow.containing(ReportPeriod.DAY, LocalDate.parse("2026-03-29"), BERLIN);
    ReportWindow autumn =
        ReportWindow.containing(ReportPeriod.DAY, LocalDate.parse("2026-10-25"), BERLIN);
    ReportWindow ordinary =
        ReportWindow.containing(ReportPeriod.DAY, LocalDate.parse("2026-11-21"), BERLIN);

    assertThat(spring.hours()).isEqualTo(23);
    assertThat(spring.hourStarts()).hasSize(23);
    assertThat(spring.start()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
    assertThat(spring.end()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(autumn.hours()).isEqualTo(25);
    assertThat(autumn.hourStarts()).hasSize(25);
    assertThat(ordinary.hours()).isEqualTo(24);
    assertThat(
            ReportWindow.containing(ReportPeriod.DAY, LocalDate.parse("2026-03-08"), NEW_YORK)
                .hours())
        .isEqualTo(23);
    assertThat(spring.span()).contains("23 h").contains("+01:00").contains("+02:00");
  }

  @Test
  @DisplayName(
      "a week runs Monday to Sunday and a month is the calendar month, each with its label")
  void weeksAndMonths() {
    ReportWindow week =
        ReportWindow.containing(ReportPeriod.WEEK, LocalDate.parse("2026-11-19"), BERLIN);
    assertThat(week.firstDay()).isEqualTo(LocalDate.parse("2026-11-16"));
    assertThat(week.lastDay()).isEqualTo(LocalDate.parse("2026-11-22"));
    assertThat(week.label()).isEqualTo("16 Nov–22 Nov 2026");
    assertThat(week.hours()).isEqualTo(168);

    ReportWindow october =
        ReportWindow.containing(ReportPeriod.MONTH, LocalDate.parse("2026-10-07"), BERLIN);
    assertThat(october.label()).isEqualTo("October 2026");
    assertThat(october.hours()).isEqualTo(31 * 24 + 1);
    ReportWindow september = october.previous();
    assertThat(september.label()).isEqualTo("September 2026");
    assertThat(september.hours()).isEqualTo(30 * 24);
  }

  @Test
  @DisplayName(
      "the previous window is the day or week before, and the default is the last complete one")
  void previousAndLastComplete() {
    Instant now = Instant.parse("2026-11-22T10:15:00Z");
    ReportWindow yesterday = ReportWindow.lastComplete(ReportPeriod.DAY, now, ZoneId.of("UTC"));
    assertThat(yesterday.label()).isEqualTo("Sat 21 Nov 2026");
    assertThat(yesterday.previous().label()).isEqualTo("Fri 20 Nov 2026");
    assertThat(ReportWindow.lastComplete(ReportPeriod.WEEK, now, ZoneId.of("UTC")).label())
        .isEqualTo("9 Nov–15 Nov 2026");
    assertThat(ReportWindow.lastComplete(ReportPeriod.MONTH, now, ZoneId.of("UTC")).label())
        .isEqualTo("October 2026");
    // In Tokyo it is already the evening of the 22nd: yesterday is still the 21st there.
    ReportWindow tokyo = ReportWindow.lastComplete(ReportPeriod.DAY, now, ZoneId.of("Asia/Tokyo"));
    assertThat(tokyo.start()).isEqualTo(Instant.parse("2026-11-20T15:00:00Z"));
  }
}
