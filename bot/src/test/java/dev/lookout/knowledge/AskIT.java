package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.logging.v2.ListLogEntriesRequest;
import dev.lookout.BotFixture;
import dev.lookout.SharedWorld;
import dev.lookout.cloud.GoogleClients;
import dev.lookout.simulator.discord.DiscordModel.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * /ask end to end: the simulator's logs read through the Cloud Logging client into the knowledge
 * base, questions through JDA from the simulated Discord.
 */
@ExtendWith(SharedWorld.class)
class AskIT {
  private static BotFixture fixture;

  @BeforeAll
  static void read() throws Exception {
    fixture.settleKnowledge(); // the first tick reads back to the start of the retention window
  }

  private static Message ask(String user, Map<String, Object> options) {
    return fixture.say(user, "ops", "ask", options);
  }

  private static String text(Message m) {
    return m.body().path("content").asText();
  }

  private static JsonNode embed(Message m) {
    return m.body().path("embeds").get(0);
  }

  @Test
  @DisplayName("bad input to /ask is answered privately and clearly")
  void badInput() {
    Message empty = ask("bob", Map.of("question", "   "));
    assertThat(empty.ephemeral()).isTrue();
    assertThat(text(empty)).contains("Ask a question");

    // Discord's client holds a question to 1000 characters; a modified client does not.
    Message tooLong = fixture.modified("bob", "ops", "ask", Map.of("question", "why ".repeat(260)));
    assertThat(tooLong.ephemeral()).isTrue();
    assertThat(text(tooLong)).contains("1039 characters").contains("keep it to 1000");

    Message unknown = ask("bob", Map.of("question", "what happened?", "service", "payments"));
    assertThat(text(unknown)).contains("no service `payments`").contains("consumer");

    Message outside = ask("bob", Map.of("question", "what happened?", "window", "2d"));
    assertThat(text(outside)).contains("`2d` is longer than 6h; use 1m to 6h");

    Message malformed = ask("bob", Map.of("question", "what happened?", "window", "soon"));
    assertThat(text(malformed)).contains("`soon` is not a duration");
    for (Message m : List.of(unknown, outside, malformed)) {
      assertThat(m.ephemeral()).isTrue();
    }
  }

  @Test
  @DisplayName("after an OOM drill, why did consumer restart cites the OOM lines")
  void oom() throws Exception {
    fixture.drill("consumer", "/full/ram?duration=2m");
    fixture.advanceAndSettle(Duration.ofMinutes(3));
    fixture.settleKnowledge();
    Message answer = ask("bob", Map.of("question", "why did consumer restart?"));
    assertThat(answer.ephemeral()).isFalse();
    JsonNode e = embed(answer);
    assertThat(e.path("title").asText()).isEqualTo("🔎 why did consumer restart?");
    assertThat(e.path("description").asText())
        .contains("last hour of consumer logs")
        .contains("Memory limit of <*> MiB exceeded");
    String cited = e.path("fields").get(0).path("value").asText();
    assertThat(cited)
        .contains("**ERROR** consumer · Memory limit of")
        .contains("Container terminated on signal 9.");
    assertThat(e.path("footer").path("text").asText()).contains("entries searched");
  }

  @Test
  @DisplayName("a question the logs cannot answer gets not enough evidence, not a guess")
  void noEvidence() {
    Message answer =
        ask("bob", Map.of("question", "why is the kafka broker rebalancing partitions?"));
    assertThat(embed(answer).path("description").asText())
        .startsWith("Not enough evidence in the last hour of logs");
    assertThat(embed(answer).path("fields").size()).isZero();
  }

  @Test
  @DisplayName("secrets the services logged never appear in an answer")
  void secrets() throws Exception {
    List<String> secrets = new ArrayList<>();
    Pattern leak = Pattern.compile("Bearer (eyJ[\\w.-]+)|key=(AIza[\\w-]+)|://[\\w-]+:([^@\\s]+)@");
    try (GoogleClients g =
        GoogleClients.create(Optional.of(fixture.world.cloud().grpcEndpoint()))) {
      for (var entry :
          g.logging()
              .listLogEntries(
                  ListLogEntriesRequest.newBuilder()
                      .addResourceNames("projects/" + fixture.world.cloud().config().projectId())
                      .setFilter("severity=DEBUG")
                      .setPageSize(1000)
                      .build())
              .iterateAll()) {
        Matcher m = leak.matcher(entry.getTextPayload() + " " + entry.getJsonPayload());
        while (m.find()) {
          for (int i = 1; i <= 3; i++) {
            if (m.group(i) != null) {
              secrets.add(m.group(i));
            }
          }
        }
      }
    }
    assertThat(secrets).as("the simulator planted secrets to find").isNotEmpty();
    List<String> answers = new ArrayList<>();
    for (String q :
        List.of(
            "which calls to llm.internal carried an authorization bearer token?",
            "geocode requests to maps.googleapis.com with a key",
            "connecting to postgres at startup",
            "reports storage.internal exports")) {
      Message answer = ask("bob", Map.of("question", q, "window", "6h"));
      answers.add(answer.body().toString());
      if (!answer.body().path("components").isEmpty()) {
        String more =
            answer
                .body()
                .path("components")
                .get(0)
                .path("components")
                .get(0)
                .path("custom_id")
                .asText();
        assertThat(more).startsWith("ask:more:");
        answers.add(
            fixture
                .discord()
                .click("bob", answer.id(), more, List.of(), null)
                .awaitReply(BotFixture.REPLY)
                .body()
                .toString());
      }
    }
    String all = String.join("\n", answers);
    assertThat(all).contains("[REDACTED:");
    for (String secret : secrets) {
      assertThat(all).as("an answer shows a secret").doesNotContain(secret);
    }
  }

  @Test
  @DisplayName("an answer's button, once the answer is no longer kept, says so")
  void expiredButton() throws Exception {
    // Stack traces are cut in the card, so this answer has the button.
    Message answer =
        ask("bob", Map.of("question", "upstream timeouts on consumer", "window", "6h"));
    assertThat(answer.body().path("components").toString()).contains("ask:more:");
    String more =
        answer
            .body()
            .path("components")
            .get(0)
            .path("components")
            .get(0)
            .path("custom_id")
            .asText();
    fixture.advance(Duration.ofMinutes(16));
    Message stale =
        fixture
            .discord()
            .click("bob", answer.id(), more, List.of(), null)
            .awaitReply(BotFixture.REPLY);
    assertThat(stale.ephemeral()).isTrue();
    assertThat(text(stale)).contains("no longer kept").contains("ask again");
  }

  /** How many entries Cloud Logging holds for the watched services before {@code until}. */
  private static long logged(java.time.Instant from, java.time.Instant until) throws Exception {
    try (GoogleClients g =
        GoogleClients.create(Optional.of(fixture.world.cloud().grpcEndpoint()))) {
      long n = 0;
      for (var ignored :
          g.logging()
              .listLogEntries(
                  ListLogEntriesRequest.newBuilder()
                      .addResourceNames("projects/" + fixture.world.cloud().config().projectId())
                      .setFilter(
                          "resource.type=\"cloud_run_revision\" AND timestamp>=\""
                              + from
                              + "\" AND timestamp<\""
                              + until
                              + "\"")
                      .setPageSize(1000)
                      .build())
              .iterateAll()) {
        n++;
      }
      return n;
    }
  }

  @Test
  @DisplayName("polls and a restart read every entry exactly once")
  void cursor() throws Exception {
    for (int i = 0; i < 2; i++) {
      fixture.advance(Duration.ofMinutes(1));
      fixture.settleKnowledge();
    }
    // The simulator keeps the newest 20,000 entries a service, so compare the last 10 minutes,
    // which it still holds in full.
    java.time.Instant until = fixture.bot.features().knowledgeScheduler().lastTick();
    java.time.Instant from = until.minus(Duration.ofMinutes(10));
    long logged = logged(from, until);
    assertThat(logged).isPositive();
    assertThat(fixture.bot.features().knowledge().count(from, until)).isEqualTo(logged);

    fixture.restartBot();
    fixture.settleKnowledge();
    until = fixture.bot.features().knowledgeScheduler().lastTick();
    from = until.minus(Duration.ofMinutes(10));
    assertThat(fixture.bot.features().knowledge().count(from, until))
        .as("after a restart the window is read back, once")
        .isEqualTo(logged(from, until));
  }

  @Test
  @DisplayName("Explain on a fatal alert answers from the logs in the alert's thread")
  void explain() throws Exception {
    fixture.say(
        "alice", "alerts", "subscribe", Map.of("services", "checkout-api", "severity", "fatal"));
    fixture.drill("checkout-api", "/full/cpu?duration=10m");
    Message alert = null;
    for (int i = 0; i < 10 && alert == null; i++) {
      fixture.advanceAndSettle(Duration.ofMinutes(1));
      alert =
          fixture.discord().messages("alerts").stream()
              .filter(m -> m.body().path("embeds").size() > 0)
              .filter(m -> embed(m).path("title").asText().contains("checkout-api"))
              .filter(m -> m.body().path("components").toString().contains("alert:explain:"))
              .findFirst()
              .orElse(null);
    }
    assertThat(alert).as("a fatal alert with an Explain button").isNotNull();
    fixture.settleKnowledge();
    String explain = null;
    for (JsonNode b : alert.body().path("components").get(0).path("components")) {
      if (b.path("custom_id").asText().startsWith("alert:explain:")) {
        explain = b.path("custom_id").asText();
      }
    }
    Message reply =
        fixture
            .discord()
            .click("bob", alert.id(), explain, List.of(), null)
            .awaitReply(BotFixture.REPLY);
    assertThat(reply.ephemeral()).isTrue();
    assertThat(text(reply)).startsWith("Posted the explanation in <#");
    Message inThread =
        fixture
            .discord()
            .awaitMessage(
                "🔴 checkout-api — CPU p99 high",
                m ->
                    m.body().path("embeds").size() > 0
                        && embed(m)
                            .path("title")
                            .asText()
                            .equals("🔎 What is going on with checkout-api?"),
                BotFixture.REPLY);
    assertThat(embed(inThread).path("description").asText()).contains("checkout-api logs");
  }

  @Test
  @DisplayName("with Cloud Logging away, /ask answers from what is stored and says it is behind")
  void loggingDown() throws Exception {
    fixture.world.cloud().googleApisDown(true);
    try {
      fixture.advance(Duration.ofMinutes(1));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (fixture
              .bot
              .features()
              .knowledgeScheduler()
              .lastTick()
              .isBefore(fixture.world.clock().instant())
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Message answer =
          ask("bob", Map.of("question", "upstream timeouts on consumer", "window", "6h"));
      assertThat(answer.ephemeral()).isFalse();
      assertThat(embed(answer).path("footer").path("text").asText())
          .contains("⚠ Cloud Logging did not answer");
      assertThat(embed(answer).path("fields").size())
          .as("what is stored still answers")
          .isPositive();
    } finally {
      fixture.world.cloud().googleApisDown(false);
    }
  }
}
