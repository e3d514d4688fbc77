package dev.lookout.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DigestScheduleTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static DigestSchedule daily(String time, ZoneId zone) {
    return new DigestSchedule(
        "1",
        "g",
        DigestSchedule.Cadence.DAILY,
        LocalTime.parse(time),
        null,
        zone,
        Instant.parse("2026-01-01T00:00:00Z"),
        "alice");
  }

  @Test
  @DisplayName("a digest at 02:30 on the spring-forward day is still delivered, at 03:30 local")
  void springForward() {
    DigestSchedule s = daily("02:30", NEW_YORK);
    var due =
        s.dueBetween(Instant.parse("2026-03-07T12:00:00Z"), Instant.parse("2026-03-10T12:00:00Z"));
    assertThat(due)
        .containsExactly(
            Instant.parse("2026-03-08T07:30:00Z"), // 02:30 does not exist that day: 03:30 EDT
            Instant.parse("2026-03-09T06:30:00Z"), // 02:30 EDT
            Instant.parse("2026-03-10T06:30:00Z"));
    assertThat(due.get(0).atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(3, 30));
    assertThat(s.window(due.get(0)).label()).isEqualTo("Sat 7 Mar 2026");
  }

  @Test
  @DisplayName("a digest at 01:30 on the fall-back day, a time that happens twice, is due once")
  void fallBack() {
    DigestSchedule s = daily("01:30", NEW_YORK);
    var due =
        s.dueBetween(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"));
    assertThat(due).containsExactly(Instant.parse("2026-11-01T05:30:00Z"));
    assertThat(s.window(due.get(0)).hours()).isEqualTo(24); // the day before, 31 October
    assertThat(
            s.window(
                    s.dueBetween(
                            Instant.parse("2026-11-02T00:00:00Z"),
                            Instant.parse("2026-11-03T00:00:00Z"))
                        .get(0))
                .hours())
        .isEqualTo(25); // the fall-back day itself
  }

  @Test
  @DisplayName("a weekly digest falls only on its weekday and covers the seven days before")
  void weekly() {
    DigestSchedule s =
        new DigestSchedule(
            "1",
            "g",
            DigestSchedule.Cadence.WEEKLY,
            LocalTime.of(9, 0),
            DayOfWeek.MONDAY,
            ZoneId.of("Europe/Berlin"),
            Instant.EPOCH,
            "alice");
    var due =
        s.dueBetween(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));
    assertThat(due)
        .containsExactly(
            Instant.parse("2026-11-02T08:00:00Z"),
            Instant.parse("2026-11-09T08:00:00Z"),
            Instant.parse("2026-11-16T08:00:00Z"),
            Instant.parse("2026-11-23T08:00:00Z"));
    assertThat(s.window(due.get(2)).label()).isEqualTo("9 Nov–15 Nov 2026");
    assertThat(s.next(Instant.parse("2026-11-16T08:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    assertThat(s.describe()).isEqualTo("weekly on Monday at 09:00 Europe/Berlin");
  }

  @Test
  @DisplayName(
      "quiet hours that wrap past midnight are quiet late at night and early in the morning")
  void quietHours() {
    QuietHours q =
        new QuietHours("1", LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("UTC"), "alice");
    assertThat(q.isQuietAt(Instant.parse("2026-11-22T23:30:00Z"))).isTrue();
    assertThat(q.isQuietAt(Instant.parse("2026-11-22T06:59:00Z"))).isTrue();
    assertThat(q.isQuietAt(Instant.parse("2026-11-22T07:00:00Z"))).isFalse();
    assertThat(q.isQuietAt(Instant.parse("2026-11-22T21:59:00Z"))).isFalse();
    QuietHours day =
        new QuietHours("1", LocalTime.of(12, 0), LocalTime.of(13, 0), ZoneId.of("UTC"), "alice");
    assertThat(day.isQuietAt(Instant.parse("2026-11-22T12:30:00Z"))).isTrue();
    assertThat(day.isQuietAt(Instant.parse("2026-11-22T23:30:00Z"))).isFalse();
  }
}
