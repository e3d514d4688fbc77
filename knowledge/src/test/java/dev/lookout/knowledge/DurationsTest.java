package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @ParameterizedTest(name = "{0} is {1} s")
  @CsvSource({
    "90s, 90",
    "15m, 900",
    "1h30m, 5400",
    "1h 30m, 5400",
    "2d, 172800",
    "1d12h, 129600",
    "' 6H ', 21600",
    "1m30s, 90",
    "0s, 0",
    "1d2h3m4s, 93784",
    "007m, 420"
  })
  @DisplayName("every part a whole number and a unit, the largest first")
  void reads(String text, long seconds) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "ten",
        "90",
        "-5m",
        "+5m",
        "1.5h",
        "1e3s",
        "Infinity",
        "NaN",
        "1w",
        "1h1h",
        "30m1h",
        "1h30",
        "h",
        "5 minutes",
        "P1D",
        "１h",
        "1\u200bh",
        "9999999999d",
        "999999999d999999999h",
        "1h,30m"
      })
  @DisplayName("anything else is refused, naming the text and how to write one")
  void refuses(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("write it like 90s, 15m, 1h30m or 2d");
  }

  @Test
  @DisplayName("a refusal echoes the input as given, and says what is wrong with it")
  void namesTheInput() {
    assertThatThrownBy(() -> Durations.parse("90")).hasMessageStartingWith("`90` has no unit");
    assertThatThrownBy(() -> Durations.parse("30m1h"))
        .hasMessageContaining("`30m1h`")
        .hasMessageContaining("each unit once, the largest first");
    assertThatThrownBy(() -> Durations.parse("999999999d999999999h"))
        .hasMessageContaining("far too long");
    assertThatThrownBy(() -> Durations.parse("a`b\u0000c")).hasMessageStartingWith("`a'bc`");
    assertThatThrownBy(() -> Durations.parse("\u200b\u200b"))
        .hasMessageStartingWith("a blank text");
    assertThatThrownBy(() -> Durations.parse("x".repeat(500)))
        .hasMessageStartingWith("`" + "x".repeat(40) + "…`");
  }

  @Test
  @DisplayName("a bounded duration names the bound it broke and the range allowed")
  void bounded() {
    Duration min = Duration.ofMinutes(1);
    Duration max = Duration.ofDays(7);
    assertThat(Durations.parse("1h30m", min, max)).isEqualTo(Duration.ofMinutes(90));
    assertThatThrownBy(() -> Durations.parse("0s", min, max))
        .hasMessage("`0s` is shorter than 1m; use 1m to 7d, written like 90s, 15m, 1h30m or 2d");
    assertThatThrownBy(() -> Durations.parse("8d", min, max))
        .hasMessageStartingWith("`8d` is longer than 7d; use 1m to 7d");
    assertThatThrownBy(() -> Durations.parse("soon", min, max))
        .hasMessageStartingWith("`soon` is not a duration; use 1m to 7d");
  }

  @ParameterizedTest
  @CsvSource({"0, 0s", "90, 1m30s", "3600, 1h", "129600, 1d12h", "604800, 7d"})
  @DisplayName("format writes what parse reads back")
  void formats(long seconds, String text) {
    assertThat(Durations.format(Duration.ofSeconds(seconds))).isEqualTo(text);
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }
}
