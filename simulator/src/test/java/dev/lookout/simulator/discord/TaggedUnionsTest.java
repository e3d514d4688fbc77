package dev.lookout.simulator.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The schema with its tagged unions rewritten judges bodies exactly as the schema as published: the
 * same bodies pass and the same are refused, over real message shapes and many random corruptions
 * of them.
 */
class TaggedUnionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CALLBACK =
      "/interactions/{interaction_id}/{interaction_token}/callback";
  private static final String MESSAGES = "/channels/{channel_id}/messages";
  private static final String EDIT = "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}";

  private static Optional<OpenApiSchema> tagged;
  private static Optional<OpenApiSchema> published;

  @BeforeAll
  static void load() {
    var file = DiscordConfig.locateSchema();
    if (file == null) {
      System.out.println("SKIPPED tagged unions test: ../shared/discord-api-spec is absent");
    }
    tagged = OpenApiSchema.load(file, JSON, true);
    published = OpenApiSchema.load(file, JSON, false);
  }

  private static final List<String[]> BODIES =
      List.of(
          new String[] {
            CALLBACK,
            """
            {"type":4,"data":{"content":"","embeds":[{"title":"checkout-api","color":3066993,
             "fields":[{"name":"CPU p99","value":"41%","inline":true}],"footer":{"text":"data"},
             "timestamp":"2026-12-04T12:00:00Z","image":{"url":"attachment://c.png"}}],
             "components":[{"type":1,"components":[
               {"type":2,"style":2,"label":"Refresh","custom_id":"status:refresh:api:1h"},
               {"type":2,"style":5,"label":"Logs","url":"https://example.com/logs"}]},
              {"type":1,"components":[{"type":3,"custom_id":"pick","placeholder":"Service",
               "options":[{"label":"consumer","value":"consumer"},{"label":"api","value":"api"}]}]}],
             "attachments":[{"id":0,"filename":"c.png"}],"allowed_mentions":{"parse":[]}}}
            """
          },
          new String[] {CALLBACK, "{\"type\":5,\"data\":{\"flags\":64}}"},
          new String[] {
            CALLBACK,
            """
            {"type":7,"data":{"content":"Approved by carol","components":[{"type":1,"components":[
             {"type":2,"style":3,"label":"Approve","custom_id":"scale:approve:7","disabled":true},
             {"type":2,"style":4,"label":"Reject","custom_id":"scale:reject:7","disabled":true}]}]}}
            """
          },
          new String[] {
            CALLBACK,
            """
            {"type":9,"data":{"custom_id":"silence:comment","title":"Why?","components":[
             {"type":1,"components":[{"type":4,"custom_id":"why","label":"Reason","style":2,
              "min_length":1,"max_length":500,"required":true}]}]}}
            """
          },
          new String[] {
            CALLBACK,
            "{\"type\":8,\"data\":{\"choices\":[{\"name\":\"consumer\",\"value\":\"consumer\"}]}}"
          },
          new String[] {
            MESSAGES,
            """
            {"content":"<@123> paged","allowed_mentions":{"users":["123"]},
             "embeds":[{"title":"fatal: 5xx","description":"x"}],
             "components":[{"type":1,"components":[
              {"type":2,"style":1,"label":"Ack","custom_id":"alert:ack:1"},
              {"type":2,"style":2,"label":"Silence 1h","custom_id":"alert:silence:1"}]}]}
            """
          },
          new String[] {
            EDIT,
            """
            {"content":"","embeds":[{"title":"t"}],"components":[],"attachments":[]}
            """
          });

  @Test
  @DisplayName("real bodies pass both ways")
  void realBodiesPass() throws Exception {
    assumeTrue(tagged.isPresent(), "../shared/discord-api-spec/openapi.json is absent");
    for (String[] b : BODIES) {
      String method = b[0].equals(EDIT) ? "PATCH" : "POST";
      assertThat(published.get().validate(method, b[0], JSON.readTree(b[1]))).as(b[1]).isEmpty();
      assertThat(tagged.get().validate(method, b[0], JSON.readTree(b[1]))).as(b[1]).isEmpty();
    }
  }

  @Test
  @DisplayName("a tag written as the string of its digits passes both ways, as Discord reads it")
  void tagAsString() throws Exception {
    assumeTrue(tagged.isPresent(), "../shared/discord-api-spec/openapi.json is absent");
    String body =
        "{\"type\":4,\"data\":{\"components\":[{\"type\":\"1\",\"components\":"
            + "[{\"type\":\"2\",\"style\":2,\"label\":\"x\",\"custom_id\":\"a\"}]}]}}";
    assertThat(published.get().validate("POST", CALLBACK, JSON.readTree(body))).isEmpty();
    assertThat(tagged.get().validate("POST", CALLBACK, JSON.readTree(body))).isEmpty();
    String wrong = body.replace("\"2\",\"style\"", "\"9\",\"style\"");
    assertThat(published.get().validate("POST", CALLBACK, JSON.readTree(wrong))).isNotEmpty();
    assertThat(tagged.get().validate("POST", CALLBACK, JSON.readTree(wrong))).isNotEmpty();
  }

  @Test
  @DisplayName("random corruptions of them are refused, or passed, alike")
  void corruptionsJudgedAlike() throws Exception {
    assumeTrue(tagged.isPresent(), "../shared/discord-api-spec/openapi.json is absent");
    Random random = new Random(20261204);
    int refused = 0;
    for (int round = 0; round < 600; round++) {
      String[] b = BODIES.get(random.nextInt(BODIES.size()));
      String method = b[0].equals(EDIT) ? "PATCH" : "POST";
      JsonNode body = JSON.readTree(b[1]);
      int mutations = 1 + random.nextInt(2);
      for (int m = 0; m < mutations; m++) {
        corrupt(body, random);
      }
      boolean publishedPasses = published.get().validate(method, b[0], body).isEmpty();
      boolean taggedPasses = tagged.get().validate(method, b[0], body).isEmpty();
      assertThat(taggedPasses).as("round %d: %s", round, body).isEqualTo(publishedPasses);
      refused += publishedPasses ? 0 : 1;
    }
    assertThat(refused)
        .as("most corruptions are refused, so the comparison means something")
        .isGreaterThan(200);
  }

  /** Changes one value somewhere in the body: a tag, a number, a type, or a key dropped. */
  private static void corrupt(JsonNode body, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collect(body, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target instanceof ObjectNode o && o.size() > 0) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = names.get(random.nextInt(names.size()));
      switch (random.nextInt(6)) {
        case 0 -> o.remove(name);
        case 1 -> o.put(name, random.nextInt(12));
        case 2 -> o.put(name, Integer.toString(random.nextInt(12)));
        case 3 -> o.putNull(name);
        case 4 -> o.putObject(name);
        default -> o.put(name, o.path(name).isInt() ? o.path(name).asInt() + 1 : 1);
      }
    } else if (target instanceof ArrayNode a && a.size() > 0) {
      int i = random.nextInt(a.size());
      switch (random.nextInt(3)) {
        case 0 -> a.remove(i);
        case 1 -> a.set(i, JSON.getNodeFactory().numberNode(random.nextInt(5)));
        default -> a.add(a.get(i).deepCopy());
      }
    }
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      node.forEach(child -> collect(child, out));
    }
  }
}
