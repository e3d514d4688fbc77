package dev.lookout.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.BotFixture;
import dev.lookout.SharedWorld;
import dev.lookout.cost.Pricing;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordModel.Message;
import dev.lookout.simulator.model.MinuteSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * /report end to end: the bot reads usage from the simulated project through Cloud Monitoring, and
 * the card shows what the simulator's own minute records add up to.
 */
@ExtendWith(SharedWorld.class)
class ReportIT {
  private static final Instant DAY = Instant.parse("2026-11-21T00:00:00Z");
  private static BotFixture fixture;

  /** The simulator answers from 10:00 on 22 November with 34 hours behind it: all of the 21st. */
  @SharedWorld.Make
  static BotFixture world() throws Exception {
    return new BotFixture(SimulatorConfig.defaults().withHistory(Duration.ofHours(34)));
  }

  /** Hourly usage of 21 November worked out from the simulator's minutes, as Monitoring would. */
  private static List<HourlyUsage> byHand(String service) {
    return byHand(service, DAY, DAY.plus(Duration.ofDays(1)));
  }

  /** Hourly usage of the hours in {@code [from, to)}, from the simulator's minutes. */
  private static List<HourlyUsage> byHand(String service, Instant from, Instant to) {
    List<MinuteSample> minutes =
        fixture.world.cloud().project().service(service).orElseThrow().history();
    Map<Instant, List<MinuteSample>> hours = new TreeMap<>();
    for (MinuteSample m : minutes) {
      if (!m.start().isBefore(from) && m.start().isBefore(to)) {
        hours
            .computeIfAbsent(
                m.start().truncatedTo(java.time.temporal.ChronoUnit.HOURS), h -> new ArrayList<>())
            .add(m);
      }
    }
    List<HourlyUsage> out = new ArrayList<>();
    hours.forEach(
        (hour, ms) ->
            out.add(
                new HourlyUsage(
                    service,
                    hour,
                    ms.stream().mapToLong(MinuteSample::activeInstances).sum() * 60.0,
                    ms.stream().mapToLong(MinuteSample::idleInstances).sum() * 60.0,
                    ms.stream().mapToDouble(MinuteSample::billableSeconds).sum(),
                    ms.stream().mapToDouble(MinuteSample::cpuAllocationSeconds).sum(),
                    ms.stream().mapToDouble(MinuteSample::memoryAllocationGibSeconds).sum(),
                    ms.stream()
                        .flatMap(m -> m.requestsByCode().values().stream())
                        .mapToLong(Long::longValue)
                        .sum(),
                    ms.stream()
                        .flatMap(m -> m.requestsByCode().entrySet().stream())
                        .filter(e -> e.getKey() >= 500)
                        .mapToLong(Map.Entry::getValue)
                        .sum(),
                    LatencyHistogram.EMPTY)));
    return out;
  }

  private static JsonNode embed(Message m) {
    return m.body().path("embeds").get(0);
  }

  private static String field(Message m, String name) {
    for (JsonNode f : embed(m).path("fields")) {
      if (f.path("name").asText().equals(name)) {
        return f.path("value").asText();
      }
    }
    throw new AssertionError("no field " + name + " in " + embed(m));
  }

  private static String money(double v) {
    return String.format(Locale.ROOT, "%,.2f USD", v);
  }

  @Test
  @DisplayName("a daily report for one service shows what its known load added up to")
  void dailyReportForOneService() {
    Message card =
        fixture.say("alice", "ops", "report", Map.of("period", "day", "service", "checkout-api"));
    assertThat(card.ephemeral()).isFalse();
    Usage expected = Usage.of(byHand("checkout-api"), Pricing.defaults());
    assertThat(expected.hours()).isEqualTo(24);

    assertThat(embed(card).path("title").asText())
        .isEqualTo("📊 Usage report · Sat 21 Nov 2026 · checkout-api");
    assertThat(field(card, "Requests"))
        .startsWith(String.format(Locale.ROOT, "%,d", expected.requests()))
        .contains("(no data before)");
    assertThat(field(card, "Instance-hours"))
        .startsWith(String.format(Locale.ROOT, "%.1f", expected.instanceHours()));
    assertThat(field(card, "Cost")).startsWith(money(expected.cost()));
    assertThat(field(card, "Billed"))
        .contains(String.format(Locale.ROOT, "%.1f vCPU-h", expected.vcpuHours()));
    assertThat(field(card, "Idle share"))
        .startsWith(String.format(Locale.ROOT, "%.0f%%", expected.idleShare() * 100));
    assertThat(field(card, "Latency")).containsPattern("p50 \\d+ ms · p95 \\d+ ms · p99 \\d+");
    assertThat(field(card, "Alerts")).isEqualTo("none fired");
    assertThat(embed(card).path("footer").path("text").asText())
        .contains("(UTC, 24 h)")
        .contains("4.26 W per busy vCPU")
        .contains("not a bill");
    assertThat(embed(card).path("image").path("url").asText()).isEqualTo("attachment://report.png");
    assertThat(card.attachments()).hasSize(1);
    assertThat(card.attachments().get(0).data())
        .startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
  }

  @Test
  @DisplayName("without a service the report is a table of every service, most expensive first")
  void allServicesByCost() {
    Message card = fixture.say("bob", "ops", "report", Map.of());
    assertThat(embed(card).path("title").asText())
        .isEqualTo("📊 Usage report · Sat 21 Nov 2026 · all services");
    String description = embed(card).path("description").asText();
    List<String> expectedOrder =
        List.of("consumer", "checkout-api", "auth-gateway", "image-resizer", "nightly-report")
            .stream()
            .sorted(
                Comparator.comparingDouble(
                    (String s) -> -Usage.of(byHand(s), Pricing.defaults()).cost()))
            .toList();
    List<String> rows =
        description
            .lines()
            .dropWhile(l -> !l.startsWith("service"))
            .skip(1)
            .takeWhile(l -> !l.startsWith("```"))
            .map(l -> l.split("\\s+")[0])
            .toList();
    assertThat(rows).isEqualTo(expectedOrder);
    double total =
        expectedOrder.stream()
            .mapToDouble(s -> Usage.of(byHand(s), Pricing.defaults()).cost())
            .sum();
    assertThat(description).startsWith("**" + money(total) + "**");
    assertThat(field(card, "Scale changes applied")).isEqualTo("0");
  }

  @Test
  @DisplayName(
      "today so far counts the alert fired, acknowledged and resolved and the scale change applied,"
          + " against yesterday by the same time")
  void todaySoFar() throws Exception {
    // A scale change first, approved and applied, so the scheduler's own proposals during the
    // drill below cannot get in its way.
    Message proposed =
        fixture.say(
            "alice",
            "ops",
            "scale",
            Map.of("service", "auth-gateway", "max", 21, "reason", "peak"));
    java.util.regex.Matcher id =
        java.util.regex.Pattern.compile("Proposal \\*\\*#(\\d+)\\*\\*")
            .matcher(proposed.body().path("content").asText());
    assertThat(id.find()).as(proposed.body().toString()).isTrue();
    Message card =
        fixture
            .discord()
            .awaitMessage(
                "ops",
                m ->
                    !m.ephemeral()
                        && embed(m) != null
                        && embed(m).path("title").asText().contains("#" + id.group(1) + " ·"),
                BotFixture.REPLY);
    fixture
        .discord()
        .click("carol", card.id(), BotFixture.button(card, "Approve"), List.of(), null)
        .awaitReply(BotFixture.REPLY);
    fixture.advanceAndSettle(Duration.ofMinutes(1));
    assertThat(
            fixture
                .world
                .cloud()
                .run()
                .get("auth-gateway")
                .getTemplate()
                .getScaling()
                .getMaxInstanceCount())
        .isEqualTo(21);

    fixture.say("alice", "alerts", "subscribe", Map.of("services", "auth-gateway"));
    fixture.drill("auth-gateway", "/full/cpu?duration=6m");
    fixture.advanceAndSettle(Duration.ofMinutes(5));
    Message alert =
        fixture.discord().messages("alerts").stream()
            .filter(m -> !m.ephemeral() && embed(m) != null)
            .filter(m -> embed(m).path("title").asText().contains("auth-gateway:"))
            .findFirst()
            .orElseThrow();
    String ack =
        alert.body().path("components").get(0).path("components").get(0).path("custom_id").asText();
    fixture.advanceAndSettle(Duration.ofMinutes(2));
    assertThat(
            fixture
                .discord()
                .click("dave", alert.id(), ack, List.of(), null)
                .awaitReply(BotFixture.REPLY)
                .body()
                .path("content")
                .asText())
        .contains("dave acknowledged");
    fixture.advanceAndSettle(Duration.ofMinutes(20)); // the drill ends and the alerts resolve
    long incidents =
        fixture.discord().messages("alerts").stream()
            .filter(m -> !m.ephemeral() && embed(m) != null)
            .filter(m -> embed(m).path("title").asText().contains("auth-gateway:"))
            .count();

    Instant now = fixture.world.clock().instant();
    Message today =
        fixture.say(
            "bob", "ops", "report", Map.of("service", "auth-gateway", "date", "2026-11-22"));
    assertThat(embed(today).path("title").asText())
        .isEqualTo("📊 Usage report · Sun 22 Nov 2026 · auth-gateway (so far)");
    assertThat(embed(today).path("description").asText())
        .contains("Compared with Sat 21 Nov 2026 up to the same time.");
    assertThat(field(today, "Alerts"))
        .startsWith(incidents + " fired · 1 acknowledged · " + incidents + " resolved")
        .containsPattern("time to ack \\d+ min")
        .containsPattern("time to resolve \\d+ min");
    assertThat(field(today, "Scale changes applied")).isEqualTo("1");
    // Today's hours up to the last finished one, against the same hours of yesterday.
    Instant ready = UsageReports.readyUntil(now);
    Usage sofar =
        Usage.of(byHand("auth-gateway", DAY.plus(Duration.ofDays(1)), ready), Pricing.defaults());
    Usage before =
        Usage.of(byHand("auth-gateway", DAY, ready.minus(Duration.ofDays(1))), Pricing.defaults());
    double pct = (sofar.requests() - before.requests()) * 100.0 / before.requests();
    assertThat(field(today, "Requests"))
        .startsWith(String.format(Locale.ROOT, "%,d", sofar.requests()))
        .contains(
            Math.abs(pct) < 0.5
                ? "= 0%"
                : (pct > 0 ? "↑ " : "↓ ") + String.format(Locale.ROOT, "%.0f%%", Math.abs(pct)));
  }

  @Test
  @DisplayName("bad input gets a clear private answer and no report")
  void badInput() {
    int before = fixture.messages().size();
    assertThat(
            fixture
                .say("alice", "ops", "report", Map.of("service", "nope"))
                .body()
                .path("content")
                .asText())
        .contains("There is no service `nope`")
        .contains("checkout-api");
    assertThat(
            fixture
                .say("alice", "ops", "report", Map.of("date", "2025-01-10"))
                .body()
                .path("content")
                .asText())
        .contains("outside the report retention")
        .contains("400 days");
    assertThat(
            fixture
                .say("alice", "ops", "report", Map.of("period", "month", "date", "2026-12-02"))
                .body()
                .path("content")
                .asText())
        .contains("has not started yet");
    assertThat(
            fixture
                .say("alice", "ops", "report", Map.of("date", "21/11/2026"))
                .body()
                .path("content")
                .asText())
        .contains("is not a date; use YYYY-MM-DD, such as 2026-11-21");
    assertThat(
            fixture
                .say("alice", "ops", "report", Map.of("tz", "Mars/Olympus"))
                .body()
                .path("content")
                .asText())
        .contains("`Mars/Olympus` is not a time zone");
    List<Message> after = fixture.messages().subList(before, fixture.messages().size());
    assertThat(after).allMatch(Message::ephemeral).hasSize(5);
  }

  @Test
  @DisplayName("a day on which the report's zone falls back an hour has 25 hours")
  void daylightSavingDay() {
    Message card =
        fixture.say(
            "alice",
            "ops",
            "report",
            Map.of("period", "day", "date", "2026-11-01", "tz", "America/New_York"));
    assertThat(embed(card).path("title").asText()).contains("Sun 1 Nov 2026");
    assertThat(embed(card).path("footer").path("text").asText())
        .contains("(America/New_York, 25 h)");
    assertThat(embed(card).path("description").asText())
        .contains("No usage recorded in this period");
  }
}
