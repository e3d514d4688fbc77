package dev.lookout.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowsTest {
  @Test
  @DisplayName("windows read in minutes, hours and days")
  void parses() {
    assertThat(Windows.parse("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Windows.parse(" 6H ")).isEqualTo(Duration.ofHours(6));
    assertThat(Windows.parse("1d")).isEqualTo(Duration.ofDays(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ten", "1w", "-5m", "1h30m", "99999d"})
  @DisplayName("anything else says what is allowed")
  void rejects(String text) {
    assertThatThrownBy(() -> Windows.parse(text)).hasMessageContaining("5m to 7d");
  }

  @Test
  @DisplayName("out of range is named as such")
  void range() {
    assertThatThrownBy(() -> Windows.parse("4m")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> Windows.parse("8d")).hasMessageContaining("out of range");
  }
}
