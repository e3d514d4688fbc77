package dev.lookout.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.BotFixture;
import dev.lookout.SharedWorld;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordConfig;
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
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The issue's whole path, end to end through the simulator: an alert from another system (a Cloud
 * Monitoring policy of the simulated project, or an Alertmanager group delivered three times) posts
 * one card, wakes the person on call after the delay with a mention that pings only them, is
 * acknowledged, and is resolved when its sender closes it.
 */
@ExtendWith(SharedWorld.class)
@SharedWorld.OnePerTest
class EscalationFlowIT {
  private static BotFixture fixture;
  private static final DateTimeFormatter HHMM =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  @SharedWorld.Make
  static BotFixture world() throws Exception {
    // Warn alerts escalate too here, so the simulator's memory policy (a WARNING) can show it.
    return new BotFixture(
        SimulatorConfig.defaults().withHistory(Duration.ofHours(2)),
        DiscordConfig.defaults(),
        c ->
            c.withAlerting(
                c.alerting()
                    .withEscalation(
                        List.of(
                            new EscalationPolicy(
                                "all",
                                Set.of("checkout-api", "consumer"),
                                AlertSeverity.WARN,
                                "primary",
                                Duration.ofMinutes(5),
                                Optional.empty(),
                                false)))));
  }

  private static long user(String name) {
    return fixture.discord().member(name).user().id();
  }

  private static void primary() {
    Instant now = fixture.world.clock().instant();
    Message made =
        fixture.say(
            "alice",
            "ops",
            "oncall create",
            Map.of(
                "name", "primary",
                "rotation", "daily",
                "handoff", HHMM.format(now.minus(Duration.ofHours(2))),
                "timezone", "UTC",
                "people", "<@" + user("dave") + "> <@" + user("alice") + ">"));
    assertThat(made.body().path("content").asText()).contains("<@" + user("dave") + "> is on call");
  }

  private static List<Message> cards(String title) {
    return cards("alerts", title);
  }

  private static List<Message> cards(String channel, String title) {
    return fixture.discord().messages(channel).stream()
        .filter(m -> m.body().path("embeds").size() > 0)
        .filter(m -> m.body().path("embeds").get(0).path("title").asText().contains(title))
        .toList();
  }

  /** Escalation messages for the alert, beside its cards (a warn card has no thread). */
  private static List<Message> escalations(String title) {
    return java.util.stream.Stream.concat(
            fixture.discord().messages("alerts").stream(),
            fixture.discord().messages("ops").stream())
        .filter(m -> m.body().path("content").asText().startsWith("🚨 **Escalation"))
        .filter(m -> m.body().path("content").asText().contains(title))
        .toList();
  }

  private static void ack(Message card, String user) {
    String ack =
        card.body().path("components").get(0).path("components").get(0).path("custom_id").asText();
    Message r =
        fixture.discord().click(user, card.id(), ack, List.of(), null).awaitReply(BotFixture.REPLY);
    assertThat(r.body().path("content").asText()).contains(user + " acknowledged");
  }

  private static void assertWokeDaveOnly(List<Message> steps) {
    assertThat(steps).as("one step: the person on call").hasSize(1);
    assertThat(steps.get(0).body().path("content").asText())
        .startsWith("🚨 **Escalation, step 1**: <@" + user("dave") + ">");
    assertThat(steps.get(0).mentions().users()).containsExactly(user("dave"));
    assertThat(steps.get(0).mentions().roles()).isEmpty();
    assertThat(steps.get(0).mentions().everyone()).isFalse();
  }

  @Test
  @DisplayName(
      "a memory breach in the simulated project: one card from its 1.2 webhook, the person on call woken after 5 min (only them), acknowledged, resolved when the policy closes")
  void cloudMonitoringPolicy() throws Exception {
    primary();
    fixture.say("alice", "alerts", "subscribe", Map.of("services", "checkout-api"));
    fixture.say("alice", "ops", "subscribe", Map.of("services", "checkout-api"));
    fixture
        .world
        .cloud()
        .policies()
        .sendTo(
            URI.create("http://127.0.0.1:" + fixture.bot.httpPort() + "/intake/cloud-monitoring"),
            fixture.config().intake().get(0).token());
    // 58% held on top of the service's own ~35%: above the policy's 90%, below the limit.
    fixture.drill("checkout-api", "/state/ram/58?duration=12m");
    String title = "Cloud Run memory near the limit";
    for (int m = 0; m < 12 && escalations(title).isEmpty(); m++) {
      fixture.advanceAndSettle(Duration.ofMinutes(1));
    }
    assertThat(cards(title)).as("one card for the policy's incident").hasSize(1);
    assertThat(escalations(title))
        .as(
            "#alerts: %s",
            fixture.discord().messages("alerts").stream().map(m -> m.body().toString()).toList())
        .isNotEmpty();
    assertWokeDaveOnly(escalations(title));
    for (String channel : List.of("alerts", "ops")) {
      assertThat(cards(channel, title).get(0).body().toString())
          .as("the card in #%s lists the step", channel)
          .contains("🚨 Escalation")
          .contains("1 · ");
    }
    ack(cards(title).get(0), "dave");
    for (int m = 0; m < 15 && !cards(title).get(0).body().toString().contains("resolved"); m++) {
      fixture.advanceAndSettle(Duration.ofMinutes(1));
    }
    assertThat(cards(title)).hasSize(1);
    assertThat(cards(title).get(0).body().path("embeds").get(0).path("title").asText())
        .contains("resolved");
    assertThat(escalations(title)).as("acknowledged: no further step").hasSize(1);
  }

  @Test
  @DisplayName(
      "an Alertmanager alert delivered three times: one card, the person on call woken once, acknowledged, resolved by the resolved group")
  void alertmanagerRedelivered() throws Exception {
    primary();
    fixture.say("alice", "alerts", "subscribe", Map.of("services", "consumer"));
    String starts = fixture.world.clock().instant().toString();
    for (int i = 0; i < 3; i++) {
      assertThat(alertmanager("firing", starts, "0001-01-01T00:00:00Z").statusCode())
          .isEqualTo(200);
    }
    fixture.advanceAndSettle(Duration.ofMinutes(7));
    String title = "QueueBacklog";
    assertThat(cards(title)).hasSize(1);
    assertWokeDaveOnly(escalations(title));
    ack(cards(title).get(0), "dave");
    String ends = fixture.world.clock().instant().toString();
    for (int i = 0; i < 3; i++) {
      assertThat(alertmanager("resolved", starts, ends).statusCode()).isEqualTo(200);
    }
    fixture.advanceAndSettle(Duration.ofMinutes(7));
    assertThat(cards(title)).hasSize(1);
    assertThat(cards(title).get(0).body().path("embeds").get(0).path("title").asText())
        .contains("resolved");
    assertThat(escalations(title)).hasSize(1);
    String fingerprint =
        cards(title)
            .get(0)
            .body()
            .path("embeds")
            .get(0)
            .path("footer")
            .path("text")
            .asText()
            .replace("Fingerprints: ", "");
    String story =
        fixture
            .say("bob", "ops", "incident timeline", Map.of("alert", fingerprint))
            .body()
            .path("embeds")
            .get(0)
            .path("description")
            .asText();
    assertThat(story)
        .containsSubsequence("**fired**", "**escalated**", "**acknowledged**", "**resolved**")
        .contains("acknowledged after")
        .contains("resolved after");
  }

  private static HttpResponse<String> alertmanager(String status, String startsAt, String endsAt)
      throws Exception {
    String body =
        """
        {"version": "4", "groupKey": "{}:{alertname=\\"QueueBacklog\\"}", "truncatedAlerts": 0,
         "status": "%s", "receiver": "lookout", "groupLabels": {"alertname": "QueueBacklog"},
         "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://alertmanager:9093",
         "alerts": [{"status": "%s",
           "labels": {"alertname": "QueueBacklog", "severity": "warning", "service": "consumer"},
           "annotations": {"summary": "Queue backlog above 5000"},
           "startsAt": "%s", "endsAt": "%s", "generatorURL": "http://prometheus:9090/graph",
           "fingerprint": "beef00001234abcd"}]}"""
            .formatted(status, status, startsAt, endsAt);
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + fixture.bot.httpPort() + "/intake/alertmanager"))
                .header("Authorization", "Bearer " + fixture.config().intake().get(0).token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
