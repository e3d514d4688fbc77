package dev.lookout.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.BotFixture;
import dev.lookout.SharedWorld;
import dev.lookout.simulator.discord.DiscordModel.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Alerts end to end: drills on the simulated services, messages in the simulated Discord. */
@ExtendWith(SharedWorld.class)
class AlertsIT {
  private static BotFixture fixture;

  /** The alert messages in a channel; Lookout's scale proposals there are another feature's. */
  private static List<Message> bot(String channel) {
    return fixture.discord().messages(channel).stream()
        .filter(m -> !m.ephemeral())
        .filter(
            m ->
                m.body().path("embeds").size() == 0
                    || !m.body().path("embeds").get(0).path("title").asText().contains("proposal"))
        .filter(
            m ->
                m.body().path("embeds").size() > 0
                    || m.body().path("content").asText().startsWith("✅"))
        .toList();
  }

  @Test
  @DisplayName("bad input to /subscribe is answered privately and changes nothing")
  void badInput() {
    String before = subscriptions();
    Message noRole = fixture.say("bob", "alerts", "subscribe", Map.of());
    assertThat(noRole.ephemeral()).isTrue();
    assertThat(noRole.body().path("content").asText())
        .contains("Manage Channels")
        .contains("operator");
    Message severity =
        fixture.modified("alice", "alerts", "subscribe", Map.of("severity", "critical"));
    assertThat(severity.body().path("content").asText())
        .contains("not a severity")
        .contains("warn or fatal");
    Message service =
        fixture.say("alice", "alerts", "subscribe", Map.of("services", "checkout-api payments"));
    assertThat(service.body().path("content").asText()).contains("no service `payments`");
    assertThat(subscriptions()).as("no subscription changed").isEqualTo(before);
  }

  private static String subscriptions() {
    Message list = fixture.say("bob", "alerts", "subscriptions", Map.of());
    return list.body().path("embeds").get(0).path("description").asText();
  }

  @Test
  @DisplayName(
      "a CPU drill warns, escalates to fatal with a thread, resolves when it ends, and only the subscribed channel hears of it")
  void cpuDrill() throws Exception {
    Message ok = fixture.say("alice", "alerts", "subscribe", Map.of("services", "checkout-api"));
    assertThat(ok.ephemeral()).isFalse();
    assertThat(ok.body().path("content").asText()).contains("warn").contains("`checkout-api`");
    fixture.advanceAndSettle(Duration.ofMinutes(2));
    assertThat(bot("alerts")).as("a healthy service raises nothing").isEmpty();

    fixture.drill("checkout-api", "/state/cpu/85?duration=6m");
    fixture.advanceAndSettle(Duration.ofMinutes(5));
    List<Message> posted = bot("alerts");
    assertThat(posted).hasSize(1);
    JsonNode warn = posted.get(0).body().path("embeds").get(0);
    assertThat(warn.path("color").asInt()).isEqualTo(0xF1C40F);
    assertThat(warn.path("title").asText()).contains("checkout-api").contains("CPU p99 high");
    assertThat(warn.path("fields").get(0).path("value").asText())
        .contains("warn 80%")
        .contains("Runbook");
    assertThat(posted.get(0).attachments()).hasSize(1);

    fixture.drill("checkout-api", "/full/cpu?duration=4m");
    // Monitoring's newest minute lags a minute; fatal must then hold for 2 minutes.
    fixture.advanceAndSettle(Duration.ofMinutes(4));
    posted = bot("alerts");
    assertThat(posted).hasSize(2);
    JsonNode fatal = posted.get(1).body().path("embeds").get(0);
    assertThat(fatal.path("color").asInt()).isEqualTo(0xE74C3C);
    assertThat(fatal.path("fields").get(0).path("name").asText())
        .contains("FATAL")
        .contains("escalated");
    assertThat(fixture.discord().channel("🔴 checkout-api — CPU p99 high").type())
        .as("a thread opened on the fatal alert")
        .isEqualTo(11);

    fixture.advanceAndSettle(Duration.ofMinutes(6));
    Message resolved = posted.get(1);
    assertThat(resolved.body().path("embeds").get(0).path("title").asText()).contains("resolved");
    assertThat(resolved.body().path("embeds").get(0).path("color").asInt()).isEqualTo(0x2ECC71);
    Message warnResolved = posted.get(0);
    assertThat(warnResolved.body().path("embeds").get(0).path("title").asText())
        .as("the warn that escalated is edited too, not left firing")
        .contains("resolved");
    assertThat(
            warnResolved.body().path("embeds").get(0).path("fields").get(0).path("name").asText())
        .contains("RESOLVED");
    assertThat(fixture.discord().messages("🔴 checkout-api — CPU p99 high"))
        .anyMatch(m -> m.body().path("content").asText().startsWith("✅ **Resolved**"));
    assertThat(fixture.discord().messages("general"))
        .as("an unsubscribed channel got none of it")
        .isEmpty();
  }
}
