package dev.lookout.simulator.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The published schema, read as Discord reads bodies: numbers and numeric strings alike. */
class OpenApiSchemaTest {
  private static final String CALLBACK =
      "/interactions/{interaction_id}/{interaction_token}/callback";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Optional<OpenApiSchema> schema;

  @BeforeAll
  static void load() {
    Path file = DiscordConfig.locateSchema();
    if (file == null) {
      System.out.println("SKIPPED schema test: ../shared/discord-api-spec/openapi.json is absent");
    }
    schema = OpenApiSchema.load(file, JSON);
  }

  private static java.util.List<String> check(String body) throws Exception {
    assumeTrue(schema.isPresent(), "../shared/discord-api-spec/openapi.json is absent");
    return schema.get().validate("POST", CALLBACK, JSON.readTree(body));
  }

  @Test
  @DisplayName("a reply with a file whose attachment id is the number 0 (as JDA sends it) passes")
  void attachmentIdAsNumber() throws Exception {
    String reply =
        """
        {"type":4,"data":{"content":"","embeds":[{"title":"card",
         "image":{"url":"attachment://c.png"}}],
         "components":[{"type":1,"components":[{"type":2,"style":2,"label":"Refresh",
          "custom_id":"status:refresh:api:1h"}]}],
         "attachments":[{"id":0,"filename":"c.png"}],"allowed_mentions":{"parse":[]}}}
        """;
    assertThat(check(reply)).isEmpty();
    assertThat(check(reply.replace("\"id\":0", "\"id\":\"0\""))).isEmpty();
  }

  @Test
  @DisplayName("a reply that breaks the schema is still refused")
  void realViolationsStay() throws Exception {
    assertThat(check("{\"type\":4,\"data\":{\"embeds\":\"not a list\"}}")).isNotEmpty();
    assertThat(
            check(
                "{\"type\":4,\"data\":{\"components\":[{\"type\":1,\"components\":"
                    + "[{\"type\":2,\"style\":9,\"label\":\"x\",\"custom_id\":\"a\"}]}]}}"))
        .as("a button of a style there is none of")
        .isNotEmpty();
    assertThat(check("{\"type\":4,\"data\":{\"attachments\":[{\"id\":\"zero\"}]}}"))
        .as("an id that is no number either way")
        .isNotEmpty();
    assertThat(check("{\"type\":4,\"data\":{\"attachments\":[{\"id\":-1}]}}"))
        .as("an id that is a negative number")
        .isNotEmpty();
    assertThat(check("{\"type\":4,\"data\":{\"attachments\":[{\"id\":1.5}]}}"))
        .as("an id that is not a whole number")
        .isNotEmpty();
  }
}
