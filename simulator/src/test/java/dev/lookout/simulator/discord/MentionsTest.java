package dev.lookout.simulator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MentionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT =
      "@everyone see <@111111111111111111> <@!222222222222222222> <@&333333333333333333> @here";

  private static JsonNode body(String allowed) throws Exception {
    String a = allowed == null ? "" : ",\"allowed_mentions\":" + allowed;
    return JSON.readTree(
        "{\"content\":" + JSON.writeValueAsString(CONTENT) + a + ",\"embeds\":[]}");
  }

  @Test
  @DisplayName("without allowed_mentions every mention in the content pings, as on Discord")
  void defaultPingsAll() throws Exception {
    Mentions m = Mentions.of(body(null));
    assertThat(m.everyone()).isTrue();
    assertThat(m.users()).containsExactly(111111111111111111L, 222222222222222222L);
    assertThat(m.roles()).containsExactly(333333333333333333L);
  }

  @Test
  @DisplayName("parse:[] pings nobody; listed ids ping only themselves")
  void allowedMentions() throws Exception {
    assertThat(Mentions.of(body("{\"parse\":[]}")).pingsAnyone()).isFalse();
    Mentions one = Mentions.of(body("{\"parse\":[],\"roles\":[\"333333333333333333\"]}"));
    assertThat(one.roles()).containsExactly(333333333333333333L);
    assertThat(one.users()).isEmpty();
    assertThat(one.everyone()).isFalse();
    assertThat(Mentions.of(body("{\"parse\":[\"everyone\"]}")).everyone()).isTrue();
  }

  @Test
  @DisplayName("mentions in embeds never ping")
  void embedsDoNotPing() throws Exception {
    JsonNode b =
        JSON.readTree(
            "{\"content\":\"\",\"embeds\":[{\"title\":\"@everyone\",\"description\":\"<@&333333333333333333>\"}]}");
    assertThat(Mentions.of(b).pingsAnyone()).isFalse();
  }

  @Test
  @DisplayName("Discord refuses parse types it does not know and parse with an id list of one kind")
  void refused() throws Exception {
    assertThat(Mentions.problems(JSON.readTree("{\"parse\":[\"users\"],\"users\":[\"1\"]}")))
        .singleElement()
        .asString()
        .contains("mutually exclusive");
    assertThat(Mentions.problems(JSON.readTree("{\"parse\":[\"channels\"]}"))).hasSize(1);
    assertThat(Mentions.problems(JSON.readTree("{\"parse\":[\"users\",\"roles\",\"everyone\"]}")))
        .isEqualTo(List.of());
  }
}
