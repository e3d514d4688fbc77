package dev.lookout.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.health.Figure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesTest {
  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

  @ParameterizedTest(name = "instances {0}/{1}, queue {2} -> {3} -> {4}")
  @CsvSource({
    "10, 10, 100, 150, WARN",
    "10, 10, 900, 1200, FATAL",
    "10, 10, 150, 100, NONE",
    "8, 10, 100, 150, NONE",
    "10, 10, 10, 20, NONE",
  })
  @DisplayName("saturation: pinned at max while the queue grows")
  void saturation(int instances, int max, double before, double after, String expected) {
    SaturationRule rule =
        new SaturationRule(Duration.ofMinutes(2), Duration.ofMinutes(5), 100, "Raise max.");
    RuleMemory memory = new RuleMemory(10);
    rule.read(
        RuleFixtures.observation(
            "s", T, 0.5, instances, max, OptionalDouble.of(before), 0, Map.of()),
        memory);
    Reading r =
        rule.read(
            RuleFixtures.observation(
                "s", T.plusSeconds(60), 0.5, instances, max, OptionalDouble.of(after), 0, Map.of()),
            memory);
    assertThat(r.breach().map(Enum::name).orElse("NONE")).isEqualTo(expected);
  }

  @Test
  @DisplayName("anomaly: learns a baseline first, then flags values far from it")
  void anomaly() {
    AnomalyRule rule =
        new AnomalyRule(Figure.CPU_P99, 4, 8, 10, Duration.ZERO, "Look at the deploys.");
    RuleMemory learning = new RuleMemory(60);
    for (int i = 0; i < 10; i++) {
      assertThat(rule.read(RuleFixtures.observation("s", T, 0.95), learning).breach())
          .as("no baseline yet, however odd the value")
          .isEmpty();
    }
    RuleMemory memory = new RuleMemory(60);
    for (double v : new double[] {0.30, 0.32, 0.29, 0.31, 0.30, 0.33, 0.28, 0.31, 0.30, 0.32}) {
      memory.add(v);
    }
    assertThat(rule.read(RuleFixtures.observation("s", T, 0.31), copy(memory)).breach()).isEmpty();
    assertThat(rule.read(RuleFixtures.observation("s", T, 0.38), copy(memory)).breach())
        .contains(AlertSeverity.WARN);
    assertThat(rule.read(RuleFixtures.observation("s", T, 0.60), copy(memory)).breach())
        .contains(AlertSeverity.FATAL);
  }

  private static RuleMemory copy(RuleMemory m) {
    RuleMemory c = new RuleMemory(60);
    for (double v : m.values()) {
      c.add(v);
    }
    return c;
  }

  @ParameterizedTest(name = "{0} errors/min -> {1}")
  @CsvSource({"2, NONE", "12, WARN", "80, FATAL"})
  @DisplayName("log rate: ERROR and CRITICAL entries per minute")
  void logRate(double perMinute, String expected) {
    LogRateRule rule = new LogRateRule(10, 50, Duration.ofMinutes(2), 5, "Read the logs.");
    Reading r =
        rule.read(
            RuleFixtures.observation(
                "s", T, 0.1, 1, 10, OptionalDouble.empty(), perMinute, Map.of()),
            new RuleMemory(1));
    assertThat(r.breach().map(Enum::name).orElse("NONE")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} OOM kills -> {1}")
  @CsvSource({"0, NONE", "1, WARN", "3, FATAL"})
  @DisplayName("log pattern: an OOM kill warns, three are fatal")
  void logPattern(int count, String expected) {
    LogPatternRule rule =
        new LogPatternRule(
            "oom", "OOM kills", "Memory limit of", Duration.ofMinutes(10), 1, 3, "Raise memory.");
    Reading r =
        rule.read(
            RuleFixtures.observation(
                "s", T, 0.1, 1, 10, OptionalDouble.empty(), 0, Map.of("oom", count)),
            new RuleMemory(1));
    assertThat(r.breach().map(Enum::name).orElse("NONE")).isEqualTo(expected);
    assertThat(r.clear()).isEqualTo(count == 0);
  }

  @Test
  @DisplayName("rules that make no sense are refused")
  void invalid() {
    assertThatThrownBy(
            () ->
                new ThresholdRule(Figure.CPU_P99, 0.9, 0.8, Duration.ZERO, Duration.ZERO, 0.7, ""))
        .hasMessageContaining("warn (0.9) must not be above fatal (0.8)");
    assertThatThrownBy(
            () ->
                new ThresholdRule(
                    Figure.CPU_P99, 0.8, 0.9, Duration.ofMinutes(-1), Duration.ZERO, 0.7, ""))
        .hasMessageContaining("negative");
    assertThatThrownBy(
            () ->
                new ThresholdRule(Figure.CPU_P99, 0.8, 0.9, Duration.ZERO, Duration.ZERO, 0.85, ""))
        .hasMessageContaining("clear");
    assertThat(Optional.of(AlertSeverity.parse("Fatal"))).contains(AlertSeverity.FATAL);
    assertThatThrownBy(() -> AlertSeverity.parse("critical"))
        .hasMessageContaining("use warn or fatal");
  }
}
