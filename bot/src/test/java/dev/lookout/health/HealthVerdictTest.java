package dev.lookout.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HealthVerdictTest {
  private static ServiceHealth health(double cpu, double latency, OptionalDouble queue) {
    ServiceHealth.Points none = ServiceHealth.Points.empty();
    return new ServiceHealth(
        "svc",
        "svc-00001-abc",
        OptionalDouble.of(cpu),
        OptionalDouble.of(cpu / 2),
        OptionalDouble.of(0.4),
        2,
        1,
        1,
        10,
        OptionalDouble.of(5),
        OptionalDouble.of(0.001),
        OptionalDouble.of(100),
        OptionalDouble.of(200),
        OptionalDouble.of(latency),
        queue,
        Instant.parse("2026-11-22T10:00:00Z"),
        new ServiceHealth.Series(none, none, none, none, none));
  }

  @Test
  @DisplayName("each figure is judged by its limit and the worst decides")
  void judged() {
    HealthLimits limits = HealthLimits.defaults();
    assertThat(HealthVerdict.of(health(0.5, 300, OptionalDouble.empty()), limits).level())
        .isEqualTo(HealthLevel.OK);
    HealthVerdict warn = HealthVerdict.of(health(0.85, 300, OptionalDouble.empty()), limits);
    assertThat(warn.level()).isEqualTo(HealthLevel.WARN);
    assertThat(warn.worst().orElseThrow().figure()).isEqualTo(Figure.CPU_P99);
    HealthVerdict fatal = HealthVerdict.of(health(0.85, 12_000, OptionalDouble.of(3)), limits);
    assertThat(fatal.level()).isEqualTo(HealthLevel.FATAL);
    assertThat(fatal.worst().orElseThrow().figure()).isEqualTo(Figure.LATENCY_P99);
  }

  @Test
  @DisplayName("a figure without data is not judged")
  void missing() {
    HealthVerdict v =
        HealthVerdict.of(health(0.5, 300, OptionalDouble.empty()), HealthLimits.defaults());
    assertThat(v.finding(Figure.QUEUE_DEPTH)).isEmpty();
  }

  @Test
  @DisplayName("figures read as people write them")
  void formats() {
    assertThat(Figure.CPU_P99.format(0.834)).isEqualTo("83%");
    assertThat(Figure.ERROR_RATE.format(0.0042)).isEqualTo("0.4%");
    assertThat(Figure.LATENCY_P99.format(850)).isEqualTo("850 ms");
    assertThat(Figure.LATENCY_P99.format(12_400)).isEqualTo("12.4 s");
    assertThat(Figure.REQUEST_RATE.format(1.234)).isEqualTo("1.23/s");
  }
}
