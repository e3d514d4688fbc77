package dev.lookout.simulator.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The simulated Discord's REST side, spoken to as a bot would, without JDA. */
class SimulatedDiscordTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private SimulatedDiscord discord;

  @BeforeEach
  void start() throws Exception {
    discord = SimulatedDiscord.start(DiscordConfig.defaults());
    HttpResponse<String> put =
        send(
            "PUT",
            "applications/"
                + discord.applicationId()
                + "/guilds/"
                + discord.guildId()
                + "/commands",
            "[{\"name\":\"status\",\"description\":\"Health\",\"type\":1,\"options\":[{\"type\":3,\"name\":\"service\",\"description\":\"which\"}]}]");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    discord.close();
  }

  private HttpResponse<String> send(String method, String route, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(discord.restBaseUrl() + route))
            .header("Authorization", "Bot " + discord.botToken())
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String ops() {
    return Long.toString(discord.channel("ops").id());
  }

  @Test
  @DisplayName("a message within the limits is stored with its embeds")
  void posts() throws Exception {
    HttpResponse<String> r =
        send("POST", "channels/" + ops() + "/messages", "{\"embeds\":[{\"title\":\"hello\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(discord.messages("ops")).hasSize(1);
    assertThat(JSON.readTree(r.body()).path("embeds").get(0).path("type").asText())
        .isEqualTo("rich");
    assertThat(discord.violations()).isEmpty();
  }

  @Test
  @DisplayName("an embed over 6000 characters in all is rejected as Discord would, and recorded")
  void embedTotal() throws Exception {
    String field = "x".repeat(1000);
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      fields
          .append(i == 0 ? "" : ",")
          .append("{\"name\":\"f")
          .append(i)
          .append("\",\"value\":\"")
          .append(field)
          .append("\"}");
    }
    HttpResponse<String> r =
        send(
            "POST",
            "channels/" + ops() + "/messages",
            "{\"embeds\":[{\"title\":\"t\",\"fields\":[" + fields + "]}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body());
    assertThat(error.path("code").asInt()).isEqualTo(50035);
    assertThat(r.body()).contains("6000");
    assertThat(discord.messages("ops")).isEmpty();
    assertThat(discord.violations()).extracting(v -> v.problem()).anyMatch(p -> p.contains("6000"));
  }

  @Test
  @DisplayName("content over 2000 characters, 6 buttons in a row and a long custom id are rejected")
  void limits() throws Exception {
    assertThat(
            send(
                    "POST",
                    "channels/" + ops() + "/messages",
                    "{\"content\":\"" + "y".repeat(2001) + "\"}")
                .statusCode())
        .isEqualTo(400);
    StringBuilder buttons = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      buttons
          .append(i == 0 ? "" : ",")
          .append("{\"type\":2,\"style\":1,\"label\":\"b\",\"custom_id\":\"c")
          .append(i)
          .append("\"}");
    }
    assertThat(
            send(
                    "POST",
                    "channels/" + ops() + "/messages",
                    "{\"content\":\"x\",\"components\":[{\"type\":1,\"components\":["
                        + buttons
                        + "]}]}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            send(
                    "POST",
                    "channels/" + ops() + "/messages",
                    "{\"content\":\"x\",\"components\":[{\"type\":1,\"components\":[{\"type\":2,\"style\":1,\"label\":\"b\",\"custom_id\":\""
                        + "z".repeat(101)
                        + "\"}]}]}")
                .statusCode())
        .isEqualTo(400);
    assertThat(discord.violations()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(discord.messages("ops")).isEmpty();
  }

  @Test
  @DisplayName("an interaction acknowledged after 3 s is unknown, and twice is refused")
  void acknowledgement() throws Exception {
    InteractionHandle late = discord.command("alice", "ops", "status", Map.of(), null);
    InteractionHandle twice =
        discord.command("bob", "ops", "status", Map.of("service", "consumer"), null);
    String reply = "{\"type\":4,\"data\":{\"content\":\"ok\"}}";
    HttpResponse<String> first =
        send("POST", "interactions/" + twice.id() + "/" + twice.token() + "/callback", reply);
    assertThat(first.statusCode()).isEqualTo(204);
    HttpResponse<String> second =
        send("POST", "interactions/" + twice.id() + "/" + twice.token() + "/callback", reply);
    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(second.body()).path("code").asInt()).isEqualTo(40060);

    Thread.sleep(3_100);
    HttpResponse<String> tooLate =
        send("POST", "interactions/" + late.id() + "/" + late.token() + "/callback", reply);
    assertThat(tooLate.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(tooLate.body()).path("code").asInt()).isEqualTo(10062);
    assertThat(discord.violations())
        .extracting(v -> v.problem())
        .contains(
            "interaction acknowledged twice", "interaction acknowledged after the 3 s deadline");
  }

  @Test
  @DisplayName("a thread can be opened on a message and posted in")
  void threads() throws Exception {
    String messageId =
        JSON.readTree(
                send("POST", "channels/" + ops() + "/messages", "{\"content\":\"incident\"}")
                    .body())
            .path("id")
            .asText();
    HttpResponse<String> thread =
        send(
            "POST",
            "channels/" + ops() + "/messages/" + messageId + "/threads",
            "{\"name\":\"consumer incident\"}");
    assertThat(thread.statusCode()).as(thread.body()).isEqualTo(200);
    JsonNode created = JSON.readTree(thread.body());
    assertThat(created.path("type").asInt()).isEqualTo(11);
    assertThat(
            send(
                    "POST",
                    "channels/" + created.path("id").asText() + "/messages",
                    "{\"content\":\"update\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(discord.messages("consumer incident")).hasSize(1);
    assertThat(send("POST", "channels/" + ops() + "/threads", "{\"name\":\"\"}").statusCode())
        .isEqualTo(400);
  }

  @Test
  @DisplayName("a wrong token is 401, an unknown channel 404, a blocked channel 403")
  void errors() throws Exception {
    HttpResponse<String> unauthorized =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(discord.restBaseUrl() + "users/@me"))
                .header("Authorization", "Bot wrong")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(send("POST", "channels/1/messages", "{\"content\":\"x\"}").statusCode())
        .isEqualTo(404);
    discord.blockChannel("alerts", true);
    HttpResponse<String> blocked =
        send(
            "POST",
            "channels/" + discord.channel("alerts").id() + "/messages",
            "{\"content\":\"x\"}");
    assertThat(blocked.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(blocked.body()).path("code").asInt()).isEqualTo(50001);
  }

  @Test
  @DisplayName("bodies are checked against Discord's OpenAPI schema when it is present")
  void schema() throws Exception {
    boolean present = DiscordConfig.defaults().openApiSchema() != null;
    if (!present) {
      System.out.println(
          "SKIPPED schema test: ../shared/discord-api-spec/openapi.json is absent; the simulated"
              + " Discord checks Discord's limits only.");
    }
    assumeTrue(present, "../shared/discord-api-spec/openapi.json is absent");
    HttpResponse<String> r =
        send("POST", "channels/" + ops() + "/messages", "{\"content\":\"x\",\"tts\":\"loud\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(discord.violations())
        .extracting(v -> v.problem())
        .anyMatch(p -> p.startsWith("schema:"));
  }

  @Test
  @DisplayName("the HTTP control API injects commands and clicks and reads channels")
  void controlOverHttp() throws Exception {
    HttpResponse<String> posted =
        send(
            "POST",
            "channels/" + ops() + "/messages",
            "{\"content\":\"card\",\"components\":[{\"type\":1,\"components\":[{\"type\":2,\"style\":1,\"label\":\"Go\",\"custom_id\":\"status:go\"}]}]}");
    String messageId = JSON.readTree(posted.body()).path("id").asText();
    HttpResponse<String> command =
        control(
            "POST",
            "/commands",
            "{\"user\":\"alice\",\"channel\":\"ops\",\"name\":\"status\",\"options\":{\"service\":\"consumer\"}}");
    assertThat(command.statusCode()).as(command.body()).isEqualTo(200);
    assertThat(JSON.readTree(command.body()).path("token").asText()).isNotEmpty();
    HttpResponse<String> click =
        control(
            "POST",
            "/clicks",
            "{\"user\":\"bob\",\"message_id\":\"" + messageId + "\",\"custom_id\":\"status:go\"}");
    assertThat(click.statusCode()).as(click.body()).isEqualTo(200);
    HttpResponse<String> bad =
        control(
            "POST",
            "/clicks",
            "{\"user\":\"bob\",\"message_id\":\"" + messageId + "\",\"custom_id\":\"nope\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("no component with custom_id 'nope'");
    JsonNode messages = JSON.readTree(control("GET", "/channels/ops/messages", "").body());
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).path("content").asText()).isEqualTo("card");
    assertThat(JSON.readTree(control("GET", "/gateway", "").body()).path("connected").asBoolean())
        .isFalse();
    assertThat(control("GET", "/violations", "").body()).isEqualTo("[]");
  }

  private HttpResponse<String> control(String method, String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(discord.controlUrl() + path))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Registers /scale with constrained options, as the bot declares them. */
  private void registerScale() throws Exception {
    HttpResponse<String> put =
        send(
            "PUT",
            "applications/"
                + discord.applicationId()
                + "/guilds/"
                + discord.guildId()
                + "/commands",
            """
            [{"name":"scale","description":"Scale","type":1,"options":[
              {"type":3,"name":"service","description":"which","required":true},
              {"type":4,"name":"max","description":"max","min_value":1,"max_value":1000},
              {"type":10,"name":"share","description":"share","min_value":0.5,"max_value":100},
              {"type":3,"name":"reason","description":"why","max_length":10},
              {"type":3,"name":"kind","description":"kind","choices":[
                {"name":"cpu","value":"cpu"},{"name":"memory","value":"memory"}]},
              {"type":5,"name":"live","description":"live"}]}]
            """);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
  }

  @Test
  @DisplayName(
      "options outside what the bot declared are refused with Discord's Invalid Form Body, and"
          + " never reach the bot")
  void optionConstraints() throws Exception {
    registerScale();
    Object[][] refused = {
      {Map.of("service", "a", "max", 1001), "NUMBER_TYPE_MAX"},
      {Map.of("service", "a", "max", 0), "NUMBER_TYPE_MIN"},
      {Map.of("service", "a", "max", "9223372036854775807"), "NUMBER_TYPE_MAX"},
      {Map.of("service", "a", "max", 2.5), "NUMBER_TYPE_COERCE"},
      {Map.of("service", "a", "max", "1e30"), "NUMBER_TYPE_COERCE"},
      {Map.of("service", "a", "max", "twelve"), "NUMBER_TYPE_COERCE"},
      {Map.of("service", "a", "share", "NaN"), "NUMBER_TYPE_COERCE"},
      {Map.of("service", "a", "share", "Infinity"), "NUMBER_TYPE_COERCE"},
      {Map.of("service", "a", "share", 1e-300), "NUMBER_TYPE_MIN"},
      {Map.of("service", "a", "reason", "x".repeat(11)), "BASE_TYPE_MAX_LENGTH"},
      // Ten characters on screen, eleven UTF-16 units: Discord counts the units.
      {Map.of("service", "a", "reason", "123456789😀"), "BASE_TYPE_MAX_LENGTH"},
      {Map.of("service", "a", "kind", "fork-bomb"), "BASE_TYPE_CHOICES"},
      {Map.of("service", "a", "live", "maybe"), "BOOLEAN_TYPE_COERCE"},
      {Map.of("max", 5), "BASE_TYPE_REQUIRED"},
    };
    for (Object[] r : refused) {
      @SuppressWarnings("unchecked")
      Map<String, Object> options = (Map<String, Object>) r[0];
      assertThatThrownBy(() -> discord.command("alice", "ops", "scale", options, null))
          .as(options.toString())
          .isInstanceOfSatisfying(
              InteractionRejected.class,
              e -> {
                assertThat(e.error().path("code").asInt()).isEqualTo(50035);
                assertThat(e.error().path("message").asText()).isEqualTo("Invalid Form Body");
                assertThat(e.firstCode()).isEqualTo(r[1]);
              });
    }
    assertThat(discord.interactionCount()).as("interactions the bot was sent").isZero();
    // At the bounds, and a number written as text, are fine.
    discord.command(
        "alice",
        "ops",
        "scale",
        Map.of("service", "a", "max", "1000", "share", 0.5, "reason", "x".repeat(10)),
        null);
    discord.command("alice", "ops", "scale", Map.of("service", "a", "kind", "cpu"), null);
    assertThat(discord.interactionCount()).isEqualTo(2);
  }

  @Test
  @DisplayName("a modified client gets past the option checks, so the bot's own checks are tested")
  void modifiedClient() throws Exception {
    registerScale();
    InteractionHandle h =
        discord.commandAsModifiedClient(
            "alice", "ops", "scale", Map.of("max", "9223372036854775808", "kind", "fork-bomb"));
    assertThat(h.token()).isNotEmpty();
    HttpResponse<String> refused =
        control(
            "POST",
            "/commands",
            "{\"user\":\"alice\",\"channel\":\"ops\",\"name\":\"scale\",\"options\":{\"service\":\"a\",\"max\":0}}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(
            JSON.readTree(refused.body())
                .at("/errors/data/options/1/value/_errors/0/code")
                .asText())
        .isEqualTo("NUMBER_TYPE_MIN");
    HttpResponse<String> modified =
        control(
            "POST",
            "/commands",
            "{\"user\":\"alice\",\"channel\":\"ops\",\"name\":\"scale\",\"modified_client\":true,\"options\":{\"service\":\"a\",\"max\":0}}");
    assertThat(modified.statusCode()).as(modified.body()).isEqualTo(200);
    assertThat(discord.interactionCount()).isEqualTo(2);
  }

  @Test
  @DisplayName("commands whose options break Discord's rules are refused at registration")
  void registration() throws Exception {
    String[][] bad = {
      {
        "[{\"type\":4,\"name\":\"n\",\"description\":\"d\",\"min_value\":5,\"max_value\":1}]",
        "min_value is greater"
      },
      {"[{\"type\":3,\"name\":\"n\",\"description\":\"d\",\"max_length\":6001}]", "max_length"},
      {"[{\"type\":3,\"name\":\"n\",\"description\":\"d\",\"min_value\":1}]", "only for integer"},
      {
        "[{\"type\":3,\"name\":\"a\",\"description\":\"d\"},{\"type\":3,\"name\":\"b\",\"description\":\"d\",\"required\":true}]",
        "required options must be listed before"
      },
      {
        "[{\"type\":3,\"name\":\"n\",\"description\":\"d\",\"autocomplete\":true,\"choices\":[{\"name\":\"x\",\"value\":\"x\"}]}]",
        "cannot autocomplete"
      },
      {"[{\"type\":3,\"name\":\"n\",\"description\":\"\"}]", "description"},
    };
    for (String[] b : bad) {
      HttpResponse<String> put =
          send(
              "PUT",
              "applications/"
                  + discord.applicationId()
                  + "/guilds/"
                  + discord.guildId()
                  + "/commands",
              "[{\"name\":\"x\",\"description\":\"x\",\"type\":1,\"options\":" + b[0] + "}]");
      assertThat(put.statusCode()).as(b[0]).isEqualTo(400);
      assertThat(put.body()).as(b[0]).contains(b[1]);
    }
  }

  @Test
  @DisplayName("the control API refuses commands the bot never registered, and unknown members")
  void control() {
    assertThatThrownBy(() -> discord.command("alice", "ops", "scale", Map.of(), null))
        .hasMessageContaining("has not registered /scale");
    assertThatThrownBy(() -> discord.command("mallory", "ops", "status", Map.of(), null))
        .hasMessageContaining("no member 'mallory'");
    assertThatThrownBy(
            () -> discord.command("alice", "ops", "status", Map.of("colour", "x"), List.of()))
        .hasMessageContaining("no option 'colour'");
  }
}
