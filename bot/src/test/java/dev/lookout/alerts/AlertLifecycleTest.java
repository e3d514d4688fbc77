package dev.lookout.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.health.Figure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertLifecycleTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final ThresholdRule CPU =
      new ThresholdRule(
          Figure.CPU_P99,
          0.80,
          0.95,
          Duration.ofMinutes(3),
          Duration.ofMinutes(2),
          0.70,
          "Scale out.");

  /** One reading a minute; each row lists the values and the events expected minute by minute. */
  static List<Arguments> cases() {
    return List.of(
        Arguments.of("a short breach never fires", new double[] {0.85, 0.85, 0.5, 0.5}, "- - - -"),
        Arguments.of(
            "a warn held 3 minutes fires",
            new double[] {0.85, 0.85, 0.85, 0.85, 0.9},
            "- - - FIRED:warn -"),
        Arguments.of(
            "fatal held 2 minutes fires fatal at once",
            new double[] {0.97, 0.97, 0.97},
            "- - FIRED:fatal"),
        Arguments.of(
            "warn escalates to fatal in the same incident",
            new double[] {0.85, 0.85, 0.85, 0.85, 0.97, 0.97, 0.97},
            "- - - FIRED:warn - - ESCALATED:fatal"),
        Arguments.of(
            "hysteresis: between clear and warn stays firing",
            new double[] {0.85, 0.85, 0.85, 0.85, 0.75, 0.75, 0.65},
            "- - - FIRED:warn - - RESOLVED:warn"),
        Arguments.of(
            "a resolved alert can fire again",
            new double[] {0.97, 0.97, 0.97, 0.5, 0.97, 0.97, 0.97},
            "- - FIRED:fatal RESOLVED:fatal - - FIRED:fatal"),
        Arguments.of(
            "no data neither fires nor resolves",
            new double[] {0.97, 0.97, 0.97, Double.NaN, Double.NaN, 0.5},
            "- - FIRED:fatal - - RESOLVED:fatal"),
        Arguments.of(
            "ten minutes without data resolves a firing alert",
            new double[] {
              0.97,
              0.97,
              0.97,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN
            },
            "- - FIRED:fatal - - - - - - - - - RESOLVED:fatal -"),
        Arguments.of(
            "no data never fires", new double[] {Double.NaN, Double.NaN, Double.NaN}, "- - -"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("the life cycle of a threshold alert")
  void lifecycle(String name, double[] values, String expected) {
    Optional<Alert> alert = Optional.empty();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      Instant now = T0.plus(Duration.ofMinutes(i));
      Reading reading =
          Double.isNaN(values[i])
              ? Reading.noData()
              : CPU.read(RuleFixtures.observation("svc", now, values[i]), new RuleMemory(10));
      AlertLifecycle.Step step = AlertLifecycle.step("svc", CPU, alert, reading, now);
      alert = step.alert();
      events.add(step.event().map(e -> e.kind() + ":" + e.alert().severity().id()).orElse("-"));
    }
    assertThat(String.join(" ", events)).isEqualTo(expected);
  }
}
