package dev.lookout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ComponentIdTest {
  @Test
  @DisplayName("ids round-trip through feature:action:args")
  void roundTrip() {
    ComponentId id = ComponentId.of("status", "refresh", "consumer", "1h");
    assertThat(id.encode()).isEqualTo("status:refresh:consumer:1h");
    assertThat(ComponentId.parse(id.encode())).contains(id);
  }

  @Test
  @DisplayName("forged or malformed ids are not parsed")
  void malformed() {
    assertThat(ComponentId.parse("nonsense")).isEmpty();
    assertThat(ComponentId.parse("a::b")).isEmpty();
    assertThat(ComponentId.parse("x".repeat(101))).isEmpty();
    assertThat(ComponentId.parse(null)).isEmpty();
  }

  @Test
  @DisplayName("an id longer than Discord allows cannot be built")
  void tooLong() {
    assertThatThrownBy(() -> ComponentId.of("status", "refresh", "x".repeat(100)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName(
      "text is cut to the limit with an ellipsis, counting UTF-16 units as Discord counts its"
          + " limits, never splitting a surrogate pair")
  void texts() {
    assertThat(Texts.fit("short", 10)).isEqualTo("short");
    assertThat(Texts.fit("abcdefghijkl", 5)).isEqualTo("abcd…");
    assertThat(Texts.fit("🟢🟢🟢🟢", 3)).isEqualTo("🟢…");
    assertThat(Texts.fit("🟢🟢🟢🟢", 4)).isEqualTo("🟢…");
    assertThat(Texts.fit("🟢🟢🟢🟢", 8)).isEqualTo("🟢🟢🟢🟢");
    assertThat(Texts.fit(null, 3)).isEmpty();
  }
}
