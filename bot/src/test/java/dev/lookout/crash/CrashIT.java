package dev.lookout.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.BotFixture;
import dev.lookout.demo.DemoWorld;
import dev.lookout.simulator.discord.DiscordModel.Message;
import dev.lookout.store.Database;
import dev.lookout.store.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills a bot process with SIGKILL at random moments, 0 to 3 s after each action it acknowledged,
 * starts it again on the same database, and then checks what users were told against what is there:
 * every acknowledged row is present, no id was handed out twice, no card was posted twice, and
 * every approved change reached Cloud Run exactly once, under its own proposal, with its audit
 * trail.
 */
class CrashIT {
  static final int KILLS = 12;
  static final Duration READY = Duration.ofSeconds(90);
  private static final Pattern NUMBER = Pattern.compile("#(\\d+)");
  private static final List<String> SERVICES = List.of("checkout-api", "consumer", "auth-gateway");

  /**
   * Which database the bot keeps its state in: the environment that says so, and how to open it.
   */
  record Store(Map<String, String> env, Database.Location location) {}

  static Stream<Named<java.util.function.Function<Path, Store>>> databases() {
    return Stream.of(
        Named.of(
            "H2",
            dir ->
                new Store(
                    Map.of("LOOKOUT_DATA_DIR", dir.resolve("data").toString()),
                    Database.Location.h2In(dir.resolve("data")))),
        Named.of(
            "PostgreSQL",
            dir -> {
              Database.Location l = PostgresServer.get().freshDatabase();
              return new Store(
                  Map.of(
                      "LOOKOUT_DATABASE_URL", l.url(),
                      "LOOKOUT_DATABASE_USER", l.user()),
                  l);
            }));
  }

  static String yaml() {
    return """
        alerts:
          interval: 10s
        proposals:
          check_after: 30s
        database:
          lease: 5s
        """;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  @DisplayName(
      "a bot killed at random moments after it acknowledged loses nothing and does nothing twice")
  void killedAtRandom(java.util.function.Function<Path, Store> database) throws Exception {
    Path dir = Files.createTempDirectory("lookout-crash");
    Store store = database.apply(dir);
    Random random = new Random(Long.getLong("crash.seed", System.nanoTime()));
    try (DemoWorld world = BotProcess.world();
        BotProcess bot = new BotProcess("bot", world, store.env(), yaml(), dir)) {
      Map<String, Long> generations = new HashMap<>();
      for (String s : SERVICES) {
        generations.put(s, world.cloud().run().get(s).getGeneration());
      }
      bot.start();
      bot.awaitRole("leader", READY);
      Acknowledged acked = new Acknowledged();
      for (int i = 0; i < KILLS; i++) {
        act(world, i, acked);
        long delay = random.nextInt(3001);
        acked.kills.add(delay);
        Thread.sleep(delay);
        bot.kill();
        bot.start();
        bot.awaitRole("leader", READY);
      }
      settle(world, acked);
      bot.stop();
      verify(world, store.location(), acked, generations);
    }
  }

  /**
   * The steps that run on their own after an acknowledgement: a drill that ends, the alert it
   * raised resolving and editing its post, a digest falling due, a rollback of an applied change.
   * The bot is killed 0 to 3 s after each action, and again at random moments while those steps
   * run, and each must still end once, in one final state.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  @DisplayName(
      "a bot killed at random while drills end, alerts resolve, digests fall due and a rollback"
          + " applies finishes each of them once")
  void longWorkKilledAtRandom(java.util.function.Function<Path, Store> database) throws Exception {
    Path dir = Files.createTempDirectory("lookout-crash-long");
    Store store = database.apply(dir);
    long seed = Long.getLong("crash.seed", System.nanoTime());
    Random random = new Random(seed);
    List<Long> kills = new ArrayList<>();
    String yaml =
        yaml()
            + """
            limits:
              cpu: {warn: 0.8, fatal: 0.95, for: 20s, fatal_for: 20s}
            """;
    try (DemoWorld world = BotProcess.world();
        BotProcess bot = new BotProcess("bot", world, store.env(), yaml, dir)) {
      var discord = world.discord();
      var consumer = world.cloud().run().get("consumer");
      long generation = consumer.getGeneration();
      int maxBefore = consumer.getTemplate().getScaling().getMaxInstanceCount();
      bot.start();
      bot.awaitRole("leader", READY);
      Runnable afterEach =
          () -> {
            try {
              long delay = random.nextInt(3001);
              kills.add(delay);
              Thread.sleep(delay);
              bot.kill();
              bot.start();
              bot.awaitRole("leader", READY);
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          };

      Message subscribed =
          discord
              .command("alice", "alerts", "subscribe", Map.of(), null)
              .awaitReply(BotFixture.REPLY);
      assertThat(text(subscribed)).contains("This channel now receives");
      afterEach.run();

      java.time.ZonedDateTime due =
          java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
              .plusMinutes(2)
              .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
      Message digest =
          discord
              .command(
                  "alice",
                  "alerts",
                  "digest set",
                  Map.of("schedule", "daily", "time", due.toLocalTime().toString(), "tz", "UTC"),
                  null)
              .awaitReply(BotFixture.REPLY);
      assertThat(text(digest)).contains("Digest set");
      afterEach.run();

      long drill =
          number(
                  discord
                      .command(
                          "alice",
                          "ops",
                          "stress run",
                          Map.of(
                              "kind",
                              "cpu",
                              "service",
                              "checkout-api",
                              "duration",
                              "1m",
                              "intensity",
                              100),
                          null)
                      .awaitReply(BotFixture.REPLY),
                  "Drill")
              .orElseThrow();
      afterEach.run();

      long id =
          number(
                  discord
                      .command(
                          "alice",
                          "ops",
                          "scale",
                          Map.of("service", "consumer", "max", maxBefore + 5, "reason", "crash"),
                          null)
                      .awaitReply(BotFixture.REPLY),
                  "Proposal")
              .orElseThrow();
      Message card = card(world, id, e -> true);
      assertThat(
              text(
                  discord
                      .click("dave", card.id(), BotFixture.button(card, "Approve"), List.of(), null)
                      .awaitReply(BotFixture.REPLY)))
          .contains("Approved proposal #" + id);
      afterEach.run();

      Message applied =
          card(world, id, e -> e.path("description").asText().contains("Applied on revision"));
      Message rollbackReply =
          discord
              .click(
                  "alice",
                  applied.id(),
                  BotFixture.button(applied, "Propose rollback"),
                  List.of(),
                  null)
              .awaitReply(BotFixture.REPLY);
      long rollback = number(rollbackReply, "Rollback proposal").orElseThrow();
      afterEach.run();
      Message rollbackCard = card(world, rollback, e -> true);
      assertThat(
              text(
                  discord
                      .click(
                          "dave",
                          rollbackCard.id(),
                          BotFixture.button(rollbackCard, "Approve"),
                          List.of(),
                          null)
                      .awaitReply(BotFixture.REPLY)))
          .contains("Approved proposal #" + rollback);
      afterEach.run();

      // Kills at moments nobody picked while the drill ends, its alert resolves, the digest falls
      // due and the rollback is applied and checked.
      Instant blindUntil = due.toInstant().plusSeconds(20);
      while (Instant.now().isBefore(blindUntil)) {
        Thread.sleep(2_000 + random.nextInt(6_000));
        kills.add(-1L);
        bot.kill();
        bot.start();
        bot.awaitRole("leader", READY);
      }

      String context = "; seed " + seed + ", kills after " + kills + " ms (-1: blind)";
      Duration settle = Duration.ofMinutes(3);
      discord.awaitMessage(
          "ops",
          m -> title(m).contains("Load drill #" + drill + " ·") && title(m).contains("— finished"),
          settle);
      discord.awaitMessage(
          "alerts",
          m ->
              !m.ephemeral() && title(m).contains("checkout-api:") && title(m).contains("resolved"),
          settle);
      discord.awaitMessage("alerts", m -> title(m).startsWith("🗞️ Digest"), settle);
      card(world, rollback, e -> e.path("description").asText().contains("Applied on revision"));
      card(
          world,
          id,
          e -> e.path("description").asText().contains("Rolled back by proposal #" + rollback));
      discord.awaitMessage(
          "ops",
          m -> title(m).contains("after proposal #" + rollback + ": before and after"),
          settle);
      bot.awaitDrained(Duration.ofSeconds(60));
      bot.stop();

      assertThat(world.cloud().run().get("consumer").getGeneration() - generation)
          .as("changes Cloud Run received: the change and its rollback" + context)
          .isEqualTo(2);
      assertThat(
              world.cloud().run().get("consumer").getTemplate().getScaling().getMaxInstanceCount())
          .as("consumer's max after the rollback" + context)
          .isEqualTo(maxBefore);
      try (Database db = Database.open(store.location())) {
        assertThat(status(db, id)).as("the change" + context).isEqualTo("rolled_back");
        assertThat(status(db, rollback)).as("the rollback" + context).isEqualTo("applied");
        for (long p : List.of(id, rollback)) {
          assertThat(
                  count(
                      db,
                      "SELECT COUNT(*) FROM audit_entry WHERE subject = ? AND action = 'applied'",
                      "proposal #" + p))
              .as("audit entries of proposal #" + p + " applied" + context)
              .isEqualTo(1);
        }
        assertThat(
                count(
                    db,
                    "SELECT COUNT(*) FROM audit_entry WHERE subject = ? AND action = 'rolled-back'",
                    "proposal #" + id))
            .as("audit entries of the rollback" + context)
            .isEqualTo(1);
        assertThat(
                count(
                    db,
                    "SELECT COUNT(*) FROM load_drill WHERE id = ? AND status = 'finished'",
                    drill))
            .as("the drill finished" + context)
            .isEqualTo(1);
        for (String channel : List.of("alerts", "ops")) {
          String channelId = String.valueOf(discord.channel(channel).id());
          List<Long> recorded =
              ids(
                  db,
                  "SELECT message_id FROM outbox WHERE sent_at IS NOT NULL AND message_id IS NOT"
                      + " NULL AND channel_id = '"
                      + channelId
                      + "'");
          List<Long> posted =
              discord.messages(channel).stream()
                  .filter(m -> !m.ephemeral() && !m.interactionResponse())
                  .map(Message::id)
                  .toList();
          assertThat(posted).as("posts in #" + channel + context).doesNotHaveDuplicates();
          assertThat(recorded)
              .as("posts in #" + channel + " against what the outbox recorded as sent" + context)
              .containsAll(posted);
        }
      }
      assertThat(
              discord.messages("alerts").stream()
                  .filter(m -> title(m).startsWith("🗞️ Digest"))
                  .count())
          .as("digests" + context)
          .isEqualTo(1);
      for (long p : List.of(id, rollback)) {
        assertThat(
                discord.messages("ops").stream()
                    .filter(m -> !m.ephemeral() && isProposalCard(m, p))
                    .count())
            .as("cards of proposal #" + p + context)
            .isEqualTo(1);
      }
      assertThat(
              discord.messages("ops").stream()
                  .filter(m -> title(m).contains("Load drill #" + drill + " ·"))
                  .count())
          .as("cards of drill #" + drill + context)
          .isEqualTo(1);
      assertThat(discord.violations()).as("requests Discord would reject").isEmpty();
    }
  }

  /** What users were told: the ids and channels in the bot's acknowledgements. */
  static final class Acknowledged {
    final List<Long> silences = new ArrayList<>();
    final List<Long> proposals = new ArrayList<>();
    final Map<Long, String> proposalService = new HashMap<>();
    final List<Long> approved = new ArrayList<>();
    final List<Long> drills = new ArrayList<>();
    final List<String> subscriptions = new ArrayList<>();
    final List<Long> kills = new ArrayList<>();
    long pending = -1;
    int serviceTurn;
  }

  /** One action as a member would take it, recorded only if the bot acknowledged it. */
  static void act(DemoWorld world, int i, Acknowledged acked) throws InterruptedException {
    var discord = world.discord();
    switch (i % 5) {
      case 0 -> {
        Message reply =
            discord
                .command(
                    "alice",
                    "ops",
                    "silence add",
                    Map.of("duration", "2h", "comment", "crash test " + i, "service", "consumer"),
                    null)
                .awaitReply(BotFixture.REPLY);
        number(reply, "Silence").ifPresent(acked.silences::add);
      }
      case 1 -> {
        String service = SERVICES.get(acked.serviceTurn++ % SERVICES.size());
        int max = 20 + i;
        Message reply =
            discord
                .command(
                    "alice",
                    "ops",
                    "scale",
                    Map.of("service", service, "max", max, "reason", "crash test " + i),
                    null)
                .awaitReply(BotFixture.REPLY);
        var id = number(reply, "Proposal");
        if (id.isPresent()) {
          acked.proposals.add(id.get());
          acked.proposalService.put(id.get(), service);
          acked.pending = id.get();
          // The card is what the acknowledgement promised: it must be in the channel.
          card(world, id.get(), e -> true);
        }
      }
      case 2 -> {
        if (acked.pending < 0) {
          return;
        }
        Message card = card(world, acked.pending, e -> true);
        Message reply =
            discord
                .click("dave", card.id(), BotFixture.button(card, "Approve"), List.of(), null)
                .awaitReply(BotFixture.REPLY);
        if (text(reply).contains("Approved proposal #" + acked.pending)) {
          acked.approved.add(acked.pending);
        }
        acked.pending = -1;
      }
      case 3 -> {
        String channel = i % 2 == 0 ? "alerts" : "general";
        Message reply =
            discord
                .command("alice", channel, "subscribe", Map.of(), null)
                .awaitReply(BotFixture.REPLY);
        if (text(reply).contains("This channel now receives")) {
          acked.subscriptions.add(String.valueOf(discord.channel(channel).id()));
        }
      }
      default -> {
        String service = SERVICES.get(i % SERVICES.size());
        Message reply =
            discord
                .command(
                    "alice",
                    "ops",
                    "stress run",
                    Map.of("kind", "cpu", "service", service, "duration", "1m", "intensity", 40),
                    null)
                .awaitReply(BotFixture.REPLY);
        number(reply, "Drill").ifPresent(acked.drills::add);
      }
    }
  }

  /** Waits until every approved proposal's card shows a final state. */
  static void settle(DemoWorld world, Acknowledged acked) {
    for (long id : acked.approved) {
      card(
          world,
          id,
          e -> {
            String d = e.path("description").asText();
            return d.contains("Applied on revision") || d.toLowerCase().contains("failed");
          });
    }
  }

  static void verify(
      DemoWorld world,
      Database.Location location,
      Acknowledged acked,
      Map<String, Long> generations)
      throws Exception {
    assertThat(acked.silences).as("silence ids told to users").doesNotHaveDuplicates();
    assertThat(acked.proposals).as("proposal ids told to users").doesNotHaveDuplicates();
    assertThat(acked.drills).as("drill ids told to users").doesNotHaveDuplicates();
    assertThat(acked.silences.size() + acked.proposals.size() + acked.approved.size())
        .as("acknowledged actions")
        .isGreaterThan(KILLS / 2);
    try (Database db = Database.open(location)) {
      assertThat(ids(db, "SELECT id FROM silence")).containsAll(acked.silences);
      assertThat(ids(db, "SELECT id FROM scale_proposal")).containsAll(acked.proposals);
      assertThat(ids(db, "SELECT id FROM load_drill")).containsAll(acked.drills);
      List<String> subscribed =
          db.read(
              c -> {
                List<String> out = new ArrayList<>();
                try (ResultSet rs =
                    c.createStatement().executeQuery("SELECT channel_id FROM subscription")) {
                  while (rs.next()) {
                    out.add(rs.getString(1));
                  }
                }
                return out;
              });
      assertThat(subscribed).containsAll(acked.subscriptions);
      for (long id : acked.approved) {
        assertThat(status(db, id)).as("proposal #" + id + " approved").isEqualTo("applied");
        assertThat(
                count(
                    db,
                    "SELECT COUNT(*) FROM audit_entry WHERE subject = ? AND action = 'applied'",
                    "proposal #" + id))
            .as("audit entries of proposal #" + id + " applied")
            .isEqualTo(1);
      }
      assertThat(
              count(
                  db,
                  "SELECT COUNT(*) FROM scale_proposal WHERE status IN ('approved', 'applying')"))
          .as("proposals left half-way")
          .isZero();
      for (String service : SERVICES) {
        long applied =
            count(
                db,
                "SELECT COUNT(*) FROM scale_proposal WHERE service = ? AND status IN ('applied', 'rolled_back')",
                service);
        long changes = world.cloud().run().get(service).getGeneration() - generations.get(service);
        assertThat(changes).as("changes Cloud Run received for " + service).isEqualTo(applied);
      }
    }
    for (long id : acked.proposals) {
      List<Message> cards =
          world.discord().messages("ops").stream()
              .filter(m -> !m.ephemeral() && isProposalCard(m, id))
              .toList();
      assertThat(cards)
          .as(
              "cards of proposal #"
                  + id
                  + ": "
                  + cards.stream()
                      .map(m -> m.id() + " nonce " + m.body().path("nonce").asText())
                      .toList()
                  + "; kills after "
                  + acked.kills
                  + " ms")
          .hasSize(1);
    }
  }

  static Message card(DemoWorld world, long id, java.util.function.Predicate<JsonNode> state) {
    return world
        .discord()
        .awaitMessage(
            "ops",
            m ->
                !m.ephemeral()
                    && isProposalCard(m, id)
                    && state.test(m.body().path("embeds").get(0)),
            Duration.ofSeconds(60));
  }

  /** The card of proposal {@code id}, not a drill's or another proposal's. */
  static boolean isProposalCard(Message m, long id) {
    return title(m).toLowerCase(java.util.Locale.ROOT).contains("proposal #" + id + " ·");
  }

  static String title(Message m) {
    return m.body().path("embeds").path(0).path("title").asText();
  }

  static String text(Message m) {
    return m.body().path("content").asText();
  }

  static java.util.Optional<Long> number(Message reply, String word) {
    String t = text(reply);
    int at = t.indexOf(word);
    if (at < 0) {
      return java.util.Optional.empty();
    }
    Matcher m = NUMBER.matcher(t.substring(at));
    return m.find()
        ? java.util.Optional.of(Long.parseLong(m.group(1)))
        : java.util.Optional.empty();
  }

  static List<Long> ids(Database db, String sql) {
    return db.read(
        c -> {
          List<Long> out = new ArrayList<>();
          try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
              out.add(rs.getLong(1));
            }
          }
          return out;
        });
  }

  static String status(Database db, long id) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("SELECT status FROM scale_proposal WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
              return rs.next() ? rs.getString(1) : "missing";
            }
          }
        });
  }

  static long count(Database db, String sql, Object... args) {
    return db.read(
        c -> {
          try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }
}
