package dev.lookout.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.BotFixture;
import dev.lookout.SharedWorld;
import dev.lookout.config.LookoutConfig;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordConfig;
import dev.lookout.simulator.discord.DiscordModel.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delivery that loses nothing: a dropped gateway, Discord failing, silences, acknowledgements and a
 * restart of the bot, each on its own service and channel.
 */
@ExtendWith(SharedWorld.class)
@SharedWorld.OnePerTest
class AlertDeliveryIT {
  private static BotFixture fixture;

  /** A world for each test; reminders repeat every 5 minutes here. */
  @SharedWorld.Make
  static BotFixture world() throws Exception {
    return new BotFixture(
        SimulatorConfig.defaults().withHistory(Duration.ofHours(2)),
        DiscordConfig.defaults()
            .withChannels(List.of("ops", "alerts", "general", "quiet", "storm")),
        c ->
            c.withAlerting(
                new LookoutConfig.Alerting(
                    Duration.ofSeconds(60), Duration.ofMinutes(5), Optional.empty())));
  }

  private static List<Message> alertsIn(String channel, String service) {
    return fixture.discord().messages(channel).stream()
        .filter(m -> !m.ephemeral())
        .filter(m -> m.body().path("embeds").size() > 0)
        .filter(m -> m.body().path("embeds").get(0).path("title").asText().contains(service + ":"))
        .toList();
  }

  @Test
  @DisplayName("alerts that fire while the gateway is down are delivered after it resumes")
  void gatewayDown() throws Exception {
    fixture.say(
        "alice", "ops", "subscribe", Map.of("services", "checkout-api", "severity", "fatal"));
    fixture.discord().gatewayDown(true);
    fixture.drill("checkout-api", "/full/cpu?duration=20m");
    for (int i = 0; i < 5; i++) {
      fixture.advance(Duration.ofMinutes(1));
      fixture.awaitTicks();
    }
    // The routine has queued the alert; the sender holds it for the gateway.
    assertThat(fixture.bot.features().outbox().pending(10))
        .as("queued while the gateway is down")
        .isNotEmpty();
    assertThat(alertsIn("ops", "checkout-api")).isEmpty();
    fixture.discord().gatewayDown(false);
    fixture.settle();
    assertThat(alertsIn("ops", "checkout-api")).hasSize(1);
    assertThat(
            alertsIn("ops", "checkout-api")
                .get(0)
                .body()
                .path("embeds")
                .get(0)
                .path("fields")
                .get(0)
                .path("name")
                .asText())
        .contains("FATAL");
  }

  @Test
  @DisplayName(
      "Discord answering 500 and then 429 for a while delays delivery; each alert arrives once")
  void discordFailing() throws Exception {
    fixture.settle();
    fixture.say(
        "alice", "storm", "subscribe", Map.of("services", "auth-gateway", "severity", "fatal"));
    fixture.discord().failChannelRequests(500, 3);
    fixture.drill("auth-gateway", "/full/cpu?duration=6m");
    for (int i = 0; i < 4; i++) {
      fixture.advance(Duration.ofMinutes(1));
      fixture.awaitTicks();
    }
    fixture.discord().failChannelRequests(429, 2);
    // Settled means every queued message was sent: a duplicate would be in the channel by now.
    fixture.settle();
    assertThat(alertsIn("storm", "auth-gateway")).hasSize(1);
  }

  @Test
  @DisplayName("a silenced alert posts nothing; bad silences are refused and change nothing")
  void silenced() throws Exception {
    String[][] bad = {
      {"alice", "8d", "maintenance", "image-resizer", "`8d` is longer than 7d; use 1m to 7d"},
      {"alice", "1h", "  ", "image-resizer", "the comment is blank"},
      {"alice", "1h", "\u200b\u200b\u200b", "image-resizer", "the comment is blank"},
      {
        "alice",
        "1h",
        "x".repeat(301),
        "image-resizer",
        "the comment is 301 characters; at most 300"
      },
      {"alice", "0s", "maintenance", "image-resizer", "`0s` is shorter than 1m"},
      {"alice", "1h", "maintenance", "", "needs a service, a rule or a severity"},
      {"alice", "soon", "maintenance", "image-resizer", "not a duration"},
      {"alice", "1h", "maintenance", "payments", "no service `payments`"},
      {"bob", "1h", "maintenance", "image-resizer", "Manage Channels"},
    };
    for (String[] b : bad) {
      Map<String, Object> options = new java.util.LinkedHashMap<>();
      options.put("duration", b[1]);
      options.put("comment", b[2]);
      if (!b[3].isEmpty()) {
        options.put("service", b[3]);
      }
      // Discord's client holds a comment to its 300 characters; a modified client does not.
      Message reply =
          b[2].length() > 300
              ? fixture.modified(b[0], "quiet", "silence add", options)
              : fixture.say(b[0], "quiet", "silence add", options);
      assertThat(reply.ephemeral()).isTrue();
      assertThat(reply.body().path("content").asText()).contains(b[4]);
    }
    Message none = fixture.say("alice", "quiet", "silence list", Map.of());
    assertThat(none.body().path("embeds").get(0).path("description").asText()).isEqualTo("None.");

    silenceAFiringImageResizer();
    assertThat(
            fixture
                .say("bob", "quiet", "silence list", Map.of())
                .body()
                .path("embeds")
                .get(0)
                .path("description")
                .asText())
        .contains("resizing the bucket");
  }

  /**
   * Silences image-resizer for 10 minutes, subscribes #quiet to it, then makes it fire for 5 of
   * them. The silence comes first: an alert tick between a subscription and the silence would post
   * an alert of image-resizer's own (its memory cycles) before the silence existed.
   */
  private static void silenceAFiringImageResizer() throws Exception {
    Message ok =
        fixture.say(
            "alice",
            "quiet",
            "silence add",
            Map.of(
                "duration", "10m", "comment", "resizing the bucket", "service", "image-resizer"));
    assertThat(ok.ephemeral()).isFalse();
    assertThat(ok.body().path("content").asText())
        .contains("service=image-resizer")
        .contains("resizing the bucket");
    fixture.say("alice", "quiet", "subscribe", Map.of("services", "image-resizer"));
    fixture.drill("image-resizer", "/full/cpu?duration=30m");
    fixture.advanceAndSettle(Duration.ofMinutes(5));
    assertThat(alertsIn("quiet", "image-resizer")).as("silenced").isEmpty();
  }

  @Test
  @DisplayName("mentions in a silence comment are shown but ping nobody")
  void mentionsPingNobody() {
    String comment = "@everyone deploy <@&123456789012345678> <@234567890123456789> @here";
    Message reply =
        fixture.say(
            "alice",
            "general",
            "silence add",
            Map.of("duration", "1h", "comment", comment, "service", "consumer"));
    assertThat(reply.ephemeral()).isFalse();
    assertThat(reply.body().path("content").asText()).contains("Silence **#");
    assertThat(reply.mentions().pingsAnyone()).as("pings in " + reply.body()).isFalse();
    for (String channel : List.of("ops", "alerts", "general", "quiet", "storm")) {
      assertThat(fixture.discord().messages(channel))
          .as("messages in #" + channel + " that ping")
          .noneMatch(m -> m.mentions().pingsAnyone());
    }
  }

  @Test
  @DisplayName("Acknowledge records who, and /alerts shows it")
  void acknowledge() throws Exception {
    fixture.say(
        "alice", "ops", "subscribe", Map.of("services", "checkout-api", "severity", "fatal"));
    fixture.drill("checkout-api", "/full/cpu?duration=20m");
    fixture.advanceAndSettle(Duration.ofMinutes(5));
    Message alert = alertsIn("ops", "checkout-api").get(0);
    String ack =
        alert.body().path("components").get(0).path("components").get(0).path("custom_id").asText();
    // The id names the firing it was posted for (its time, base 36), so it acts on that one only.
    assertThat(ack).matches("alert:ack:checkout-api:cpu:[0-9a-z]{6,8}");
    Message reply =
        fixture
            .discord()
            .click("dave", alert.id(), ack, List.of(), null)
            .awaitReply(BotFixture.REPLY);
    assertThat(reply.body().path("content").asText()).contains("dave acknowledged");
    Message again =
        fixture
            .discord()
            .click("bob", alert.id(), ack, List.of(), null)
            .awaitReply(BotFixture.REPLY);
    assertThat(again.ephemeral()).isTrue();
    assertThat(again.body().path("content").asText()).contains("already acknowledged by dave");
  }

  @Test
  @DisplayName(
      "when a silence expires while its alert fires, a notice says so and the alert is posted")
  void silenceExpires() throws Exception {
    silenceAFiringImageResizer();
    fixture.advanceAndSettle(Duration.ofMinutes(6));
    List<Message> quiet = fixture.discord().messages("quiet");
    assertThat(quiet)
        .anyMatch(
            m ->
                m.body().path("content").asText().contains("has expired")
                    && m.body().path("content").asText().contains("image-resizer"));
    assertThat(alertsIn("quiet", "image-resizer")).isNotEmpty();
  }

  @Test
  @DisplayName("Google down: one degraded notice, not one per tick, and one recovery notice")
  void degraded() throws Exception {
    fixture.say("alice", "quiet", "subscribe", Map.of("services", "image-resizer"));
    fixture.world.cloud().googleApisDown(true);
    try {
      fixture.advanceAndSettle(Duration.ofMinutes(5));
    } finally {
      fixture.world.cloud().googleApisDown(false);
    }
    assertThat(notices("quiet", "Monitoring degraded")).isEqualTo(1);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (notices("quiet", "Monitoring recovered") == 0 && System.nanoTime() < deadline) {
      fixture.advanceAndSettle(Duration.ofMinutes(1));
    }
    assertThat(notices("quiet", "Monitoring recovered")).isEqualTo(1);
    assertThat(notices("quiet", "Monitoring degraded")).isEqualTo(1);
  }

  private static long notices(String channel, String text) {
    return fixture.discord().messages(channel).stream()
        .filter(m -> m.body().path("content").asText().contains(text))
        .count();
  }

  @Test
  @DisplayName("a channel the bot can no longer post in is paused, reported once, not retried")
  void lostAccess() throws Exception {
    fixture.say(
        "alice", "storm", "subscribe", Map.of("services", "auth-gateway", "severity", "fatal"));
    fixture.discord().blockChannel("storm", true);
    fixture.drill("auth-gateway", "/full/cpu?duration=10m");
    fixture.advanceAndSettle(Duration.ofMinutes(5));
    assertThat(fixture.bot.features().outbox().backlog()).as("given up, not retried").isZero();
    Message subs = fixture.say("alice", "ops", "subscriptions", Map.of());
    assertThat(subs.body().path("embeds").get(0).path("description").asText()).contains("paused");
  }

  @Test
  @DisplayName(
      "a backoff earned while Discord was down ends when it answers again, and at a restart")
  void backoffEnds() throws Exception {
    fixture.settle();
    fixture.say(
        "alice", "general", "subscribe", Map.of("services", "consumer", "severity", "fatal"));
    fixture.discord().failEveryRequest(500, 1_000_000);
    fixture.drill("consumer", "/full/cpu?duration=6m");
    fixture.advance(Duration.ofMinutes(4));
    // As if the outage had lasted long enough for an hour's backoff.
    waitOutBackoff("general", "alert", Duration.ofHours(1));
    fixture.stopBot();
    fixture.discord().failEveryRequest(500, 0);
    fixture.startBot();
    awaitUntil(() -> alertsIn("general", "consumer").size() == 1, "the alert after the restart");

    fixture.discord().failEveryRequest(500, 1_000_000);
    fixture.advance(Duration.ofMinutes(12)); // the drill ends and the alert resolves
    waitOutBackoff("general", "resolve", Duration.ofHours(1));
    fixture.discord().failEveryRequest(500, 0);
    awaitUntil(
        () ->
            alertsIn("general", "consumer")
                .get(0)
                .body()
                .path("embeds")
                .get(0)
                .path("title")
                .asText()
                .contains("resolved"),
        "the resolution once Discord answers again");
    assertThat(alertsIn("general", "consumer")).hasSize(1);
  }

  /**
   * Waits for an entry of {@code kind} to {@code channel} to fail, then makes it wait {@code
   * backoff} more.
   */
  private static void waitOutBackoff(String channel, String kind, Duration backoff)
      throws InterruptedException {
    String channelId = String.valueOf(fixture.discord().channel(channel).id());
    java.util.function.Predicate<dev.lookout.outbox.OutboxEntry> wanted =
        e -> e.kind().equals(kind) && e.channelId().equals(channelId);
    awaitUntil(
        () -> {
          fixture.advance(Duration.ofSeconds(5)); // until the routine has something to send
          return fixture.bot.features().outbox().pending(50).stream()
              .anyMatch(e -> wanted.test(e) && e.nextAttemptAt() != null);
        },
        "a failed " + kind + " in #" + channel + " waiting to be retried");
    for (dev.lookout.outbox.OutboxEntry e : fixture.bot.features().outbox().pending(50)) {
      if (wanted.test(e)) {
        fixture.bot.features().outbox().retryAt(e.id(), Instant.now().plus(backoff));
      }
    }
  }

  private static void awaitUntil(java.util.function.BooleanSupplier done, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited 30 s for " + what);
      }
      Thread.sleep(100);
    }
  }

  @Test
  @DisplayName("a restart while an alert fires neither loses nor repeats it, and it still resolves")
  void restart() throws Exception {
    fixture.settle();
    fixture.say("alice", "alerts", "subscribe", Map.of("services", "nightly-report"));
    fixture.drill("nightly-report", "/full/cpu?duration=7m");
    fixture.advanceAndSettle(Duration.ofMinutes(4));
    assertThat(alertsIn("alerts", "nightly-report")).hasSize(1);
    Message alert = alertsIn("alerts", "nightly-report").get(0);

    fixture.restartBot();
    fixture.advanceAndSettle(Duration.ofMinutes(2));
    assertThat(alertsIn("alerts", "nightly-report"))
        .as("not posted again after the restart")
        .hasSize(1);

    // The drill ends; the idle service may scale to zero, and then its CPU has no data at all.
    fixture.advanceAndSettle(Duration.ofMinutes(16));
    assertThat(alert.body().path("embeds").get(0).path("title").asText()).contains("resolved");
    List<Message> all = alertsIn("alerts", "nightly-report");
    assertThat(all.get(0).id()).isEqualTo(alert.id());
    assertThat(all.subList(1, all.size()))
        .as(
            "anything after the announcement is a reminder (repeat is 5 min here), not a repeat post")
        .allMatch(
            m ->
                m.body()
                    .path("embeds")
                    .get(0)
                    .path("description")
                    .asText()
                    .contains("Still firing"));
  }
}
