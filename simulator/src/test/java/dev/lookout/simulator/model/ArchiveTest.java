package dev.lookout.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.simulator.Simulator;
import dev.lookout.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ArchiveTest {
  @Test
  @DisplayName("an archive keeps one sample per hour before the minute-by-minute history")
  void hourlyBeforeTheHistory() {
    try (Simulator sim =
        Simulator.start(
            SimulatorConfig.defaults()
                .withHistory(Duration.ofHours(2))
                .withArchive(Duration.ofHours(72)))) {
      List<MinuteSample> history = sim.project().service("checkout-api").orElseThrow().history();
      Instant start = Instant.parse("2026-11-22T10:00:00Z");
      List<MinuteSample> archived =
          history.stream()
              .filter(m -> m.start().isBefore(start.minus(Duration.ofHours(2))))
              .toList();
      assertThat(archived).hasSize(72);
      assertThat(archived.getFirst().start()).isEqualTo(start.minus(Duration.ofHours(74)));
      assertThat(archived.getLast().end()).isEqualTo(start.minus(Duration.ofHours(2)));
      assertThat(archived).allMatch(m -> Duration.between(m.start(), m.end()).toHours() == 1);
      // An hour's counts are sixty minutes' worth: a web API serves thousands of requests.
      long requests =
          archived.get(10).requestsByCode().values().stream().mapToLong(Long::longValue).sum();
      assertThat(requests % 60).isZero();
      assertThat(requests).isGreaterThan(600);
      assertThat(archived.get(10).billableSeconds()).isGreaterThanOrEqualTo(3600);
      assertThat(
              history.stream().filter(m -> !m.start().isBefore(start.minus(Duration.ofHours(2)))))
          .hasSize(119); // two hours of minutes, the last still in progress
      assertThat(sim.project().clock().instant()).isEqualTo(start);
    }
  }
}
