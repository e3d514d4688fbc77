package dev.lookout.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OnCallCommandTest {
  private static final String SELF = "999999999999999999";

  @Test
  @DisplayName("people are mentions or ids, each once, at most 12, never the bot or a role")
  void people() {
    assertThat(
            OnCallCommand.people(
                "<@123456789012345678> <@!223456789012345678>, 323456789012345678", SELF))
        .containsExactly("123456789012345678", "223456789012345678", "323456789012345678");
    assertThat(OnCallCommand.people("<@123456789012345678> <@123456789012345678>", SELF))
        .containsExactly("123456789012345678");
    String thirteen =
        String.join(
            " ",
            IntStream.range(0, 13).mapToObj(i -> "<@1234567890123456" + (10 + i) + ">").toList());
    assertThatThrownBy(() -> OnCallCommand.people(thirteen, SELF))
        .hasMessageContaining("at most 12");
    assertThatThrownBy(() -> OnCallCommand.people("<@&123456789012345678>", SELF))
        .hasMessageContaining("@mentions of members");
    assertThatThrownBy(() -> OnCallCommand.people("@everyone", SELF))
        .hasMessageContaining("@mentions of members");
    assertThatThrownBy(() -> OnCallCommand.people("<@" + SELF + ">", SELF))
        .hasMessageContaining("cannot be on call");
  }

  @Test
  @DisplayName("a schedule name is plain lowercase: invisible and bidi characters are refused")
  void names() {
    assertThat(OnCallCommand.name(" Primary ")).isEqualTo("primary");
    for (String bad : new String[] {"pri\u202e\u2066mary", "pri\u200bmary", "db team", "", "-x"}) {
      assertThatThrownBy(() -> OnCallCommand.name(bad)).hasMessageContaining("lowercase letters");
    }
  }
}
