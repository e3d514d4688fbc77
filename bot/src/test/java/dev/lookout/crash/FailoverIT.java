package dev.lookout.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.BotFixture;
import dev.lookout.demo.DemoWorld;
import dev.lookout.simulator.discord.DiscordModel.Message;
import dev.lookout.store.Database;
import dev.lookout.store.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two bot processes on one PostgreSQL: one leads, the other stands by and takes over when the
 * leader stops (SIGTERM hands the lease over) or dies (SIGKILL: when its lease runs out).
 */
class FailoverIT {
  @Test
  @DisplayName("a standby takes over when the leader stops or is killed, and answers as it did")
  void standbyTakesOver() throws Exception {
    Database.Location l = PostgresServer.get().freshDatabase();
    Map<String, String> env =
        Map.of("LOOKOUT_DATABASE_URL", l.url(), "LOOKOUT_DATABASE_USER", l.user());
    Path dir = Files.createTempDirectory("lookout-failover");
    try (DemoWorld world = BotProcess.world();
        BotProcess a = new BotProcess("a", world, env, CrashIT.yaml(), dir);
        BotProcess b = new BotProcess("b", world, env, CrashIT.yaml(), dir)) {
      a.start();
      a.awaitRole("leader", CrashIT.READY);
      b.start();
      b.awaitRole("standby", CrashIT.READY);
      assertThat(silence(world, 1)).contains("Silence **#");

      a.stop(); // SIGTERM, as Cloud Run sends: the lease is handed over at once
      b.awaitRole("leader", Duration.ofSeconds(30));
      assertThat(silence(world, 2)).contains("Silence **#");

      a.start();
      a.awaitRole("standby", CrashIT.READY);
      b.kill(); // no hand-over: the standby waits out the lease (5 s here)
      a.awaitRole("leader", Duration.ofSeconds(30));
      assertThat(silence(world, 3)).contains("Silence **#");
    }
  }

  @Test
  @DisplayName(
      "the leader killed during an alert storm and an approval: every alert reaches Discord once,"
          + " the change is applied once, every card ends in a final state")
  void killedMidStorm() throws Exception {
    Database.Location l = PostgresServer.get().freshDatabase();
    Map<String, String> env =
        Map.of("LOOKOUT_DATABASE_URL", l.url(), "LOOKOUT_DATABASE_USER", l.user());
    Path dir = Files.createTempDirectory("lookout-storm");
    long delay = new Random(Long.getLong("crash.seed", System.nanoTime())).nextInt(3001);
    String context = "; the leader was killed " + delay + " ms after the approval";
    String yaml =
        CrashIT.yaml()
            + """
            limits:
              cpu: {warn: 0.8, fatal: 0.95, for: 20s, fatal_for: 20s}
            """;
    try (DemoWorld world = BotProcess.world();
        BotProcess a = new BotProcess("a", world, env, yaml, dir);
        BotProcess b = new BotProcess("b", world, env, yaml, dir)) {
      var discord = world.discord();
      long generation = world.cloud().run().get("consumer").getGeneration();
      a.start();
      a.awaitRole("leader", CrashIT.READY);
      b.start();
      b.awaitRole("standby", CrashIT.READY);
      Message subscribed =
          discord
              .command("alice", "alerts", "subscribe", Map.of("severity", "fatal"), null)
              .awaitReply(BotFixture.REPLY);
      assertThat(CrashIT.text(subscribed)).contains("This channel now receives");
      for (String service : STORM) {
        drill(world, service);
      }
      Message proposed =
          discord
              .command(
                  "alice",
                  "ops",
                  "scale",
                  Map.of("service", "consumer", "max", 30, "reason", "storm"),
                  null)
              .awaitReply(BotFixture.REPLY);
      long id = CrashIT.number(proposed, "Proposal").orElseThrow();
      Message card = CrashIT.card(world, id, e -> true);
      // The storm has begun when its first alert is in the channel.
      discord.awaitMessage("alerts", FailoverIT::isAlertPost, Duration.ofMinutes(4));
      Message approved =
          discord
              .click("dave", card.id(), BotFixture.button(card, "Approve"), List.of(), null)
              .awaitReply(BotFixture.REPLY);
      assertThat(CrashIT.text(approved)).contains("Approved proposal #" + id);
      Thread.sleep(delay);
      a.kill();
      b.awaitRole("leader", Duration.ofSeconds(30));

      CrashIT.card(world, id, e -> e.path("description").asText().contains("Applied on revision"));
      discord.awaitMessage(
          "ops",
          m -> CrashIT.title(m).contains("after proposal #" + id + ": before and after"),
          Duration.ofMinutes(2));
      for (String service : STORM) {
        discord.awaitMessage(
            "alerts",
            m -> isAlertPost(m) && CrashIT.title(m).contains(service + ":"),
            Duration.ofMinutes(4));
      }
      try (Database db = Database.open(l)) {
        awaitDrained(db);
        b.stop(); // nothing changes while what Discord shows is compared with what was recorded
        String channel = String.valueOf(discord.channel("alerts").id());
        // Everything in the channel but the reply to /subscribe came from the outbox.
        List<String> recorded =
            strings(
                db,
                "SELECT message_id FROM outbox WHERE channel_id = '"
                    + channel
                    + "' AND sent_at IS NOT NULL");
        List<String> posted =
            discord.messages("alerts").stream()
                .filter(m -> !m.ephemeral() && m.id() != subscribed.id())
                .map(m -> String.valueOf(m.id()))
                .toList();
        assertThat(posted).as("posts" + context).doesNotHaveDuplicates();
        assertThat(posted)
            .as("posts in Discord against the alerts and notices recorded as sent" + context)
            .containsExactlyInAnyOrderElementsOf(recorded);
        assertThat(
                strings(
                    db,
                    "SELECT a.service || '/' || a.rule_id FROM alert a WHERE a.status = 'firing'"
                        + " AND a.severity = 'fatal' AND a.service IN ('"
                        + String.join("', '", STORM)
                        + "') AND NOT EXISTS (SELECT 1 FROM alert_message m WHERE m.channel_id = '"
                        + channel
                        + "' AND m.incident = a.service || '/' || a.rule_id)"))
            .as("fatal alerts firing that no message in the channel carries" + context)
            .isEmpty();
        assertThat(CrashIT.status(db, id)).as("the proposal" + context).isEqualTo("applied");
        assertThat(
                CrashIT.count(
                    db,
                    "SELECT COUNT(*) FROM audit_entry WHERE subject = ? AND action = 'applied'",
                    "proposal #" + id))
            .as("audit entries of the change" + context)
            .isEqualTo(1);
      }
      assertThat(world.cloud().run().get("consumer").getGeneration() - generation)
          .as("changes Cloud Run received" + context)
          .isEqualTo(1);
      assertThat(
              discord.messages("ops").stream()
                  .filter(m -> !m.ephemeral() && CrashIT.isProposalCard(m, id))
                  .count())
          .as("cards of the proposal" + context)
          .isEqualTo(1);
      assertThat(
              discord.messages("ops").stream()
                  .filter(m -> CrashIT.title(m).contains("after proposal #" + id + ":"))
                  .count())
          .as("before/after comparisons of the change" + context)
          .isEqualTo(1);
      assertThat(discord.violations()).as("requests Discord would reject").isEmpty();
    }
  }

  @Test
  @DisplayName(
      "a leader paused past its lease (SIGSTOP) finds on waking that it lost it: it acts on"
          + " nothing and exits, while the standby that took over answers")
  void pausedLeaderStepsDown() throws Exception {
    Database.Location l = PostgresServer.get().freshDatabase();
    Map<String, String> env =
        Map.of("LOOKOUT_DATABASE_URL", l.url(), "LOOKOUT_DATABASE_USER", l.user());
    Path dir = Files.createTempDirectory("lookout-paused");
    try (DemoWorld world = BotProcess.world();
        BotProcess a = new BotProcess("a", world, env, CrashIT.yaml(), dir);
        BotProcess b = new BotProcess("b", world, env, CrashIT.yaml(), dir)) {
      a.start();
      a.awaitRole("leader", CrashIT.READY);
      b.start();
      b.awaitRole("standby", CrashIT.READY);
      a.pause();
      b.awaitRole("leader", Duration.ofSeconds(30));
      // Sent while the old leader sleeps with its gateway session still open.
      assertThat(silence(world, 1)).contains("Silence **#");
      a.resume();
      assertThat(a.awaitExit(Duration.ofSeconds(30)))
          .as("the old leader's exit status")
          .isEqualTo(3);
      assertThat(silence(world, 2)).contains("Silence **#");
      try (Database db = Database.open(l)) {
        assertThat(CrashIT.count(db, "SELECT COUNT(*) FROM silence")).isEqualTo(2);
      }
      assertThat(world.discord().violations()).as("requests Discord would reject").isEmpty();
    }
  }

  private static final List<String> STORM =
      List.of("checkout-api", "auth-gateway", "image-resizer", "nightly-report");

  /** An alert as posted (not a notice, not a reply): its card's title names a drilled service. */
  private static boolean isAlertPost(Message m) {
    String title = CrashIT.title(m);
    return !m.ephemeral() && STORM.stream().anyMatch(s -> title.contains(s + ":"));
  }

  private static void drill(DemoWorld world, String service) throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            world.cloud().loadBaseUrl()
                                + "/services/"
                                + service
                                + "/full/cpu?duration=10m"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("drill on " + service).isEqualTo(200);
  }

  /** Waits until the outbox has nothing left to send. */
  private static void awaitDrained(Database db) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (CrashIT.count(
            db, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND gave_up IS NULL")
        > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the outbox did not drain in 60 s");
      }
      Thread.sleep(100);
    }
  }

  private static List<String> strings(Database db, String sql) {
    return db.read(
        c -> {
          List<String> out = new java.util.ArrayList<>();
          try (var rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return out;
        });
  }

  private static String silence(DemoWorld world, int n) {
    Message reply =
        world
            .discord()
            .command(
                "alice",
                "ops",
                "silence add",
                Map.of("duration", "1h", "comment", "failover " + n, "service", "consumer"),
                null)
            .awaitReply(BotFixture.REPLY);
    return reply.body().path("content").asText();
  }
}
