package dev.lookout.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.BotFixture;
import dev.lookout.SharedWorld;
import dev.lookout.simulator.discord.DiscordModel.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * /stress and the scheduler's own proposals end to end, with the alert routine ticking every minute
 * as in production: drills load the simulated services through their load endpoints, and what the
 * bot says about them is read back from the simulated Discord.
 */
@ExtendWith(SharedWorld.class)
class OperationsIT {
  private static BotFixture fixture;

  private static Message stress(String user, Map<String, Object> options) {
    return fixture.say(user, "ops", "stress run", options);
  }

  private static String text(Message m) {
    return m.body().path("content").asText();
  }

  private static List<Message> cards(String channel, String titlePart) {
    return fixture.discord().messages(channel).stream()
        .filter(m -> !m.ephemeral() && m.body().path("embeds").size() > 0)
        .filter(m -> m.body().path("embeds").get(0).path("title").asText().contains(titlePart))
        .toList();
  }

  /** The drill card whose title names {@code service} once it matches {@code state}. */
  private static Message drillCard(String service, Predicate<JsonNode> state) {
    return fixture
        .discord()
        .awaitMessage(
            "ops",
            m ->
                !m.ephemeral()
                    && m.body().path("embeds").size() > 0
                    && m.body().path("embeds").get(0).path("title").asText().contains("drill")
                    && m.body().path("embeds").get(0).path("title").asText().contains(service)
                    && state.test(m.body().path("embeds").get(0)),
            BotFixture.REPLY);
  }

  private static Predicate<JsonNode> titled(String text) {
    return e -> e.path("title").asText().contains(text);
  }

  @Test
  @DisplayName(
      "bad input to /stress is answered privately, saying what is allowed, and runs nothing")
  void badInput() {
    int drillCards = cards("ops", "drill").size();
    String auditBefore = auditOf("checkout-api");
    Message noRole =
        stress("bob", Map.of("kind", "cpu", "service", "checkout-api", "duration", "5m"));
    assertThat(noRole.ephemeral()).isTrue();
    assertThat(text(noRole)).contains("`operator` role").contains("Nothing was changed");

    Message unknown =
        stress("alice", Map.of("kind", "cpu", "service", "payments", "duration", "5m"));
    assertThat(text(unknown)).contains("no service `payments`").contains("checkout-api");

    Message tooLong =
        stress("alice", Map.of("kind", "cpu", "service", "checkout-api", "duration", "45m"));
    assertThat(text(tooLong))
        .contains("`45m` is longer than 30m; use 30s to 30m")
        .contains("`45m`");

    Message tooShort =
        stress("alice", Map.of("kind", "cpu", "service", "checkout-api", "duration", "10s"));
    assertThat(text(tooShort)).contains("`10s` is shorter than 30s; use 30s to 30m");

    Message malformed =
        stress("alice", Map.of("kind", "cpu", "service", "checkout-api", "duration", "soon"));
    assertThat(text(malformed)).contains("`soon` is not a duration; use 30s to 30m");

    Message hot =
        stress(
            "alice",
            Map.of("kind", "cpu", "service", "checkout-api", "duration", "5m", "intensity", 150));
    assertThat(text(hot)).contains("out of range for a cpu drill").contains("up to 100%");

    Message fractional =
        stress(
            "alice",
            Map.of("kind", "queue", "service", "consumer", "duration", "5m", "intensity", 2.5));
    assertThat(text(fractional)).contains("whole number of requests");

    // Discord's client refuses these; a modified client can send them.
    Message tiny =
        fixture.modified(
            "alice",
            "ops",
            "stress run",
            Map.of(
                "kind", "cpu", "service", "checkout-api", "duration", "5m", "intensity", 1e-300));
    assertThat(text(tiny)).contains("`intensity` must be a number from 1 to 100000");

    Message forkBomb =
        fixture.modified(
            "alice",
            "ops",
            "stress run",
            Map.of("kind", "fork-bomb", "service", "checkout-api", "duration", "5m"));
    assertThat(text(forkBomb))
        .contains("`fork-bomb` is not a kind of drill; use cpu, ram, queue or latency")
        .doesNotContain("enum");

    Message critical =
        fixture.modified(
            "alice",
            "ops",
            "stress run",
            Map.of(
                "kind", "cpu", "service", "checkout-api", "duration", "5m", "expect", "critical"));
    assertThat(text(critical)).contains("`critical` is not a severity; use warn or fatal");

    for (Message m :
        List.of(unknown, tooLong, tooShort, malformed, hot, fractional, tiny, forkBomb, critical)) {
      assertThat(m.ephemeral()).isTrue();
      assertThat(text(m)).startsWith("No drill:").contains("Nothing was changed");
    }
    assertThat(cards("ops", "drill")).as("no drill was started").hasSize(drillCards);
    assertThat(auditOf("checkout-api")).as("nothing was audited").isEqualTo(auditBefore);
  }

  private static String auditOf(String service) {
    Message audit = fixture.say("alice", "ops", "audit", Map.of("service", service));
    return audit.body().path("embeds").get(0).path("description").asText();
  }

  @Test
  @DisplayName(
      "a fire drill that expects a warn passes when the warn reaches the subscribed channel")
  void fireDrillPasses() throws Exception {
    fixture.say("alice", "alerts", "subscribe", Map.of("services", "checkout-api"));
    Message started =
        stress(
            "alice",
            Map.of(
                "kind",
                "cpu",
                "service",
                "checkout-api",
                "duration",
                "8m",
                "intensity",
                85,
                "expect",
                "warn"));
    assertThat(started.ephemeral()).isTrue();
    assertThat(text(started)).contains("started on checkout-api").contains("for 8m");
    Message card = drillCard("checkout-api", titled("running"));
    assertThat(card.body().path("embeds").get(0).path("description").asText())
        .contains("started by alice")
        .contains("Expecting a **warn** alert");

    Message second =
        stress("dave", Map.of("kind", "ram", "service", "checkout-api", "duration", "2m"));
    assertThat(text(second))
        .contains("is still running on checkout-api")
        .contains("started by alice")
        .contains("/stress stop checkout-api");

    fixture.advanceAndSettle(Duration.ofMinutes(9));
    Message done = drillCard("checkout-api", titled("finished"));
    JsonNode embed = done.body().path("embeds").get(0);
    assertThat(embed.path("title").asText()).startsWith("✅ Fire drill");
    assertThat(embed.path("fields").get(0).path("name").asText()).isEqualTo("Fire drill: PASS");
    assertThat(embed.path("fields").get(0).path("value").asText())
        .contains("warn alert")
        .contains("CPU p99 high")
        .contains("<#" + fixture.discord().channel("alerts").id() + ">");
    assertThat(embed.path("fields").get(1).path("value").asText())
        .containsPattern("CPU p99 (8|9)\\d%");
    assertThat(
            done.body()
                .path("components")
                .get(0)
                .path("components")
                .get(0)
                .path("disabled")
                .asBoolean())
        .isTrue();
  }

  @Test
  @DisplayName("a fire drill whose alert never comes fails, saying what was missing")
  void fireDrillFails() throws Exception {
    stress(
        "alice",
        Map.of(
            "kind",
            "ram",
            "service",
            "auth-gateway",
            "duration",
            "2m",
            "intensity",
            20,
            "expect",
            "fatal"));
    drillCard("auth-gateway", titled("running"));
    fixture.advanceAndSettle(Duration.ofMinutes(6));
    Message done = drillCard("auth-gateway", titled("finished"));
    JsonNode embed = done.body().path("embeds").get(0);
    assertThat(embed.path("title").asText()).startsWith("❌ Fire drill");
    assertThat(embed.path("fields").get(0).path("value").asText())
        .contains("no fatal alert about auth-gateway reached a subscribed channel");
  }

  @Test
  @DisplayName("/stress stop and the Stop button end a drill early; stopping twice is refused")
  void stopping() throws Exception {
    stress("alice", Map.of("kind", "latency", "service", "consumer", "duration", "20m"));
    long first = fixture.bot.features().drills().running("consumer").orElseThrow().id();
    Predicate<JsonNode> thisDrill = titled("#" + first + " · ");
    drillCard("consumer", thisDrill.and(titled("running")));
    Message stopped = fixture.say("dave", "ops", "stress stop", Map.of("service", "consumer"));
    assertThat(text(stopped)).contains("on consumer stopped");
    Message card = drillCard("consumer", thisDrill.and(titled("stopped")));
    assertThat(card.body().path("embeds").get(0).path("fields").toString())
        .contains("stopped early by dave");
    Message again = fixture.say("dave", "ops", "stress stop", Map.of("service", "consumer"));
    assertThat(text(again)).contains("No drill is running on consumer. Nothing was changed.");

    stress("alice", Map.of("kind", "cpu", "service", "consumer", "duration", "20m"));
    Message running =
        fixture
            .discord()
            .awaitMessage(
                "ops",
                m ->
                    !m.ephemeral()
                        && m.body().path("embeds").size() > 0
                        && m.body().path("embeds").get(0).path("title").asText().contains("cpu")
                        && m.body()
                            .path("embeds")
                            .get(0)
                            .path("title")
                            .asText()
                            .contains("consumer")
                        && m.body()
                            .path("embeds")
                            .get(0)
                            .path("title")
                            .asText()
                            .contains("running"),
                BotFixture.REPLY);
    long id = fixture.bot.features().drills().running("consumer").orElseThrow().id();
    Message bob =
        fixture
            .discord()
            .click("bob", running.id(), BotFixture.button(running, "Stop drill"), List.of(), null)
            .awaitReply(BotFixture.REPLY);
    assertThat(text(bob)).contains("`operator` role").contains("Nothing was changed");
    assertThat(fixture.bot.features().drills().running("consumer")).isPresent();
    Message alice =
        fixture
            .discord()
            .click("alice", running.id(), BotFixture.button(running, "Stop drill"), List.of(), null)
            .awaitReply(BotFixture.REPLY);
    assertThat(text(alice)).contains("stopped");
    assertThat(fixture.bot.features().drills().running("consumer")).isEmpty();
  }

  @Test
  @DisplayName("a queue drill that saturates a service at its max makes Lookout propose a scale-up")
  void schedulerProposal() throws Exception {
    fixture.say("alice", "alerts", "subscribe", Map.of("services", "consumer"));
    Message started =
        stress(
            "alice",
            Map.of("kind", "queue", "service", "consumer", "duration", "20m", "intensity", 2000));
    assertThat(text(started)).contains("started on consumer");
    Message proposal = null;
    for (int minute = 0; minute < 20 && proposal == null; minute++) {
      fixture.advanceAndSettle(Duration.ofMinutes(1));
      proposal =
          cards("alerts", "proposal").stream()
              .filter(
                  m -> m.body().path("embeds").get(0).path("title").asText().endsWith("· consumer"))
              .findFirst()
              .orElse(null);
    }
    assertThat(proposal)
        .as(
            () ->
                "Lookout proposed a change in the subscribed channel; it holds: "
                    + fixture.discord().messages("alerts").stream()
                        .map(m -> m.body().path("embeds").path(0).path("title").asText())
                        .toList())
        .isNotNull();
    JsonNode embed = proposal.body().path("embeds").get(0);
    assertThat(embed.path("title").asText()).contains("consumer");
    assertThat(embed.path("description").asText())
        .contains("Lookout")
        .contains("saturated at max instances: raise max 10 → 15")
        .contains("Waiting for approval");
    assertThat(embed.toString()).contains("instances 10 of max 10");
    assertThat(embed.path("fields").get(0).path("value").asText())
        .contains("▶ Max instances  10         15");

    fixture.advanceAndSettle(Duration.ofMinutes(3));
    assertThat(cards("alerts", "· consumer"))
        .as("one open proposal per service: no second one while the first waits")
        .hasSize(1);
    fixture.say("alice", "ops", "stress stop", Map.of("service", "consumer"));
  }
}
