package dev.lookout.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.BotFixture;
import dev.lookout.SharedWorld;
import dev.lookout.simulator.discord.DiscordModel.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alerts from other systems end to end: a Cloud Monitoring 1.2 notification and an Alertmanager
 * group posted to the bot's HTTP port as their senders post them, redelivered as senders do, and
 * refused when they are not what a sender sends; each arrives in the subscribed channel as one
 * alert card that resolves when the sender closes it.
 */
@ExtendWith(SharedWorld.class)
@SharedWorld.OnePerTest
class IntakeIT {
  private static BotFixture fixture;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> post(String kind, String auth, String type, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fixture.bot.httpPort() + "/intake/" + kind))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    if (type != null) {
      b.header("Content-Type", type);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String bearer() {
    return "Bearer " + fixture.config().intake().get(0).token();
  }

  private static HttpResponse<String> post(String kind, String body) throws Exception {
    return post(kind, bearer(), "application/json", body);
  }

  private static String incident(String state, long started, Long ended) {
    return """
        {"version": "1.2", "incident": {
          "incident_id": "0.n1c3id", "scoping_project_id": "lookout-demo",
          "url": "https://console.cloud.google.com/monitoring/alerting/incidents/0.n1c3id",
          "started_at": %d, "ended_at": %s, "state": "%s",
          "resource": {"type": "cloud_run_revision",
                       "labels": {"service_name": "checkout-api", "location": "us-central1"}},
          "metric": {"type": "run.googleapis.com/request_latencies", "displayName": "Latency"},
          "policy_name": "Checkout latency SLO", "condition_name": "p99 over 2 s",
          "severity": "CRITICAL", "observed_value": "2.7", "threshold_value": "2",
          "summary": "Request latency p99 for checkout-api is above the threshold of 2 s.",
          "documentation": {"content": "Check the payments upstream first.", "mime_type": "text/markdown"}
        }}"""
        .formatted(started, ended == null ? "null" : ended.toString(), state);
  }

  private static String alertmanager(String status, String startsAt, String endsAt) {
    return """
        {"version": "4", "groupKey": "{}:{alertname=\\"QueueBacklog\\"}", "truncatedAlerts": 0,
         "status": "%s", "receiver": "lookout",
         "groupLabels": {"alertname": "QueueBacklog"}, "commonLabels": {}, "commonAnnotations": {},
         "externalURL": "http://alertmanager:9093",
         "alerts": [{"status": "%s",
           "labels": {"alertname": "QueueBacklog", "severity": "warning", "service": "consumer",
                      "instance": "consumer:9090"},
           "annotations": {"summary": "**Queue** backlog above 5000 for 10 minutes @everyone <@&42> [docs](https://evil.example)",
                           "runbook_url": "https://runbooks.example/queue"},
           "startsAt": "%s", "endsAt": "%s",
           "generatorURL": "http://prometheus:9090/graph?g0.expr=queue_depth",
           "fingerprint": "c0ffee1234567890"}]}"""
        .formatted(status, status, startsAt, endsAt);
  }

  /** The alert cards in a channel. */
  private static List<JsonNode> cards(String channel, String titlePart) {
    return fixture.discord().messages(channel).stream()
        .filter(m -> !m.ephemeral())
        .map(Message::body)
        .filter(b -> b.path("embeds").size() > 0)
        .map(b -> b.path("embeds").get(0))
        .filter(e -> e.path("title").asText().contains(titlePart))
        .toList();
  }

  private static long[] rows() {
    return fixture.bot.features().intake().counts();
  }

  @Test
  @DisplayName(
      "a Cloud Monitoring incident becomes one card however often it is delivered, and closing it resolves the card")
  void cloudMonitoring() throws Exception {
    fixture.say("alice", "alerts", "subscribe", Map.of());
    long started = fixture.world.clock().instant().getEpochSecond() - 60;

    HttpResponse<String> first = post("cloud-monitoring", incident("open", started, null));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.body()).contains("\"accepted\":1");
    HttpResponse<String> again = post("cloud-monitoring", incident("open", started, null));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"duplicates\":1");
    // Pub/Sub push carries the same notification, base64 in message.data.
    String pushed =
        "{\"message\": {\"data\": \""
            + Base64.getEncoder()
                .encodeToString(incident("open", started, null).getBytes(StandardCharsets.UTF_8))
            + "\", \"messageId\": \"1\"}, \"subscription\": \"projects/p/subscriptions/s\"}";
    assertThat(post("cloud-monitoring", pushed).body()).contains("\"duplicates\":1");
    fixture.advanceAndSettle(Duration.ofMinutes(2));

    List<JsonNode> posted = cards("alerts", "Checkout latency SLO");
    assertThat(posted).as("one card for one incident").hasSize(1);
    JsonNode card = posted.get(0);
    assertThat(card.path("title").asText()).contains("checkout-api").doesNotContain("resolved");
    assertThat(card.path("fields").get(0).path("name").asText()).contains("FATAL");
    assertThat(card.path("fields").get(0).path("value").asText())
        .contains("above the threshold of 2 s")
        .contains("observed 2.7, threshold 2")
        .contains("Check the payments upstream first.");

    long ended = fixture.world.clock().instant().getEpochSecond();
    assertThat(post("cloud-monitoring", incident("closed", started, ended)).statusCode())
        .isEqualTo(200);
    // A late redelivery of the open state does not reopen it.
    assertThat(post("cloud-monitoring", incident("open", started, null)).body())
        .contains("\"duplicates\":1");
    fixture.advanceAndSettle(Duration.ofMinutes(2));
    List<JsonNode> after = cards("alerts", "Checkout latency SLO");
    assertThat(after).as("the same card, edited").hasSize(1);
    assertThat(after.get(0).path("title").asText()).contains("resolved");
  }

  @Test
  @DisplayName(
      "an Alertmanager alert delivered three times (HA peers) is one card; its resolution edits it")
  void alertmanagerRedelivered() throws Exception {
    fixture.say("alice", "alerts", "subscribe", Map.of());
    Instant now = fixture.world.clock().instant();
    String starts = now.minusSeconds(300).toString();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r =
          post("alertmanager", alertmanager("firing", starts, "0001-01-01T00:00:00Z"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    assertThat(rows()[1]).as("one incident stored").isEqualTo(1);
    fixture.advanceAndSettle(Duration.ofMinutes(2));
    List<JsonNode> posted = cards("alerts", "QueueBacklog");
    assertThat(posted).hasSize(1);
    assertThat(posted.get(0).path("title").asText()).contains("consumer");
    assertThat(posted.get(0).path("fields").get(0).path("name").asText()).contains("WARN");
    // Another system's words are shown as written: no markdown, no link, nobody pinged.
    assertThat(
            fixture.discord().messages("alerts").stream()
                .filter(m -> m.body().toString().contains("QueueBacklog")))
        .isNotEmpty()
        .noneMatch(m -> m.mentions().pingsAnyone());
    assertThat(posted.get(0).path("fields").get(0).path("value").asText())
        .contains("\\*\\*Queue\\*\\* backlog above 5000")
        .contains("\\[docs\\]")
        .doesNotContain("[docs](https")
        .contains("instance=consumer:9090")
        .contains("runbooks.example/queue");

    String ends = fixture.world.clock().instant().toString();
    for (int i = 0; i < 3; i++) {
      assertThat(post("alertmanager", alertmanager("resolved", starts, ends)).statusCode())
          .isEqualTo(200);
    }
    fixture.advanceAndSettle(Duration.ofMinutes(2));
    List<JsonNode> after = cards("alerts", "QueueBacklog");
    assertThat(after).hasSize(1);
    assertThat(after.get(0).path("title").asText()).contains("resolved");
  }

  @Test
  @DisplayName(
      "an alert that fires a third time within 30 min flaps: one card, edited in place with the count, and no more resolution notices")
  void flapping() throws Exception {
    fixture.say("alice", "alerts", "subscribe", Map.of());
    for (int firing = 1; firing <= 4; firing++) {
      String starts = fixture.world.clock().instant().toString();
      assertThat(
              post("alertmanager", alertmanager("firing", starts, "0001-01-01T00:00:00Z"))
                  .statusCode())
          .isEqualTo(200);
      fixture.advanceAndSettle(Duration.ofMinutes(2));
      String ends = fixture.world.clock().instant().toString();
      assertThat(post("alertmanager", alertmanager("resolved", starts, ends)).statusCode())
          .isEqualTo(200);
      fixture.advanceAndSettle(Duration.ofMinutes(2));
    }
    List<JsonNode> posted = cards("alerts", "QueueBacklog");
    assertThat(posted)
        .as("the first two firings' cards; the second became the flapping one")
        .hasSize(2);
    JsonNode flapping = posted.get(1);
    assertThat(flapping.path("title").asText())
        .startsWith("✅ consumer")
        .endsWith("— flapping, resolved for now");
    assertThat(flapping.path("description").asText()).startsWith("🔁 Fired 4 times since ");
    Message card =
        fixture.discord().messages("alerts").stream()
            .filter(m -> m.body().toString().contains("flapping"))
            .findFirst()
            .orElseThrow();
    assertThat(card.history())
        .as("fired, resolved, then fired and resolved twice more while flapping: all one message")
        .hasSize(5);
    assertThat(
            fixture.discord().messages("alerts").stream()
                .filter(
                    m ->
                        m.body()
                            .path("content")
                            .asText()
                            .startsWith("✅ **Resolved**: consumer QueueBacklog")))
        .as("resolution notices only before the alert flapped")
        .hasSize(2);
  }

  @Test
  @DisplayName(
      "a Cloud Monitoring CPU alert on a Cloud Run service offers Propose scale-up, which opens a proposal for it")
  void proposeFromIntake() throws Exception {
    fixture.say("alice", "alerts", "subscribe", Map.of());
    long started = fixture.world.clock().instant().getEpochSecond() - 60;
    String cpu =
        incident("open", started, null)
            .replace(
                "run.googleapis.com/request_latencies",
                "run.googleapis.com/container/cpu/utilizations")
            .replace("0.n1c3id", "0.cpu1")
            .replace("Checkout latency SLO", "Checkout CPU");
    assertThat(post("cloud-monitoring", cpu).statusCode()).isEqualTo(200);
    fixture.advanceAndSettle(Duration.ofMinutes(2));
    Message card =
        fixture.discord().messages("alerts").stream()
            .filter(m -> m.body().toString().contains("Checkout CPU"))
            .findFirst()
            .orElseThrow();
    Message reply =
        fixture
            .discord()
            .click("alice", card.id(), BotFixture.button(card, "Propose scale-up"), List.of(), null)
            .awaitReply(BotFixture.REPLY);
    assertThat(reply.body().path("content").asText())
        .startsWith("Proposal **#")
        .contains("Max instances");
    fixture.settle();
    assertThat(cards("alerts", "Scale proposal"))
        .singleElement()
        .satisfies(p -> assertThat(p.path("title").asText()).contains("checkout-api"));
    // The proposal is part of the incident's story.
    String fingerprint =
        card.body()
            .path("embeds")
            .get(0)
            .path("footer")
            .path("text")
            .asText()
            .replace("Fingerprints: ", "");
    assertThat(
            fixture
                .say("bob", "ops", "incident timeline", Map.of("alert", fingerprint))
                .body()
                .path("embeds")
                .get(0)
                .path("description")
                .asText())
        .containsPattern("\\*\\*action\\*\\* .*proposal #1.* — alice");
  }

  @Test
  @DisplayName(
      "a source that names channels sends its alerts there, and not to the channels subscribed to the service")
  void sourceChannels() throws Exception {
    String ops = Long.toString(fixture.discord().channel("ops").id());
    fixture.restartBot(
        c ->
            c.withIntake(
                c.intake().stream()
                    .map(
                        s ->
                            s.kind() == dev.lookout.intake.IntakeSource.Kind.ALERTMANAGER
                                ? new dev.lookout.intake.IntakeSource(
                                    s.name(), s.kind(), s.token(), List.of(ops))
                                : s)
                    .toList()));
    fixture.say("alice", "alerts", "subscribe", Map.of());
    String starts = fixture.world.clock().instant().toString();
    assertThat(
            post("alertmanager", alertmanager("firing", starts, "0001-01-01T00:00:00Z"))
                .statusCode())
        .isEqualTo(200);
    fixture.advanceAndSettle(Duration.ofMinutes(2));
    assertThat(cards("ops", "QueueBacklog")).as("the source's channel").hasSize(1);
    assertThat(cards("alerts", "QueueBacklog")).as("not the subscribers").isEmpty();
    String ends = fixture.world.clock().instant().toString();
    assertThat(post("alertmanager", alertmanager("resolved", starts, ends)).statusCode())
        .isEqualTo(200);
    fixture.advanceAndSettle(Duration.ofMinutes(2));
    assertThat(cards("ops", "QueueBacklog").get(0).path("title").asText()).contains("resolved");
  }

  @Test
  @DisplayName(
      "a policy breach in the simulated project arrives as a 1.2 webhook: one card, resolved when the policy closes")
  void simulatedPolicy() throws Exception {
    fixture.say("alice", "alerts", "subscribe", Map.of("services", "checkout-api"));
    fixture
        .world
        .cloud()
        .policies()
        .sendTo(
            URI.create("http://127.0.0.1:" + fixture.bot.httpPort() + "/intake/cloud-monitoring"),
            fixture.config().intake().get(0).token());
    fixture.drill("checkout-api", "/state/ram/96?duration=5m");
    List<JsonNode> posted = awaitCard("Cloud Run memory near the limit", false, 8);
    assertThat(posted).as("one card for the policy's incident on checkout-api").hasSize(1);
    assertThat(posted.get(0).path("title").asText()).contains("checkout-api");
    assertThat(posted.get(0).path("fields").get(0).path("value").asText())
        .contains("threshold 0.900");

    // The drill ends; two clear minutes close the incident, and the card says so.
    List<JsonNode> after = awaitCard("Cloud Run memory near the limit", true, 10);
    assertThat(after).hasSize(1);
    assertThat(after.get(0).path("title").asText()).contains("resolved");
  }

  /**
   * Moves the world on a minute at a time until a card with {@code title} (resolved or not) is in
   * #alerts, at most {@code minutes}; returns the cards with that title.
   */
  private static List<JsonNode> awaitCard(String title, boolean resolved, int minutes)
      throws Exception {
    for (int m = 0; m < minutes; m++) {
      fixture.advanceAndSettle(Duration.ofMinutes(1));
      awaitSent(fixture.world.cloud().policies().sent());
      List<JsonNode> found = cards("alerts", title);
      if (found.stream().anyMatch(c -> c.path("title").asText().contains("resolved") == resolved)) {
        return found;
      }
    }
    throw new AssertionError(
        "no "
            + (resolved ? "resolved " : "")
            + "card "
            + title
            + " after "
            + minutes
            + " min; webhooks delivered: "
            + fixture.world.cloud().policies().sent()
            + ", intake rows: "
            + java.util.Arrays.toString(rows())
            + ", services: "
            + fixture.bot.features().intake().services());
  }

  /** Waits until the simulator's webhook channel has delivered {@code n} notifications. */
  private static void awaitSent(long n) throws InterruptedException {
    long deadline = System.nanoTime() + BotFixture.REPLY.toNanos();
    while (fixture.world.cloud().policies().sent() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the policy sent " + fixture.world.cloud().policies().sent() + " of " + n);
      }
      Thread.sleep(20);
    }
  }

  @Test
  @DisplayName(
      "unauthenticated, malformed, oversized or unknown payloads get the right 4xx and store nothing")
  void refused() throws Exception {
    long[] before = rows();
    String good = incident("open", Instant.now().getEpochSecond(), null);
    record Case(String why, HttpResponse<String> response, int status) {}
    String wrongToken = "Bearer " + "x".repeat(32);
    String basicGood =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    ("gcp:" + fixture.config().intake().get(0).token())
                        .getBytes(StandardCharsets.UTF_8));
    List<Case> cases =
        List.of(
            new Case(
                "no credentials", post("cloud-monitoring", null, "application/json", good), 401),
            new Case(
                "a wrong token",
                post("cloud-monitoring", wrongToken, "application/json", good),
                401),
            new Case(
                "Basic without a password",
                post("cloud-monitoring", "Basic Zm9vOg==", "application/json", good),
                401),
            new Case(
                "the wrong kind for a path",
                post("nagios", bearer(), "application/json", good),
                404),
            new Case(
                "not JSON",
                post("cloud-monitoring", bearer(), "application/json", "{\"version\": "),
                400),
            new Case(
                "not an object",
                post("cloud-monitoring", bearer(), "application/json", "[1, 2]"),
                400),
            new Case(
                "a form, not JSON",
                post("cloud-monitoring", bearer(), "application/x-www-form-urlencoded", good),
                415),
            new Case(
                "an unknown schema version",
                post("cloud-monitoring", good.replace("\"1.2\"", "\"1.1\"")),
                422),
            new Case(
                "an unknown webhook version",
                post(
                    "alertmanager",
                    alertmanager("firing", Instant.now().toString(), "0001-01-01T00:00:00Z")
                        .replace("\"4\"", "\"3\"")),
                422),
            new Case(
                "no incident id",
                post("cloud-monitoring", good.replace("\"incident_id\": \"0.n1c3id\",", "")),
                400),
            new Case(
                "a state that is not one",
                post(
                    "cloud-monitoring",
                    good.replace("\"state\": \"open\"", "\"state\": \"ongoing\"")),
                400),
            new Case(
                "a bad start time",
                post("alertmanager", alertmanager("firing", "yesterday", "0001-01-01T00:00:00Z")),
                400),
            new Case(
                "an alert without a name",
                post(
                    "alertmanager",
                    alertmanager("firing", Instant.now().toString(), "0001-01-01T00:00:00Z")
                        .replace("\"alertname\": \"QueueBacklog\", \"severity\"", "\"severity\"")),
                400),
            new Case(
                "bad base64 in a push",
                post("cloud-monitoring", "{\"message\": {\"data\": \"%%%\"}}"),
                400),
            new Case(
                "larger than 1 MiB",
                post(
                    "cloud-monitoring",
                    bearer(),
                    "application/json",
                    "{\"pad\": \"" + "a".repeat(1 << 20) + "\"}"),
                413));
    for (Case c : cases) {
      assertThat(c.response().statusCode())
          .as(c.why() + ": " + c.response().body())
          .isEqualTo(c.status());
      assertThat(c.response().body())
          .as(c.why())
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
    assertThat(cases.get(0).response().headers().firstValue("WWW-Authenticate")).isPresent();
    HttpResponse<String> get =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + fixture.bot.httpPort() + "/intake/alertmanager"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(rows()).as("nothing was stored").containsExactly(before);
    // Basic auth with the token as its password is accepted, as Alertmanager sends it.
    assertThat(post("cloud-monitoring", basicGood, "application/json", good).statusCode())
        .isEqualTo(200);
  }
}
