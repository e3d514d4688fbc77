package dev.lookout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.BotFixture;
import dev.lookout.SharedWorld;
import dev.lookout.simulator.discord.DiscordModel.Attachment;
import dev.lookout.simulator.discord.DiscordModel.Message;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /status} end to end: JDA, the simulated Discord and the simulated Cloud Run project. */
@ExtendWith(SharedWorld.class)
class StatusIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static BotFixture fixture;

  private static JsonNode embed(Message m) {
    return m.body().path("embeds").get(0);
  }

  private static List<String> fieldNames(JsonNode embed) {
    List<String> names = new ArrayList<>();
    embed.path("fields").forEach(f -> names.add(f.path("name").asText()));
    return names;
  }

  @Test
  @DisplayName("a healthy service gets a green card with its figures and a PNG chart")
  void healthy() throws Exception {
    Message card = fixture.reply("bob", "status", Map.of("service", "checkout-api"));
    JsonNode embed = embed(card);
    assertThat(embed.path("color").asInt()).isEqualTo(0x2ECC71);
    assertThat(embed.path("title").asText()).contains("checkout-api").contains("healthy");
    assertThat(fieldNames(embed))
        .contains("CPU", "Memory", "Instances", "Requests", "Latency", "Revision");
    assertThat(embed.path("description").asText()).contains("within their limits");
    // The headline figures are the newest minute's; the window's peaks stand beside them.
    assertThat(embed.path("footer").path("text").asText())
        .contains("Window 1h (chart, peaks)")
        .contains("figures of the newest minute, data as of");
    assertThat(embed.path("fields").get(0).path("value").asText())
        .containsPattern("p99 [\\d.]+%")
        .containsPattern("peak 1h [\\d.]+%");
    assertThat(embed.path("image").path("url").asText())
        .isEqualTo("attachment://status-checkout-api.png");
    assertThat(card.ephemeral()).isFalse();

    assertThat(card.attachments()).hasSize(1);
    Attachment png = card.attachments().get(0);
    assertThat(png.filename()).isEqualTo("status-checkout-api.png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.data()));
    assertThat(image).as("a readable PNG").isNotNull();
    assertThat(image.getWidth()).isEqualTo(960);
    assertThat(image.getHeight()).isEqualTo(480);
  }

  @Test
  @DisplayName("a service whose CPU is held in the warn band gets a yellow warning card naming CPU")
  void warning() throws Exception {
    // checkout-api's own load is steady (a few percent), so the drill sets the band it lands in.
    fixture.drill("checkout-api", "/state/cpu/82?duration=10m");
    fixture.advance(Duration.ofMinutes(3));
    Message card =
        fixture.reply("alice", "status", Map.of("service", "checkout-api", "window", "15m"));
    JsonNode embed = embed(card);
    assertThat(embed.path("color").asInt()).isEqualTo(0xF1C40F);
    assertThat(embed.path("title").asText()).contains("warning");
    assertThat(embed.path("description").asText())
        .containsPattern("CPU p99 is (8\\d|9[0-4])% \\(warn at 80%\\)");
    assertThat(embed.path("footer").path("text").asText()).contains("Window 15m");
    // Back to healthy for the tests that read checkout-api after this one.
    fixture.drill("checkout-api", "/stop");
    fixture.advance(Duration.ofMinutes(3));
  }

  @Test
  @DisplayName("a service whose CPU is pinned at 100% gets a red failing card")
  void failing() throws Exception {
    pinNightlyReport();
    Message card = fixture.reply("alice", "status", Map.of("service", "nightly-report"));
    JsonNode embed = embed(card);
    assertThat(embed.path("color").asInt()).isEqualTo(0xE74C3C);
    assertThat(embed.path("title").asText()).contains("failing");
    assertThat(embed.path("description").asText())
        .contains("CPU p99 is 100%")
        .contains("fatal at 95%");
  }

  /** Pins nightly-report's CPU at 100% with work queued, long enough for Monitoring to see it. */
  private static void pinNightlyReport() throws Exception {
    fixture.drill("nightly-report", "/full/cpu?duration=10m");
    fixture.drill("nightly-report", "/full/enqueue?num=50");
    fixture.advance(Duration.ofMinutes(3));
  }

  @Test
  @DisplayName("without a service: one line per service and a menu that opens a card")
  void overview() throws Exception {
    pinNightlyReport();
    Message overview = fixture.reply("bob", "status", Map.of());
    JsonNode embed = embed(overview);
    String description = embed.path("description").asText();
    assertThat(description.lines())
        .hasSize(5)
        .anyMatch(l -> l.contains("checkout-api"))
        .anyMatch(l -> l.startsWith("🔴") && l.contains("nightly-report"));
    JsonNode menu = overview.body().path("components").get(0).path("components").get(0);
    assertThat(menu.path("options")).hasSize(5);

    Message card =
        fixture
            .discord()
            .click("bob", overview.id(), menu.path("custom_id").asText(), List.of("consumer"), null)
            .awaitReply(BotFixture.REPLY);
    assertThat(embed(card).path("title").asText()).contains("consumer");
  }

  @Test
  @DisplayName("Refresh edits the card in place")
  void refresh() {
    Message card = fixture.reply("bob", "status", Map.of("service", "consumer"));
    String firstFooter = embed(card).path("footer").path("text").asText();
    fixture.advance(Duration.ofMinutes(2));
    String refresh =
        card.body().path("components").get(0).path("components").get(0).path("custom_id").asText();
    assertThat(refresh).isEqualTo("status:refresh:consumer:1h");
    Message edited =
        fixture
            .discord()
            .click("bob", card.id(), refresh, List.of(), null)
            .awaitReply(BotFixture.REPLY);
    assertThat(edited.id()).as("the same message, edited").isEqualTo(card.id());
    assertThat(
            edited.history().getLast().path("embeds").get(0).path("footer").path("text").asText())
        .isEqualTo(firstFooter);
    assertThat(embed(edited).path("footer").path("text").asText())
        .as("newer data after two minutes")
        .isNotEqualTo(firstFooter);
  }

  @Test
  @DisplayName("an unknown service gets an ephemeral answer listing the known ones")
  void unknownService() {
    long publicBefore = fixture.messages().stream().filter(m -> !m.ephemeral()).count();
    Message reply = fixture.reply("bob", "status", Map.of("service", "payments"));
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.body().path("content").asText())
        .contains("no service `payments`")
        .contains("`consumer`")
        .contains("`checkout-api`");
    assertThat(fixture.messages().stream().filter(m -> !m.ephemeral()).count())
        .as("nothing posted for everyone")
        .isEqualTo(publicBefore);
  }

  @Test
  @DisplayName("a malformed or out-of-range window is answered and nothing is posted")
  void badWindow() {
    Message reply = fixture.reply("bob", "status", Map.of("service", "consumer", "window", "ten"));
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.body().path("content").asText())
        .contains("`ten` is not a duration")
        .contains("use 5m to 7d");
    Message tooLong =
        fixture.reply("bob", "status", Map.of("service", "consumer", "window", "30d"));
    assertThat(tooLong.body().path("content").asText()).contains("`30d` is longer than 7d");
  }

  @Test
  @DisplayName("/help lists every command in one embed")
  void help() {
    Message help = fixture.reply("bob", "help", Map.of());
    assertThat(help.ephemeral()).isTrue();
    assertThat(embed(help).path("description").asText()).contains("/status").contains("/help");
  }

  @Test
  @DisplayName("a 5xx on the interaction callback is retried and the member still gets an answer")
  void callbackFailsOnce() {
    fixture.discord().failInteractionCallbacks(503, 1);
    Message help = fixture.reply("bob", "help", Map.of());
    assertThat(help.ephemeral()).isTrue();
    assertThat(embed(help).path("description").asText()).contains("/status");
    fixture.discord().failInteractionCallbacks(500, 1);
    Message card = fixture.reply("bob", "status", Map.of("service", "consumer"));
    assertThat(embed(card).path("title").asText()).contains("consumer");
  }

  @Test
  @DisplayName(
      "when Google is unreachable the card says so and shows the last figures with their age")
  void googleUnavailable() {
    fixture.reply("bob", "status", Map.of("service", "image-resizer"));
    withGoogleDown(
        () -> {
          fixture.advance(Duration.ofMinutes(4));
          Message card = fixture.reply("bob", "status", Map.of("service", "image-resizer"));
          String description = embed(card).path("description").asText();
          assertThat(description)
              .contains("Google Cloud did not answer")
              .contains("last known figures")
              .contains("min old");
          assertThat(fieldNames(embed(card))).contains("CPU");
        });
  }

  /**
   * Runs {@code during} with Google's APIs down, then waits until a card reads them again: the
   * client's channel reconnects with its own backoff, and the next test finds Google answering.
   */
  private static void withGoogleDown(Runnable during) {
    fixture.world.cloud().googleApisDown(true);
    try {
      during.run();
    } finally {
      fixture.world.cloud().googleApisDown(false);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String description;
    do {
      Message recovered = fixture.reply("bob", "status", Map.of("service", "image-resizer"));
      description = embed(recovered).path("description").asText();
    } while (description.contains("did not answer") && System.nanoTime() < deadline);
    assertThat(description).as("Google answers again").doesNotContain("did not answer");
  }

  @Test
  @DisplayName("after a dropped gateway JDA resumes and commands work again; /healthz tells")
  void droppedGateway() throws Exception {
    String healthz = "http://127.0.0.1:" + fixture.bot.httpPort() + "/healthz";
    assertThat(get(healthz).statusCode()).isEqualTo(200);
    fixture.discord().gatewayDown(true);
    HttpResponse<String> down = awaitStatus(healthz, 503);
    assertThat(down.body()).contains("\"gateway\":\"").doesNotContain("\"gateway\":\"CONNECTED\"");
    fixture.discord().gatewayDown(false);
    assertThat(awaitStatus(healthz, 200).body()).contains("\"gateway\":\"CONNECTED\"");
    Message card = fixture.reply("dave", "status", Map.of("service", "checkout-api"));
    assertThat(embed(card).path("title").asText()).contains("checkout-api");
  }

  @Test
  @DisplayName(
      "live:true keeps the card updated in place every 15 s, in real time, however fast the bot's"
          + " clock runs")
  void live() throws Exception {
    Message card =
        fixture.reply("alice", "status", Map.of("service", "checkout-api", "live", true));
    assertThat(embed(card).path("footer").path("text").asText())
        .contains("live: updated every 15s for 10m");
    // The bot's clock jumps past the ten minutes (as the demo's, at sixty times, does at once):
    // the card stays live, for ten minutes of real time.
    fixture.advance(Duration.ofHours(1));
    for (int refresh = 0; refresh < 2; refresh++) {
      int edits = card.history().size();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (card.history().size() == edits && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(card.history()).as("edited again by the live refresh").hasSizeGreaterThan(edits);
      assertThat(embed(card).path("title").asText()).contains("checkout-api");
      assertThat(embed(card).path("footer").path("text").asText()).contains("live: updated");
    }
  }

  @Test
  @DisplayName("/metrics counts commands by outcome")
  void metrics() throws Exception {
    Message card = fixture.reply("bob", "status", Map.of("service", "consumer"));
    fixture
        .discord()
        .click(
            "bob",
            card.id(),
            card.body()
                .path("components")
                .get(0)
                .path("components")
                .get(0)
                .path("custom_id")
                .asText(),
            List.of(),
            null)
        .awaitReply(BotFixture.REPLY);
    withGoogleDown(
        () -> {
          fixture.advance(Duration.ofMinutes(2));
          fixture.reply("bob", "status", Map.of("service", "checkout-api"));
        });
    HttpResponse<String> r = get("http://127.0.0.1:" + fixture.bot.httpPort() + "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("lookout_interaction_seconds_count{outcome=\"ok\",what=\"/status\"}")
        .contains("what=\"status:refresh\"")
        .contains(
            "lookout_google_call_seconds_count{method=\"google.monitoring.v3.MetricService/ListTimeSeries\",status=\"OK\"}")
        .contains("status=\"UNAVAILABLE\"");
  }

  @Test
  @DisplayName("a click on a stale or unknown control gets a short private answer")
  void staleControl() throws Exception {
    for (String customId : List.of("status:refresh:consumer", "scale:approve:42", "garbage")) {
      var old =
          fixture
              .discord()
              .postAsBot(
                  "ops",
                  (com.fasterxml.jackson.databind.node.ObjectNode)
                      new com.fasterxml.jackson.databind.ObjectMapper()
                          .readTree(
                              "{\"content\":\"an old card\",\"components\":[{\"type\":1,\"components\":"
                                  + "[{\"type\":2,\"style\":2,\"label\":\"Refresh\",\"custom_id\":\""
                                  + customId
                                  + "\"}]}]}"));
      Message answer =
          fixture
              .discord()
              .click("bob", old.id(), customId, List.of(), null)
              .awaitReply(BotFixture.REPLY);
      assertThat(answer.ephemeral()).isTrue();
      assertThat(answer.body().path("content").asText()).contains("no longer valid");
      assertThat(old.history()).as("the old message is left as it was").isEmpty();
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> awaitStatus(String url, int status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpResponse<String> r = get(url);
    while (r.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(100);
      r = get(url);
    }
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return r;
  }
}
