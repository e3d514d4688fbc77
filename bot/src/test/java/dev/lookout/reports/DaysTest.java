package dev.lookout.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DaysTest {
  private static final LocalDate FRIDAY = LocalDate.of(2026, 12, 4);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "today, 2026-12-04, ",
    "Tomorrow 07:30, 2026-12-05, 07:30",
    "tuesday, 2026-12-08, ",
    "TUE 18:00, 2026-12-08, 18:00",
    "friday, 2026-12-04, ",
    "2026-12-24 9:00, 2026-12-24, 09:00",
  })
  void reads(String text, String day, String time) {
    assertThat(Days.parse(text, FRIDAY))
        .isEqualTo(
            new Days.When(LocalDate.parse(day), Optional.ofNullable(time).map(LocalTime::parse)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "",
        "tu",
        "someday",
        "2026-02-30",
        "tuesday 25:00",
        "tuesday 18:00 utc",
        "t\u200Bue"
      })
  void refuses(String text) {
    assertThatThrownBy(() -> Days.parse(text, FRIDAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a");
  }
}
