package dev.lookout.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.AlertStatus;
import dev.lookout.cost.Pricing;
import dev.lookout.health.ServiceHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** When Lookout suggests a change by itself, and what it says about it. */
class ScalePolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  private static ServiceHealth health(int instances, double cpu, Duration history, double rate) {
    List<Instant> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (Instant t = NOW.minus(history); !t.isAfter(NOW); t = t.plus(Duration.ofMinutes(1))) {
      times.add(t);
      values.add(cpu);
    }
    ServiceHealth.Points none = ServiceHealth.Points.empty();
    return new ServiceHealth(
        "consumer",
        "consumer-00001-abc",
        OptionalDouble.of(cpu),
        OptionalDouble.of(cpu / 2),
        OptionalDouble.of(0.4),
        instances,
        0,
        2,
        10,
        OptionalDouble.of(rate),
        OptionalDouble.of(0),
        OptionalDouble.of(50),
        OptionalDouble.of(80),
        OptionalDouble.of(120),
        OptionalDouble.of(900),
        NOW,
        new ServiceHealth.Series(new ServiceHealth.Points(times, values), none, none, none, none));
  }

  private static Alert alert(String rule, AlertStatus status) {
    return new Alert(
        "consumer",
        rule,
        "Saturated at max instances",
        status,
        AlertSeverity.WARN,
        NOW.minusSeconds(300),
        null,
        NOW.minusSeconds(120),
        null,
        900,
        50,
        "",
        "",
        null,
        NOW);
  }

  @Test
  @DisplayName("saturated at max with a pressure alert firing: raise max by half, with evidence")
  void scaleUp() {
    ScaleSettings current = new ScaleSettings(2, 10, 4, 1000, 1024);
    Optional<ScalePolicy.Suggestion> s =
        ScalePolicy.scaleUp(
            current,
            health(10, 0.9, Duration.ofMinutes(15), 5),
            List.of(alert("saturation", AlertStatus.FIRING)),
            ScaleBounds.defaults());
    assertThat(s).isPresent();
    assertThat(s.get().proposed().maxInstances()).isEqualTo(15);
    ScalePolicy.Why.Saturated why = (ScalePolicy.Why.Saturated) s.get().why();
    assertThat(why.fromMax()).isEqualTo(10);
    assertThat(why.toMax()).isEqualTo(15);
    assertThat(why.instances()).isEqualTo(10);
    assertThat(why.pressing())
        .containsExactly(
            new ScalePolicy.Pressure(
                AlertSeverity.WARN,
                "Saturated at max instances",
                Optional.of(NOW.minusSeconds(120))));
    assertThat(why.cpuP99()).hasValue(0.9);
  }

  @Test
  @DisplayName("no scale-up below max, without a firing pressure alert, or at the ceiling")
  void noScaleUp() {
    ScaleSettings current = new ScaleSettings(2, 10, 4, 1000, 1024);
    List<Alert> firing = List.of(alert("saturation", AlertStatus.FIRING));
    assertThat(
            ScalePolicy.scaleUp(
                current, health(7, 0.9, Duration.ofMinutes(15), 5), firing, ScaleBounds.defaults()))
        .isEmpty();
    assertThat(
            ScalePolicy.scaleUp(
                current,
                health(10, 0.9, Duration.ofMinutes(15), 5),
                List.of(
                    alert("saturation", AlertStatus.RESOLVED),
                    alert("error_rate", AlertStatus.FIRING)),
                ScaleBounds.defaults()))
        .isEmpty();
    assertThat(
            ScalePolicy.scaleUp(
                current,
                health(10, 0.9, Duration.ofMinutes(15), 5),
                firing,
                new ScaleBounds(10, 5, 5, 4000, 8192)))
        .isEmpty();
  }

  @Test
  @DisplayName("idle for the whole window with warm instances: min → 0, with money and watts saved")
  void scaleDown() {
    ScaleSettings current = new ScaleSettings(2, 10, 4, 1000, 1024);
    Optional<ScalePolicy.Suggestion> s =
        ScalePolicy.scaleDown(
            current,
            health(2, 0.01, Duration.ofHours(6), 0),
            Duration.ofHours(6),
            NOW,
            Pricing.defaults());
    assertThat(s).isPresent();
    assertThat(s.get().proposed().minInstances()).isZero();
    ScalePolicy.Why.Idle why = (ScalePolicy.Why.Idle) s.get().why();
    assertThat(why.window()).isEqualTo(Duration.ofHours(6));
    assertThat(why.warmInstances()).isEqualTo(2);
    // 2 × (1 vCPU + 1 GiB) × 0.0000025 × 3600 = 0.036/h; 2 × (0.71 + 0.392) W
    assertThat(why.savedPerHour()).isCloseTo(0.036, within(1e-9));
    assertThat(why.currency()).isEqualTo("USD");
    assertThat(why.savedWatts()).isCloseTo(2.204, within(1e-9));
  }

  @Test
  @DisplayName(
      "no scale-down with traffic, a busy minute, too little history, or no warm instances")
  void noScaleDown() {
    ScaleSettings warm = new ScaleSettings(2, 10, 4, 1000, 1024);
    Duration window = Duration.ofHours(6);
    Pricing p = Pricing.defaults();
    assertThat(ScalePolicy.scaleDown(warm, health(2, 0.01, window, 3), window, NOW, p)).isEmpty();
    assertThat(ScalePolicy.scaleDown(warm, health(2, 0.2, window, 0), window, NOW, p)).isEmpty();
    assertThat(ScalePolicy.scaleDown(warm, health(2, 0.01, Duration.ofHours(1), 0), window, NOW, p))
        .isEmpty();
    assertThat(
            ScalePolicy.scaleDown(
                new ScaleSettings(0, 10, 4, 1000, 1024),
                health(0, 0.01, window, 0),
                window,
                NOW,
                p))
        .isEmpty();
  }
}
