package dev.lookout.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.BotFixture;
import dev.lookout.operations.Pricing;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * /report end to end: the bot reads usage from the simulated project through Cloud Monitoring, and
 * the card shows what the simulator's own minute records add up to.
 */
class ReportIT {
  private static final Instant DAY = Instant.parse("2026-11-21T00:00:00Z");
  private static BotFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    // The simulator answers from 10:00 on 22 November with 34 hours behind it: all of the 21st.
    fixture = new BotFixture(SimulatorConfig.defaults().withHistory(Duration.ofHours(34)));
  }

  @AfterAll
  static void stop() {
    try {
      assertThat(fixture.discord().violations()).as("requests Discord would reject").isEmpty();
    } finally {
      fixture.close();
    }
  }

  /** Hourly usage of 21 November worked out from the simulator's minutes, as Monitoring would. */
  private static List<HourlyUsage> byHand(String service) {
    List<MinuteSample> minutes =
        fixture.world.cloud().project().service(service).orElseThrow().history();
    Map<Instant, List<MinuteSample>> hours = new TreeMap<>();
    for (MinuteSample m : minutes) {
      if (!m.start().isBefore(DAY) && m.start().isBefore(DAY.plus(Duration.ofDays(1)))) {
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
        .contains("is not a date; write it like 2026-11-21");
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
