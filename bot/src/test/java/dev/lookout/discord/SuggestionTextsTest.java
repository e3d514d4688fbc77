package dev.lookout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.operations.ScalePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SuggestionTextsTest {
  private final SuggestionTexts words = new SuggestionTexts();

  @Test
  @DisplayName("a scale-up says what is saturated, the step, and the alerts and figures behind it")
  void saturated() {
    var why =
        new ScalePolicy.Why.Saturated(
            10,
            15,
            List.of(
                new ScalePolicy.Pressure(
                    AlertSeverity.WARN,
                    "Saturated at max instances",
                    Optional.of(Instant.parse("2026-11-22T11:58:00Z"))),
                new ScalePolicy.Pressure(AlertSeverity.FATAL, "CPU high", Optional.empty())),
            10,
            OptionalDouble.of(0.9),
            OptionalDouble.empty(),
            OptionalDouble.empty());
    assertThat(words.reason(why)).isEqualTo("saturated at max instances: raise max 10 → 15");
    assertThat(words.evidence(why))
        .startsWith(
            "warn alert \"Saturated at max instances\" firing since 11:58 UTC; fatal alert \"CPU"
                + " high\" firing; instances 10 of max 10; CPU p99 ")
        .doesNotContain("queue")
        .doesNotContain("latency");
  }

  @Test
  @DisplayName("a scale-down says how long it idled and what dropping the warm instances saves")
  void idle() {
    var why = new ScalePolicy.Why.Idle(Duration.ofHours(6), 2, 0.01, 0.036, "USD", 2.204);
    assertThat(words.reason(why)).isEqualTo("idle for 6h with 2 warm instance(s): min → 0");
    assertThat(words.evidence(why))
        .startsWith("CPU p99 peaked at ")
        .contains(" over the last 6h; no requests now; ")
        .endsWith("saves about 0.04 USD/h (26 USD a month) and 2.2 W of reserved idle power");
  }
}
