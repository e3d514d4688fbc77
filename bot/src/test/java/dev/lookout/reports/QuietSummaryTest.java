package dev.lookout.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuietSummaryTest {
  private static final Instant T = Instant.parse("2026-11-22T02:00:00Z");

  private static HeldAlert held(String incident, String event, int minute) {
    String service = incident.substring(0, incident.indexOf('/'));
    return new HeldAlert(
        "1", incident, service, "CPU p99 high", event, T.plusSeconds(60L * minute));
  }

  @Test
  @DisplayName("a summary has one line per incident with what happened to it while quiet")
  void onePerIncident() {
    QuietSummary s =
        QuietSummary.of(
            "22:00–07:00 UTC",
            List.of(
                held("api/cpu", "FIRED", 0),
                held("web/cpu", "FIRED", 5),
                held("api/cpu", "REMINDER", 60),
                held("api/cpu", "REMINDER", 120),
                held("api/cpu", "RESOLVED", 130)),
            Set.of("web/cpu"));
    assertThat(s.lines())
        .containsExactly(
            new QuietSummary.Line("api", "CPU p99 high", "fired → reminder → resolved", T, false),
            new QuietSummary.Line("web", "CPU p99 high", "fired", T.plusSeconds(300), true));
  }
}
