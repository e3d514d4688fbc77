package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.HandClock;
import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.ExternalAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IntakeStoreTest {
  private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

  private static IntakeStore.Delivery delivery(boolean open, Instant changed) {
    return delivery("inc-1", open, T, changed);
  }

  private static IntakeStore.Delivery delivery(
      String incident, boolean open, Instant started, Instant changed) {
    return new IntakeStore.Delivery(
        incident + "\n" + (open ? "open" : "closed") + "\n" + changed,
        new ExternalAlert(
            "gcp",
            incident,
            "latency-slo/checkout-api",
            "checkout-api",
            "Latency SLO",
            AlertSeverity.FATAL,
            open,
            "p99 above 2 s",
            "",
            started,
            changed));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.lookout.store.TestDatabases#both")
  @DisplayName(
      "a delivery is recorded once; the newest state stands, closing wins a tie, and a closed incident leaves after a day")
  void lifecycle(Supplier<Database> open) {
    try (Database db = open.get()) {
      HandClock clock = new HandClock(T);
      IntakeStore store = new IntakeStore(db, clock);
      assertThat(store.record("gcp", List.of(delivery(true, T))))
          .isEqualTo(new IntakeStore.Outcome(1, 0));
      assertThat(store.record("gcp", List.of(delivery(true, T), delivery(true, T))))
          .isEqualTo(new IntakeStore.Outcome(0, 2));
      assertThat(store.ofService("checkout-api")).singleElement().matches(ExternalAlert::open);
      assertThat(store.services()).containsExactly("checkout-api");

      // Closed at T+5m; an open sent at T+1m arriving late changes nothing.
      store.record("gcp", List.of(delivery(false, T.plusSeconds(300))));
      store.record("gcp", List.of(delivery(true, T.plusSeconds(60))));
      assertThat(store.ofService("checkout-api")).singleElement().matches(a -> !a.open());
      // At the same time, a reopening does not beat the closing.
      store.record("gcp", List.of(delivery(true, T.plusSeconds(300))));
      assertThat(store.ofService("checkout-api")).singleElement().matches(a -> !a.open());

      clock.advance(Duration.ofDays(1).plusSeconds(1));
      assertThat(store.ofService("checkout-api")).isEmpty();
      assertThat(store.services()).isEmpty();
      assertThat(store.counts()).containsExactly(4, 1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.lookout.store.TestDatabases#both")
  @DisplayName(
      "incidents of one alert are its firings: the newest stands for it, as one rule of its service")
  void newestIncidentOfAnAlert(Supplier<Database> open) {
    try (Database db = open.get()) {
      IntakeStore store = new IntakeStore(db, new HandClock(T.plusSeconds(900)));
      store.record("gcp", List.of(delivery("inc-1", false, T, T.plusSeconds(300))));
      store.record("gcp", List.of(delivery("inc-2", true, T.plusSeconds(600), T.plusSeconds(600))));
      assertThat(store.ofService("checkout-api"))
          .singleElement()
          .matches(a -> a.open() && a.key().equals("inc-2"));
      assertThat(delivery("inc-1", true, T, T).alert().ruleId())
          .isEqualTo(delivery("inc-2", true, T, T).alert().ruleId());
    }
  }
}
