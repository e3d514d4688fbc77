package dev.lookout.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.BotFixture;
import dev.lookout.SharedWorld;
import dev.lookout.simulator.discord.DiscordModel.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On-call end to end: a schedule made with /oncall, its handoff announced, and a fatal alert from
 * Cloud Monitoring escalated step by step to the person on call and then the team's role, each
 * mention pinging exactly them, across a restart in the middle, until it is acknowledged.
 */
@ExtendWith(SharedWorld.class)
@SharedWorld.OnePerTest
class OnCallIT {
  private static BotFixture fixture;
  private static final DateTimeFormatter HHMM =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  private static long user(String name) {
    return fixture.discord().member(name).user().id();
  }

  private static long role(String name) {
    return fixture.discord().roles().stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private static Message oncall(String user, String sub, Map<String, Object> options) {
    return fixture.say(user, "ops", "oncall " + sub, options);
  }

  @Test
  @DisplayName(
      "bad /oncall input is answered privately and changes nothing; a schedule shows who is on call, takes overrides, and announces its handoff pinging only the next person")
  void schedules() throws Exception {
    String people = "<@" + user("alice") + "> <@" + user("dave") + ">";
    Instant now = fixture.world.clock().instant();
    String handoff = HHMM.format(now.plus(Duration.ofMinutes(3)));
    Map<String, Object> good =
        Map.of(
            "name",
            "primary",
            "rotation",
            "daily",
            "handoff",
            handoff,
            "timezone",
            "UTC",
            "people",
            people,
            "role",
            "<@&" + role("operator") + ">");
    List<Object[]> bad =
        List.of(
            new Object[] {"bob", good, "role"},
            new Object[] {"alice", with(good, "handoff", "25:00"), "not a time of day"},
            new Object[] {"alice", with(good, "timezone", "Mars/Base"), "not a time zone"},
            new Object[] {"alice", with(good, "people", "alice and dave"), "@mentions"},
            new Object[] {"alice", with(good, "people", "@everyone"), "@mentions"},
            new Object[] {"alice", with(good, "name", "Primary Team!"), "lowercase letters"},
            new Object[] {"alice", with(good, "name", "pri\u200Bmary"), "lowercase letters"},
            new Object[] {"alice", with(good, "role", "operator"), "role's @mention"});
    for (Object[] b : bad) {
      @SuppressWarnings("unchecked")
      Message r = oncall((String) b[0], "create", (Map<String, Object>) b[1]);
      assertThat(r.ephemeral()).as("private: %s", b[2]).isTrue();
      assertThat(r.body().path("content").asText()).contains((String) b[2]);
    }
    assertThat(oncall("alice", "who", Map.of()).body().path("content").asText())
        .contains("No on-call schedule yet");

    Message created = oncall("alice", "create", good);
    assertThat(created.ephemeral()).isFalse();
    assertThat(created.body().path("content").asText())
        .contains("<@" + user("alice") + "> is on call until")
        .contains("then <@" + user("dave") + ">");
    assertThat(created.mentions().pingsAnyone()).as("naming people pings nobody").isFalse();
    assertThat(oncall("alice", "create", good).body().path("content").asText())
        .contains("exists already");

    Message override =
        oncall(
            "alice",
            "override",
            Map.of("name", "primary", "person", "<@" + user("carol") + ">", "from", "tomorrow"));
    // "from:tomorrow" covers tomorrow's shift: from its handoff to the next day's.
    assertThat(override.body().path("content").asText())
        .contains("Override #1")
        .containsPattern(
            "from \\w{3} \\d{1,2} \\w{3} "
                + handoff
                + " UTC until \\w{3} \\d{1,2} \\w{3} "
                + handoff
                + " UTC");
    assertThat(
            oncall("bob", "override", Map.of("name", "primary", "person", "<@1>", "from", "x"))
                .ephemeral())
        .isTrue();
    assertThat(
            oncall(
                    "alice",
                    "override",
                    Map.of(
                        "name",
                        "primary",
                        "person",
                        "<@" + user("carol") + ">",
                        "from",
                        "2020-01-01",
                        "to",
                        "2020-01-02"))
                .body()
                .path("content")
                .asText())
        .contains("over already");
    String schedule =
        oncall("bob", "schedule", Map.of("name", "primary", "days", 3))
            .body()
            .path("content")
            .asText();
    assertThat(schedule).contains("(override #1)").contains("<@" + user("carol") + ">");

    fixture.advanceAndSettle(Duration.ofMinutes(4));
    List<Message> handoffs =
        fixture.discord().messages("ops").stream()
            .filter(m -> m.body().path("content").asText().startsWith("🔁 **On-call handoff"))
            .toList();
    assertThat(handoffs).as("one handoff at " + handoff).hasSize(1);
    assertThat(handoffs.get(0).body().path("content").asText())
        .contains("<@" + user("alice") + "> → <@" + user("dave") + ">");
    assertThat(handoffs.get(0).mentions().users()).containsExactly(user("dave"));
    assertThat(handoffs.get(0).mentions().roles()).isEmpty();
    assertThat(oncall("bob", "who", Map.of("name", "primary")).body().path("content").asText())
        .contains("<@" + user("dave") + "> is on call");
  }

  private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
    var copy = new java.util.HashMap<>(m);
    copy.put(k, v);
    return copy;
  }

  @Test
  @DisplayName(
      "a fatal Cloud Monitoring incident nobody acknowledges wakes the person on call, then the team role, through quiet hours and a restart, each step once; acknowledging stops it")
  void escalation() throws Exception {
    String alice = "<@" + user("alice") + ">";
    Instant now = fixture.world.clock().instant();
    oncall(
        "alice",
        "create",
        Map.of(
            "name",
            "primary",
            "rotation",
            "weekly",
            "handoff",
            HHMM.format(now.minus(Duration.ofHours(1))),
            "timezone",
            "UTC",
            "people",
            alice + " <@" + user("dave") + ">",
            "role",
            "<@&" + role("operator") + ">"));
    fixture.say("alice", "alerts", "subscribe", Map.of("services", "checkout-api"));
    fixture.say(
        "alice",
        "alerts",
        "quiet set",
        Map.of(
            "from",
            HHMM.format(now.minus(Duration.ofHours(1))),
            "to",
            HHMM.format(now.plus(Duration.ofHours(3))),
            "tz",
            "UTC"));
    HttpResponse<String> sent = incident(now.getEpochSecond() - 30);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    fixture.advanceAndSettle(Duration.ofMinutes(2));
    Message card = card();
    String thread = "🔴 checkout-api — Checkout latency SLO · p99 over 2 s";
    assertThat(steps(thread)).isEmpty();

    fixture.advanceAndSettle(Duration.ofMinutes(4));
    List<Message> first = steps(thread);
    assertThat(first).as("step 1 after 5 min, in the card's thread").hasSize(1);
    assertThat(first.get(0).body().path("content").asText())
        .startsWith("🚨 **Escalation, step 1**: " + alice);
    assertThat(first.get(0).mentions().users())
        .as("pings exactly the person on call")
        .containsExactly(user("alice"));
    assertThat(first.get(0).mentions().roles()).isEmpty();
    assertThat(first.get(0).mentions().everyone()).isFalse();
    assertThat(escalationField(card())).contains("1 · ").contains(alice);
    // The demo's policy also writes to the person on call directly.
    List<Message> direct = fixture.discord().messages("dm-alice");
    assertThat(direct).hasSize(1);
    assertThat(direct.get(0).body().path("content").asText())
        .startsWith("🚨 You are on call (on call for primary")
        .contains("Checkout latency SLO")
        .contains("<#" + fixture.discord().channel("alerts").id() + ">");

    // Killed mid-escalation: step 2 comes due while the bot is down.
    fixture.stopBot();
    fixture.advance(Duration.ofMinutes(6));
    fixture.startBot();
    fixture.advanceAndSettle(Duration.ofMinutes(1));
    List<Message> taken = steps(thread);
    assertThat(taken).as("step 1 not repeated, step 2 taken once").hasSize(2);
    assertThat(taken.get(1).body().path("content").asText())
        .startsWith("🚨 **Escalation, step 2**: <@&" + role("operator") + ">");
    assertThat(taken.get(1).mentions().roles()).containsExactly(role("operator"));
    assertThat(taken.get(1).mentions().users()).isEmpty();
    assertThat(fixture.discord().messages("dm-alice"))
        .as("one direct message, at step 1")
        .hasSize(1);

    fixture
        .discord()
        .click("bob", card.id(), BotFixture.button(card(), "Explain"), List.of(), null)
        .awaitReply(BotFixture.REPLY);
    String ack = BotFixture.button(card(), "Acknowledge Checkout latency SLO · p99 over 2 s");
    fixture.discord().click("dave", card.id(), ack, List.of(), null).awaitReply(BotFixture.REPLY);
    fixture.advanceAndSettle(Duration.ofMinutes(12));
    assertThat(steps(thread)).as("acknowledged: no step 3").hasSize(2);
    assertThat(escalationField(card())).contains("2 · ");

    // What the team did meanwhile: a load drill on the service, and a silence from the card.
    fixture.say(
        "alice",
        "ops",
        "stress run",
        Map.of("kind", "cpu", "service", "checkout-api", "duration", "2m", "intensity", 50));
    fixture
        .discord()
        .click("alice", card.id(), BotFixture.button(card(), "Silence 1h"), List.of(), null)
        .awaitReply(BotFixture.REPLY);
    fixture.advanceAndSettle(Duration.ofMinutes(1));

    // The timeline, asked from the alert's thread, and a postmortem draft with it.
    Message timeline = fixture.say("carol", thread, "incident timeline", Map.of());
    String story = timeline.body().path("embeds").get(0).path("description").asText();
    assertThat(story)
        .containsSubsequence(
            "**fired**",
            "**escalated** escalation step 1 to " + alice,
            "**escalated** escalation step 2 to <@&" + role("operator") + ">",
            "**acknowledged** acknowledged — dave")
        // Explained in the same minute as the acknowledgement: the clock cannot order them.
        .contains("**explained** Explain: ")
        .containsPattern("\\*\\*action\\*\\* drill.* — alice")
        .containsPattern("\\*\\*silenced\\*\\* silence #\\d+ until .* — alice")
        .contains("acknowledged after 1")
        .contains("still firing");
    assertThat(timeline.mentions().pingsAnyone()).isFalse();
    assertThat(timeline.attachments()).hasSize(1);
    String draft =
        new String(timeline.attachments().get(0).data(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(timeline.attachments().get(0).filename()).startsWith("postmortem-checkout-api-");
    assertThat(draft)
        .contains("# Postmortem (draft): checkout-api")
        .contains("- Time to acknowledge: 1")
        .contains("| escalated |")
        .contains("## Evidence")
        .contains("## Action items");
    // Named by its fingerprint elsewhere; a wrong name or a channel that is no thread is refused.
    String fingerprint =
        card()
            .body()
            .path("embeds")
            .get(0)
            .path("footer")
            .path("text")
            .asText()
            .replace("Fingerprints: ", "");
    assertThat(
            fixture
                .say("carol", "ops", "incident timeline", Map.of("alert", fingerprint))
                .body()
                .path("embeds")
                .get(0)
                .path("title")
                .asText())
        .startsWith("🧭 Timeline: checkout-api");
    Message wrong =
        fixture.say("carol", "ops", "incident timeline", Map.of("alert", "<@&1> hello"));
    assertThat(wrong.ephemeral()).isTrue();
    assertThat(wrong.body().path("content").asText()).contains("is not an alert");
    Message notThread = fixture.say("carol", "ops", "incident timeline", Map.of());
    assertThat(notThread.ephemeral()).isTrue();
    assertThat(notThread.body().path("content").asText()).contains("not an alert's thread");
  }

  private static Message card() {
    return fixture.discord().messages("alerts").stream()
        .filter(m -> m.body().toString().contains("Checkout latency SLO"))
        .filter(m -> m.body().path("embeds").size() > 0)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no card in #alerts"));
  }

  private static String escalationField(Message card) {
    for (JsonNode f : card.body().path("embeds").get(0).path("fields")) {
      if (f.path("name").asText().equals("🚨 Escalation")) {
        return f.path("value").asText();
      }
    }
    return "";
  }

  private static List<Message> steps(String thread) {
    return fixture.discord().messages(thread).stream()
        .filter(m -> m.body().path("content").asText().startsWith("🚨 **Escalation"))
        .toList();
  }

  private static HttpResponse<String> incident(long started) throws Exception {
    String body =
        """
        {"version": "1.2", "incident": {
          "incident_id": "0.esc1", "scoping_project_id": "lookout-demo",
          "started_at": %d, "ended_at": null, "state": "open",
          "resource": {"type": "cloud_run_revision", "labels": {"service_name": "checkout-api"}},
          "policy_name": "Checkout latency SLO", "condition_name": "p99 over 2 s",
          "severity": "CRITICAL", "summary": "p99 above 2 s"
        }}"""
            .formatted(started);
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + fixture.bot.httpPort() + "/intake/cloud-monitoring"))
                .header("Authorization", "Bearer " + fixture.config().intake().get(0).token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
