package dev.lookout.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.BotFixture;
import dev.lookout.SharedWorld;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordModel.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Digests and quiet hours end to end: scheduled in virtual time, delivered through the outbox
 * exactly once across a restart, and warn alerts held while a channel is quiet.
 */
@ExtendWith(SharedWorld.class)
@SharedWorld.OnePerTest
class DigestIT {
  private static BotFixture fixture;

  /** Each test starts at 10:00 UTC on 22 November, with all of the 21st behind it. */
  @SharedWorld.Make
  static BotFixture world() throws Exception {
    return new BotFixture(SimulatorConfig.defaults().withHistory(Duration.ofHours(34)));
  }

  private static List<Message> digests(String channel) {
    return fixture.discord().messages(channel).stream()
        .filter(m -> !m.ephemeral())
        .filter(m -> m.body().path("embeds").size() > 0)
        .filter(m -> title(m).startsWith("🗞️ Digest"))
        .toList();
  }

  private static String title(Message m) {
    return m.body().path("embeds").path(0).path("title").asText();
  }

  private static String text(Message m) {
    return m.body().path("content").asText();
  }

  private static void minutes(int n) throws InterruptedException {
    fixture.advanceAndSettle(Duration.ofMinutes(n));
    fixture.settleReports();
  }

  @Test
  @DisplayName(
      "a daily digest arrives at its scheduled virtual time, once, with what needs attention")
  void digestOnTime() throws Exception {
    Message set =
        fixture.say(
            "alice",
            "general",
            "digest set",
            Map.of("schedule", "daily", "time", "10:20", "tz", "Europe/London"));
    assertThat(set.ephemeral()).isFalse();
    assertThat(text(set))
        .contains("Digest set: daily at 10:20 Europe/London")
        .contains("next one is due Sun 22 Nov 10:20 UTC");

    minutes(19);
    assertThat(digests("general")).isEmpty();
    minutes(2);
    List<Message> sent = digests("general");
    assertThat(sent).hasSize(1);
    Message digest = sent.get(0);
    assertThat(title(digest)).isEqualTo("🗞️ Digest · Sat 21 Nov 2026 · all services");
    JsonNode attention = digest.body().path("embeds").get(1);
    assertThat(attention.path("title").asText()).isEqualTo("👀 Needs attention");
    assertThat(attention.path("footer").path("text").asText())
        .isEqualTo("Digest daily at 10:20 Europe/London");
    assertThat(attention.path("description").asText()).doesNotContain("late");
    assertThat(attention.path("description").asText()).contains("Idle capacity");
    assertThat(digest.attachments()).hasSize(1);

    // The idlest service comes with a one-click scale-down proposal, for operators only.
    JsonNode button = digest.body().path("components").get(0).path("components").get(0);
    String label = button.path("label").asText();
    assertThat(label).startsWith("Propose scale-down: ");
    String idle = label.substring("Propose scale-down: ".length());
    assertThat(attention.path("description").asText()).contains("**" + idle + "** idle");
    // nightly-report idles nearly all day but keeps no minimum instances: nothing to give back.
    assertThat(attention.path("description").asText())
        .contains("minimum instance(s) warm")
        .doesNotContain("**nightly-report** idle");
    assertThat(text(click("bob", digest, button.path("custom_id").asText())))
        .contains("You need the `operator` role to propose scaling changes");
    int min = fixture.world.cloud().project().service(idle).orElseThrow().spec().minInstances();
    Message proposed = click("alice", digest, button.path("custom_id").asText());
    if (min > 0) {
      assertThat(text(proposed)).contains("(Min instances " + min + " → 0) is posted for approval");
      fixture.settle();
      assertThat(fixture.discord().messages("general"))
          .anyMatch(m -> title(m).contains("Scale proposal") && title(m).endsWith(idle));
    } else {
      assertThat(text(proposed)).contains(idle + " keeps no minimum instances already");
    }

    minutes(10);
    assertThat(digests("general")).hasSize(1);
  }

  private static Message click(String user, Message message, String customId) {
    return fixture
        .discord()
        .click(user, message.id(), customId, List.of(), null)
        .awaitReply(BotFixture.REPLY);
  }

  @Test
  @DisplayName("a digest due while the bot is down is sent once after the restart, labelled late")
  void digestAcrossRestart() throws Exception {
    fixture.say(
        "alice",
        "general",
        "digest set",
        Map.of("schedule", "daily", "time", "10:45", "tz", "UTC"));
    fixture.stopBot();
    fixture.advance(Duration.ofMinutes(61)); // 10:00 → 11:01: the digest falls due while down
    fixture.startBot();
    fixture.settleReports();
    List<Message> sent = digests("general");
    assertThat(sent).hasSize(1);
    Message late = sent.get(0);
    assertThat(title(late)).isEqualTo("🗞️ Digest (late) · Sat 21 Nov 2026 · all services");
    assertThat(late.body().path("embeds").get(1).path("description").asText())
        .contains("was due Sun 22 Nov 10:45 UTC and is sent late");

    fixture.restartBot();
    minutes(3);
    assertThat(digests("general")).hasSize(1);
  }

  @Test
  @DisplayName(
      "quiet hours hold a warn alert, let a fatal one through, and summarize when they end")
  void quietHours() throws Exception {
    fixture.say("alice", "alerts", "subscribe", Map.of("services", "checkout-api,auth-gateway"));
    // It is 10:00 in London: quiet from 10:00 to 10:10.
    Message quiet =
        fixture.say(
            "alice",
            "alerts",
            "quiet set",
            Map.of("from", "10:00", "to", "10:10", "tz", "Europe/London"));
    assertThat(text(quiet)).contains("Quiet hours set: 10:00–10:10 Europe/London");

    fixture.drill("checkout-api", "/state/cpu/85?duration=8m");
    fixture.drill("auth-gateway", "/full/cpu?duration=10m");
    minutes(7);
    List<String> titles =
        fixture.discord().messages("alerts").stream()
            .filter(m -> !m.ephemeral() && m.body().path("embeds").size() > 0)
            .map(DigestIT::title)
            .toList();
    // Alert titles read "service: what"; scale proposals the scheduler makes are not alerts.
    assertThat(titles).anyMatch(t -> t.contains("auth-gateway: CPU p99 high"));
    assertThat(titles).noneMatch(t -> t.contains("checkout-api:"));

    assertThat(fixture.world.clock().instant())
        .isBefore(java.time.Instant.parse("2026-11-22T10:10:00Z"));
    minutes(5); // the quiet hours end
    List<Message> summaries =
        fixture.discord().messages("alerts").stream()
            .filter(m -> m.body().path("embeds").size() > 0)
            .filter(m -> title(m).startsWith("🌙 Held during quiet hours"))
            .toList();
    assertThat(summaries).hasSize(1);
    assertThat(summaries.get(0).body().path("embeds").get(0).path("description").asText())
        .contains("**checkout-api** CPU p99 high — fired");
    minutes(2);
    assertThat(
            fixture.discord().messages("alerts").stream()
                .filter(m -> m.body().path("embeds").size() > 0)
                .filter(m -> title(m).startsWith("🌙")))
        .hasSize(1);
    // Quiet hours can also be switched off; nothing is held any more then.
    assertThat(text(fixture.say("alice", "alerts", "quiet off", Map.of())))
        .contains("Quiet hours ended");
    assertThat(text(fixture.say("alice", "alerts", "quiet off", Map.of())))
        .contains("This channel has no quiet hours. Nothing was changed.");
  }

  @Test
  @DisplayName("two digests missed during a long outage are both sent late, oldest first, once")
  void longOutage() throws Exception {
    fixture.say(
        "alice",
        "general",
        "digest set",
        Map.of("schedule", "daily", "time", "10:45", "tz", "UTC"));
    minutes(46); // the 22nd's digest, on time
    int before = digests("general").size();
    assertThat(before).isEqualTo(1);
    fixture.stopBot();
    fixture.advance(Duration.ofHours(49)); // past 10:45 on the 23rd and on the 24th
    fixture.startBot();
    fixture.settleReports();
    List<Message> sent = digests("general");
    assertThat(sent).hasSize(before + 2);
    assertThat(title(sent.get(before)))
        .isEqualTo("🗞️ Digest (late) · Sun 22 Nov 2026 · all services");
    assertThat(title(sent.get(before + 1)))
        .isEqualTo("🗞️ Digest (late) · Mon 23 Nov 2026 · all services");
    minutes(2);
    assertThat(digests("general")).hasSize(before + 2);
  }

  @Test
  @DisplayName("bad digest and quiet-hours input is refused privately and changes nothing")
  void badInput() {
    assertThat(
            text(
                fixture.say(
                    "bob",
                    "ops",
                    "digest set",
                    Map.of("schedule", "daily", "time", "09:00", "tz", "UTC"))))
        .contains("You need the Manage Channels permission or the `operator` role");
    assertThat(
            text(
                fixture.say(
                    "alice",
                    "ops",
                    "digest set",
                    Map.of("schedule", "daily", "time", "25:00", "tz", "UTC"))))
        .contains("`25:00` is not a time");
    assertThat(
            text(
                fixture.say(
                    "alice",
                    "ops",
                    "digest set",
                    Map.of("schedule", "weekly", "time", "09:00", "tz", "Europe/Atlantis"))))
        .contains("`Europe/Atlantis` is not a time zone");
    assertThat(
            text(
                fixture.say(
                    "alice",
                    "ops",
                    "digest set",
                    Map.of("schedule", "daily", "time", "09:00", "tz", "UTC", "day", "friday"))))
        .contains("`day` is only for weekly digests");
    assertThat(text(fixture.say("alice", "ops", "digest off", Map.of())))
        .contains("This channel has no digest. Nothing was changed.");
    assertThat(
            text(
                fixture.say(
                    "alice",
                    "ops",
                    "quiet set",
                    Map.of("from", "22:00", "to", "22:00", "tz", "UTC"))))
        .contains("must start and end at different times");
    assertThat(text(fixture.say("alice", "ops", "digest show", Map.of())))
        .contains("This channel has no digest")
        .contains("No quiet hours");
    assertThat(fixture.discord().messages("ops")).allMatch(Message::ephemeral);
  }
}
