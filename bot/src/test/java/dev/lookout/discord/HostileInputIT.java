package dev.lookout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.BotFixture;
import dev.lookout.SharedWorld;
import dev.lookout.simulator.discord.DiscordModel.Message;
import dev.lookout.simulator.discord.InteractionRejected;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input, command by command: each row gets a private answer that names what was wrong and
 * changes nothing (no row, no card, no ping, no "thinking" left). Rows marked as from a modified
 * client go past the option checks of Discord's client, as a tampered client can; the others are
 * values Discord lets through. A second table holds what Discord itself refuses before the bot sees
 * anything.
 */
@ExtendWith(SharedWorld.class)
class HostileInputIT {
  private static final List<String> CHANNELS = List.of("ops", "alerts");
  private static final List<String> TABLES =
      List.of(
          "subscription",
          "silence",
          "scale_proposal",
          "load_drill",
          "audit_entry",
          "outbox",
          "card_message",
          "digest_schedule",
          "quiet_hours",
          "oncall_schedule",
          "oncall_override",
          "escalation_step",
          "incident_note");
  private static BotFixture fixture;

  /** A row: who, what command, which options, past the client's checks or not, what it says. */
  static Arguments row(
      String user, String command, Map<String, Object> options, boolean modified, String says) {
    return Arguments.of(
        (modified ? "modified client: " : "") + "/" + command + " " + options,
        user,
        command,
        options,
        modified,
        says);
  }

  static Map<String, Object> opts(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static Stream<Arguments> mistakes() {
    String zeroWidth = "\u200b\u200c\u200d\u2060";
    String bidi = "\u202e\u2066";
    return Stream.of(
        // /scale
        row(
            "alice",
            "scale",
            opts("service", "payments", "max", 5),
            false,
            "no service `payments`"),
        row(
            "alice",
            "scale",
            opts("service", "consumer", "min", "9223372036854775807"),
            true,
            "`min` must be a whole number from 0 to 1000"),
        row(
            "alice",
            "scale",
            opts("service", "consumer", "max", "-9223372036854775809"),
            true,
            "`max` must be a whole number from 1 to 1000"),
        row("alice", "scale", opts("service", "consumer", "max", "1e30"), true, "`1e30` is not"),
        row(
            "alice",
            "scale",
            opts("service", "consumer", "concurrency", "NaN"),
            true,
            "`NaN` is not"),
        row("alice", "scale", opts("service", "consumer", "memory", "512"), false, "unit"),
        row(
            "alice",
            "scale",
            opts("service", "consumer", "memory", "99999999Gi"),
            false,
            "99999999Gi"),
        row("alice", "scale", opts("service", "consumer", "cpu", "Infinity"), false, "Infinity"),
        row("alice", "scale", opts("service", "consumer", "cpu", "-0"), false, "-0"),
        row(
            "alice",
            "scale",
            opts("service", "consumer", "max", 9, "reason", "x".repeat(501)),
            true,
            "at most 500"),
        row("alice", "scale", opts("max", 9), true, "service"),
        row("alice", "scale", opts("service", zeroWidth, "max", 9), false, "service"),
        row("bob", "scale", opts("service", "consumer", "max", 9), false, "operator"),
        // /stress
        row(
            "alice",
            "stress run",
            opts("kind", "fork-bomb", "service", "checkout-api", "duration", "5m"),
            true,
            "`fork-bomb` is not a kind of drill; use cpu, ram, queue or latency"),
        row(
            "alice",
            "stress run",
            opts("kind", "cpu", "service", "checkout-api", "duration", "5m", "intensity", 1e-300),
            true,
            "`intensity` must be a number from 1 to"),
        row(
            "alice",
            "stress run",
            opts(
                "kind",
                "cpu",
                "service",
                "checkout-api",
                "duration",
                "5m",
                "intensity",
                "Infinity"),
            true,
            "`Infinity` is not"),
        row(
            "alice",
            "stress run",
            opts("kind", "cpu", "service", "checkout-api", "duration", "0s"),
            false,
            "`0s`"),
        row(
            "alice",
            "stress run",
            opts("kind", "cpu", "service", "checkout-api", "duration", "soon"),
            false,
            "`soon`"),
        row(
            "alice",
            "stress run",
            opts("kind", "cpu", "service", "checkout-api", "duration", "5m", "expect", "critical"),
            true,
            "`critical`"),
        row(
            "bob",
            "stress run",
            opts("kind", "cpu", "service", "checkout-api", "duration", "5m"),
            false,
            "operator"),
        row("alice", "stress stop", opts("service", "payments"), false, "no service `payments`"),
        // /silence
        row(
            "alice",
            "silence add",
            opts("duration", "8d", "comment", "x", "service", "consumer"),
            false,
            "`8d` is longer than 7d"),
        row(
            "alice",
            "silence add",
            opts("duration", "1h", "comment", zeroWidth + bidi, "service", "consumer"),
            false,
            "the comment is blank"),
        row(
            "alice",
            "silence add",
            opts("duration", "1h", "comment", "x".repeat(301), "service", "consumer"),
            true,
            "at most 300"),
        row(
            "alice",
            "silence add",
            opts("duration", "1h", "comment", "deploy", "severity", "critical"),
            true,
            "`critical`"),
        row("alice", "silence remove", opts("id", 0), true, "`id` must be a whole number from 1"),
        row("alice", "silence remove", opts("id", "abc"), true, "`abc` is not"),
        row("alice", "silence remove", opts("id", 999999), false, "no silence #999999"),
        // /subscribe
        row("alice", "subscribe", opts("severity", "critical"), true, "`critical`"),
        row("alice", "subscribe", opts("services", "payments"), false, "payments"),
        row("bob", "subscribe", opts(), false, "Manage Channels"),
        // /status
        row("alice", "status", opts("window", "0s"), false, "`0s`"),
        row("alice", "status", opts("window", "soon"), false, "`soon`"),
        row("alice", "status", opts("service", "<@&123456789012345678>"), false, "no service"),
        // /ask
        row("alice", "ask", opts("question", zeroWidth), false, "question"),
        row("alice", "ask", opts("question", "why?".repeat(251)), true, "keep it to 1000"),
        row("alice", "ask", opts("question", "what failed?", "window", "soon"), false, "`soon`"),
        row(
            "alice",
            "ask",
            opts("question", "what failed?", "service", "payments"),
            false,
            "no service `payments`"),
        // /audit
        row("alice", "audit", opts("n", 0), true, "`n` must be a whole number from 1 to 50"),
        row("alice", "audit", opts("n", "9223372036854775808"), true, "outside that"),
        // /report
        row("alice", "report", opts("period", "year"), true, "`year`"),
        row("alice", "report", opts("date", "2026-13-45"), false, "2026-13-45"),
        row("alice", "report", opts("tz", "Mars/Olympus"), false, "Mars/Olympus"),
        // /digest
        row(
            "alice",
            "digest set",
            opts("schedule", "hourly", "time", "09:00", "tz", "UTC"),
            true,
            "`hourly`"),
        row(
            "alice",
            "digest set",
            opts("schedule", "daily", "time", "25:00", "tz", "UTC"),
            false,
            "25:00"),
        row(
            "alice",
            "digest set",
            opts("schedule", "daily", "time", "09:00", "tz", "Nowhere/Place"),
            false,
            "Nowhere/Place"),
        row(
            "alice",
            "digest set",
            opts("schedule", "daily", "time", "09:00", "tz", "UTC", "day", "monday"),
            false,
            "`day` is only for weekly digests"),
        row(
            "alice",
            "digest set",
            opts("schedule", "weekly", "time", "09:00", "tz", "UTC", "day", "funday"),
            true,
            "funday"),
        // /quiet
        row("alice", "quiet set", opts("from", "7pm", "to", "07:00", "tz", "UTC"), false, "7pm"),
        row(
            "alice",
            "quiet set",
            opts("from", "22:00", "to", "07:00", "tz", "Europe/Atlantis"),
            false,
            "Europe/Atlantis"),
        // /oncall and /incident
        row(
            "alice",
            "oncall create",
            opts(
                "name",
                "primary",
                "rotation",
                "hourly",
                "handoff",
                "09:00",
                "timezone",
                "UTC",
                "people",
                "<@123456789012345678>"),
            true,
            "rotation must be daily or weekly"),
        row(
            "alice",
            "oncall create",
            opts(
                "name",
                "primary",
                "rotation",
                "daily",
                "handoff",
                "09:00",
                "timezone",
                "UTC",
                "people",
                String.join(
                    " ",
                    java.util.stream.IntStream.range(0, 13)
                        .mapToObj(i -> "<@1234567890123456" + (10 + i) + ">")
                        .toList())),
            false,
            "at most 12 people"),
        row(
            "alice",
            "oncall create",
            opts(
                "name",
                "pri" + bidi + "mary",
                "rotation",
                "daily",
                "handoff",
                "09:00",
                "timezone",
                "UTC",
                "people",
                "<@123456789012345678>"),
            false,
            "lowercase letters"),
        row(
            "alice",
            "oncall create",
            opts(
                "name",
                "primary",
                "rotation",
                "daily",
                "handoff",
                "09:00",
                "timezone",
                "UTC",
                "people",
                "<@&123456789012345678>"),
            false,
            "@mentions of members"),
        row(
            "alice",
            "oncall override",
            opts("name", "nobody", "person", "<@123456789012345678>", "from", "tuesday"),
            false,
            "no schedule named **nobody**"),
        row("alice", "oncall schedule", opts("name", "primary", "days", "9999"), true, "days"),
        row("alice", "oncall cancel", opts("name", "primary", "override", 7), false, "no schedule"),
        row(
            "alice",
            "oncall cancel",
            opts("name", "primary", "override", "99999999999999999999"),
            true,
            "`override` must be a whole number from 1 to"),
        row("bob", "oncall delete", opts("name", "primary"), false, "operator"),
        row("bob", "oncall who", opts("name", zeroWidth), false, "lowercase letters"),
        row("bob", "incident timeline", opts("alert", "x".repeat(141)), true, "is not an alert"),
        row("bob", "incident timeline", opts("alert", "@everyone"), false, "not an alert"),
        row("bob", "incident timeline", opts("alert", "checkout-api/cpu"), false, "has fired"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  @DisplayName("a mistake gets a private answer naming it, and changes nothing")
  void mistake(
      String name,
      String user,
      String command,
      Map<String, Object> options,
      boolean modified,
      String says)
      throws Exception {
    Map<String, Long> rows = rows();
    long posts = posts();
    Message reply =
        modified
            ? fixture.modified(user, "ops", command, options)
            : fixture.say(user, "ops", command, options);
    String text = reply.body().path("content").asText();
    assertThat(reply.ephemeral()).as("private: " + text).isTrue();
    assertThat(text).as("the answer").containsIgnoringCase(says);
    assertThat(text).as("the answer").doesNotContain("Something went wrong");
    assertThat(reply.mentions().pingsAnyone()).as("pings").isFalse();
    fixture.settle();
    assertThat(rows()).as("rows").isEqualTo(rows);
    assertThat(posts()).as("public messages").isEqualTo(posts);
  }

  static Stream<Arguments> refusedByDiscord() {
    return Stream.of(
        Arguments.of("scale", opts("service", "consumer", "max", 1001), "NUMBER_TYPE_MAX"),
        Arguments.of("scale", opts("service", "consumer", "min", -1), "NUMBER_TYPE_MIN"),
        Arguments.of("scale", opts("service", "consumer", "max", 2.5), "NUMBER_TYPE_COERCE"),
        Arguments.of("scale", opts("service", "x".repeat(50)), "BASE_TYPE_MAX_LENGTH"),
        Arguments.of("scale", opts("max", 5), "BASE_TYPE_REQUIRED"),
        Arguments.of(
            "stress run",
            opts("kind", "fork-bomb", "service", "consumer", "duration", "5m"),
            "BASE_TYPE_CHOICES"),
        Arguments.of(
            "stress run",
            opts("kind", "cpu", "service", "consumer", "duration", "5m", "intensity", 0.5),
            "NUMBER_TYPE_MIN"),
        Arguments.of(
            "silence add",
            opts("duration", "1h", "comment", "x".repeat(301), "service", "consumer"),
            "BASE_TYPE_MAX_LENGTH"),
        Arguments.of("silence remove", opts("id", 0), "NUMBER_TYPE_MIN"),
        Arguments.of("audit", opts("n", 51), "NUMBER_TYPE_MAX"),
        Arguments.of("ask", opts("question", "x".repeat(1001)), "BASE_TYPE_MAX_LENGTH"),
        Arguments.of("subscribe", opts("severity", "critical"), "BASE_TYPE_CHOICES"),
        Arguments.of("status", opts("live", "maybe"), "BOOLEAN_TYPE_COERCE"));
  }

  @ParameterizedTest(name = "/{0} {1}")
  @MethodSource("refusedByDiscord")
  @DisplayName(
      "what breaks an option's declared constraints, Discord refuses before the bot sees it")
  void refusedByDiscord(String command, Map<String, Object> options, String code) throws Exception {
    Map<String, Long> rows = rows();
    long posts = posts();
    assertThatThrownBy(() -> fixture.discord().command("alice", "ops", command, options, null))
        .isInstanceOfSatisfying(
            InteractionRejected.class, e -> assertThat(e.firstCode()).isEqualTo(code));
    assertThat(rows()).isEqualTo(rows);
    assertThat(posts()).isEqualTo(posts);
  }

  @Test
  @DisplayName("a control forged on a card, or from an unknown feature, is refused privately")
  void forgedControls() throws Exception {
    Map<String, Long> rows = rows();
    for (String forged :
        List.of(
            "proposal:approve:1:forgedtoken",
            "proposal:approve:99999999999999999999:x",
            "drill:stop:1:x",
            "alert:ack:consumer:cpu:zzzzzz",
            "nosuchfeature:go",
            "proposal:approve",
            "::")) {
      var body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
      body.put("content", "an old card");
      var button =
          body.putArray("components").addObject().put("type", 1).putArray("components").addObject();
      button.put("type", 2).put("style", 1).put("label", "Go").put("custom_id", forged);
      Message card = fixture.discord().postAsBot("ops", body);
      Message reply =
          fixture
              .discord()
              .click("dave", card.id(), forged, List.of(), null)
              .awaitReply(BotFixture.REPLY);
      String text = reply.body().path("content").asText();
      assertThat(reply.ephemeral()).as(forged + ": " + text).isTrue();
      assertThat(text).as(forged).containsIgnoringCase("no longer valid");
    }
    fixture.settle();
    assertThat(rows()).isEqualTo(rows);
  }

  @Test
  @DisplayName(
      "a failure after the reply was deferred removes the thinking message and answers privately"
          + " with a reference")
  void failureAfterDefer() throws Exception {
    var db = fixture.bot.features().database();
    db.write(
        c -> c.createStatement().execute("ALTER TABLE usage_rollup RENAME TO usage_rollup_away"));
    Message reply;
    try {
      reply = fixture.say("alice", "ops", "report", opts());
    } finally {
      db.write(
          c -> c.createStatement().execute("ALTER TABLE usage_rollup_away RENAME TO usage_rollup"));
    }
    String text = reply.body().path("content").asText();
    assertThat(reply.ephemeral()).as(text).isTrue();
    assertThat(text).contains("Something went wrong on our side (reference ");
    assertThat(text).contains("Nothing was changed");
    assertThat(fixture.discord().messages("ops"))
        .as("thinking messages left in #ops")
        .noneMatch(m -> (m.body().path("flags").asLong() & 128) != 0);
  }

  @Test
  @DisplayName("service names autocomplete from the known services, within Discord's limits")
  void autocomplete() {
    List<String> all =
        fixture
            .discord()
            .autocomplete("alice", "ops", "scale", opts("service", ""), "service")
            .awaitChoices(BotFixture.REPLY);
    assertThat(all)
        .contains("checkout-api", "consumer", "image-resizer")
        .hasSizeLessThanOrEqualTo(25);
    List<String> typed =
        fixture
            .discord()
            .autocomplete("alice", "ops", "status", opts("service", "CON"), "service")
            .awaitChoices(BotFixture.REPLY);
    assertThat(typed).first().isEqualTo("consumer");
    List<String> inside =
        fixture
            .discord()
            .autocomplete(
                "alice",
                "ops",
                "silence add",
                opts("duration", "1h", "service", "resize"),
                "service")
            .awaitChoices(BotFixture.REPLY);
    assertThat(inside).containsExactly("image-resizer");
    assertThat(
            fixture
                .discord()
                .autocomplete("alice", "ops", "stress run", opts("service", "payments"), "service")
                .awaitChoices(BotFixture.REPLY))
        .isEmpty();
  }

  private static Map<String, Long> rows() {
    return fixture
        .bot
        .features()
        .database()
        .read(
            c -> {
              Map<String, Long> out = new LinkedHashMap<>();
              for (String table : TABLES) {
                try (ResultSet rs =
                    c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                  rs.next();
                  out.put(table, rs.getLong(1));
                }
              }
              return out;
            });
  }

  private static long posts() {
    long n = 0;
    for (String channel : CHANNELS) {
      n += fixture.discord().messages(channel).stream().filter(m -> !m.ephemeral()).count();
    }
    return n;
  }
}
