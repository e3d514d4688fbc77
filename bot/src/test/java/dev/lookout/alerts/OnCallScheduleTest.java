package dev.lookout.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OnCallScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static OnCallSchedule daily(List<OnCallSchedule.Override> overrides) {
    return new OnCallSchedule(
        1,
        "g",
        "primary",
        OnCallSchedule.Rotation.DAILY,
        LocalTime.of(9, 0),
        DayOfWeek.MONDAY,
        BERLIN,
        LocalDate.of(2026, 10, 20),
        List.of("ana", "ben", "cy"),
        Optional.empty(),
        "ops",
        overrides);
  }

  private static Instant berlin(String localDateTime) {
    return java.time.LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  @Test
  @DisplayName("a daily rotation takes turns at the handoff time in its zone, across a DST change")
  void daily() {
    OnCallSchedule s = daily(List.of());
    assertThat(s.at(berlin("2026-10-20T09:00")).userId()).isEqualTo("ana");
    assertThat(s.at(berlin("2026-10-21T08:59")).userId()).isEqualTo("ana");
    assertThat(s.at(berlin("2026-10-21T09:00")).userId()).isEqualTo("ben");
    assertThat(s.at(berlin("2026-10-22T12:00")).userId()).isEqualTo("cy");
    assertThat(s.at(berlin("2026-10-23T10:00")).userId()).isEqualTo("ana");
    // Clocks go back on 25 October: the handoff stays at 09:00 local, the shift is 25 hours.
    OnCallSchedule.Shift longShift = s.at(berlin("2026-10-24T12:00"));
    assertThat(longShift.from()).isEqualTo(berlin("2026-10-24T09:00"));
    assertThat(longShift.until()).isEqualTo(berlin("2026-10-25T09:00"));
    assertThat(Duration.between(longShift.from(), longShift.until()))
        .isEqualTo(Duration.ofHours(25));
    // Before the schedule's first day the rotation runs backwards, never fails.
    assertThat(s.at(berlin("2026-10-19T10:00")).userId()).isEqualTo("cy");
  }

  @Test
  @DisplayName("a weekly rotation hands off on its day, whatever day it was made")
  void weekly() {
    OnCallSchedule s =
        new OnCallSchedule(
            1,
            "g",
            "primary",
            OnCallSchedule.Rotation.WEEKLY,
            LocalTime.of(10, 0),
            DayOfWeek.MONDAY,
            ZoneId.of("UTC"),
            LocalDate.of(2026, 12, 2), // a Wednesday: the shift began Monday 30 November
            List.of("ana", "ben"),
            Optional.empty(),
            "ops",
            List.of());
    OnCallSchedule.Shift now = s.at(Instant.parse("2026-12-04T12:00:00Z"));
    assertThat(now.userId()).isEqualTo("ana");
    assertThat(now.from()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
    assertThat(now.until()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(s.at(Instant.parse("2026-12-07T10:00:00Z")).userId()).isEqualTo("ben");
  }

  @Test
  @DisplayName(
      "an override covers its span, the newest override wins, and the schedule splits around it")
  void overrides() {
    Instant t = berlin("2026-10-21T09:00");
    var tuesday =
        new OnCallSchedule.Override(
            7, "dee", berlin("2026-10-21T09:00"), berlin("2026-10-22T09:00"), "ana", t);
    var evening =
        new OnCallSchedule.Override(
            8,
            "ana",
            berlin("2026-10-21T18:00"),
            berlin("2026-10-21T22:00"),
            "ana",
            t.plusSeconds(1));
    OnCallSchedule s = daily(List.of(tuesday, evening));
    assertThat(s.at(berlin("2026-10-21T12:00")).userId()).isEqualTo("dee");
    assertThat(s.at(berlin("2026-10-21T12:00")).until()).isEqualTo(berlin("2026-10-21T18:00"));
    assertThat(s.at(berlin("2026-10-21T19:00")).userId()).isEqualTo("ana");
    assertThat(s.at(berlin("2026-10-21T19:00")).override()).contains(evening);
    assertThat(s.at(berlin("2026-10-21T23:00")).userId()).isEqualTo("dee");
    assertThat(s.at(berlin("2026-10-22T09:00")).userId()).isEqualTo("cy");

    List<OnCallSchedule.Shift> ahead = s.shifts(berlin("2026-10-20T12:00"), Duration.ofDays(3));
    assertThat(ahead)
        .extracting(OnCallSchedule.Shift::userId)
        .containsExactly("ana", "dee", "ana", "dee", "cy", "ana");
    assertThat(ahead.get(0).from())
        .as("the running shift shows when it began")
        .isEqualTo(berlin("2026-10-20T09:00"));
  }
}
