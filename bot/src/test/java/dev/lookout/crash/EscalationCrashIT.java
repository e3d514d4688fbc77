package dev.lookout.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.BotFixture;
import dev.lookout.demo.DemoWorld;
import dev.lookout.simulator.discord.DiscordModel.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A fatal alert escalates while its bot process is killed with SIGKILL at random moments: every
 * step (the person on call, then the team role) is still taken, each exactly once, and the person
 * on call gets one direct message.
 */
class EscalationCrashIT {
  private static final Duration READY = Duration.ofSeconds(90);
  private static final DateTimeFormatter HHMM =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  @Test
  @org.junit.jupiter.api.Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
  @DisplayName(
      "a bot killed at random during an escalation takes every step once, and DMs the person on call once")
  void killedMidEscalation() throws Exception {
    Path dir = Files.createTempDirectory("lookout-crash-oncall");
    long seed = Long.getLong("crash.seed", System.nanoTime());
    Random random = new Random(seed);
    List<Long> kills = new ArrayList<>();
    String yaml =
        """
        alerts:
          interval: 10s
          escalation:
            - name: pages
              schedule: primary
              after: 1m
              services: [checkout-api]
              dm: true
        limits:
          cpu: {warn: 0.8, fatal: 0.95, for: 20s, fatal_for: 20s}
        database:
          lease: 5s
        """;
    try (DemoWorld world = BotProcess.world();
        BotProcess bot =
            new BotProcess(
                "bot",
                world,
                Map.of("LOOKOUT_DATA_DIR", dir.resolve("data").toString()),
                yaml,
                dir)) {
      var discord = world.discord();
      long alice = discord.member("alice").user().id();
      long operator =
          discord.roles().stream()
              .filter(r -> r.name().equals("operator"))
              .findFirst()
              .orElseThrow()
              .id();
      bot.start();
      bot.awaitRole("leader", READY);
      discord
          .command("alice", "alerts", "subscribe", Map.of("services", "checkout-api"), null)
          .awaitReply(BotFixture.REPLY);
      Message made =
          discord
              .command(
                  "alice",
                  "ops",
                  "oncall create",
                  Map.of(
                      "name",
                      "primary",
                      "rotation",
                      "daily",
                      "handoff",
                      HHMM.format(Instant.now().minus(Duration.ofHours(2))),
                      "timezone",
                      "UTC",
                      "people",
                      "<@" + alice + "> <@" + discord.member("dave").user().id() + ">",
                      "role",
                      "<@&" + operator + ">"),
                  null)
              .awaitReply(BotFixture.REPLY);
      assertThat(made.body().path("content").asText()).contains("Schedule created");
      discord
          .command(
              "alice",
              "ops",
              "stress run",
              Map.of("kind", "cpu", "service", "checkout-api", "duration", "9m", "intensity", 100),
              null)
          .awaitReply(BotFixture.REPLY);
      discord.awaitMessage(
          "alerts",
          m -> m.body().path("embeds").path(0).path("title").asText().startsWith("🔴 checkout-api"),
          Duration.ofMinutes(3));

      // Steps come due 1 and 2 minutes after the alert turned fatal; kill the bot throughout.
      long end = System.nanoTime() + Duration.ofSeconds(150).toNanos();
      while (System.nanoTime() < end) {
        long delay = 2_000 + random.nextInt(18_001);
        kills.add(delay);
        Thread.sleep(delay);
        bot.kill();
        bot.start();
        bot.awaitRole("leader", READY);
      }
      String thread = "🔴 checkout-api — CPU p99 high";
      discord.awaitMessage(
          thread,
          m -> m.body().path("content").asText().startsWith("🚨 **Escalation, step 2**"),
          Duration.ofMinutes(3));
      bot.awaitDrained(Duration.ofMinutes(1));

      String why = "seed " + seed + ", kills after " + kills + " ms";
      for (int step = 1; step <= 2; step++) {
        String prefix = "🚨 **Escalation, step " + step + "**";
        assertThat(
                discord.messages(thread).stream()
                    .filter(m -> m.body().path("content").asText().startsWith(prefix)))
            .as("step %d once (%s)", step, why)
            .hasSize(1);
      }
      assertThat(
              discord.messages("dm-alice").stream()
                  .filter(m -> m.body().path("content").asText().contains("checkout-api")))
          .as(
              "one direct message (%s): %s; cards: %s",
              why,
              discord.messages("dm-alice").stream().map(m -> m.body().toString()).toList(),
              discord.messages("alerts").stream()
                  .map(m -> m.body().path("embeds").path(0).path("title").asText())
                  .toList())
          .hasSize(1);
    }
  }
}
