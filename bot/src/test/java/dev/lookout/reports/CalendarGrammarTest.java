package dev.lookout.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Times of day, dates and time zones: one grammar each, one refusal each naming the input. */
class CalendarGrammarTest {
  @Test
  @DisplayName("times of day are HH:MM on a 24-hour clock, and nothing else")
  void timesOfDay() {
    assertThat(TimesOfDay.parse("09:00")).isEqualTo(LocalTime.of(9, 0));
    assertThat(TimesOfDay.parse(" 9:05 ")).isEqualTo(LocalTime.of(9, 5));
    assertThat(TimesOfDay.parse("23:59")).isEqualTo(LocalTime.of(23, 59));
    assertThat(TimesOfDay.parse("00:00")).isEqualTo(LocalTime.MIDNIGHT);
    for (String bad :
        new String[] {"24:00", "7pm", "12:60", "9", "09:00:00", "", "١٢:٣٠", "09:0", "-1:00"}) {
      assertThatThrownBy(() -> TimesOfDay.parse(bad))
          .as(bad)
          .hasMessageContaining("is not a time of day; use HH:MM on a 24-hour clock");
    }
    assertThatThrownBy(() -> TimesOfDay.parse("`x`"))
        .as("backticks cannot close the quote")
        .hasMessageStartingWith("`'x'` is not");
  }

  @Test
  @DisplayName("dates are real days written YYYY-MM-DD")
  void dates() {
    assertThat(Dates.parse("2026-11-21")).isEqualTo(LocalDate.of(2026, 11, 21));
    assertThat(Dates.parse("2028-02-29")).isEqualTo(LocalDate.of(2028, 2, 29));
    for (String bad :
        new String[] {
          "2026-13-45", "2026-02-29", "2026-2-1", "21.11.2026", "+2026-11-21", "tomorrow", ""
        }) {
      assertThatThrownBy(() -> Dates.parse(bad))
          .as(bad)
          .hasMessageContaining("is not a date; use YYYY-MM-DD");
    }
  }

  @Test
  @DisplayName("time zones are IANA names in any case, or UTC; the refusal quotes the input safely")
  void zones() {
    assertThat(Zones.parse("europe/berlin")).contains(ZoneId.of("Europe/Berlin"));
    assertThat(Zones.parse("UTC")).contains(ZoneId.of("UTC"));
    assertThat(Zones.parse("Mars/Olympus")).isEmpty();
    assertThat(Zones.parse("+05:00")).isEmpty();
    assertThat(Zones.refusal("a`b")).startsWith("`a'b` is not a time zone");
  }
}
