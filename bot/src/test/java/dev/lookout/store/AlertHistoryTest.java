package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.AlertStatus;
import dev.lookout.reports.AlertRecord;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AlertHistoryTest {
  private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

  private static Alert alert(
      AlertStatus status, AlertSeverity severity, Instant firing, Instant resolved) {
    return new Alert(
        "api",
        "cpu",
        "CPU p99 high",
        status,
        severity,
        firing,
        null,
        firing,
        resolved,
        0.9,
        0.8,
        "",
        "",
        null,
        firing);
  }

  private static dev.lookout.alerts.AlertTick saved(List<Alert> changed, Instant at) {
    return new dev.lookout.alerts.AlertTick(
        "api", changed, List.of(), List.of(), List.of(), List.of(), at);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.lookout.store.TestDatabases#both")
  @DisplayName(
      "each incident that fired stays in the history with its acknowledgement and resolution")
  void incidentsAreKept(Supplier<Database> open) {
    try (Database db = open.get()) {
      AlertStore alerts = new AlertStore(db);
      AlertLedger ledger =
          new AlertLedger(db, alerts, new Outbox(db), new DigestStore(db, new Outbox(db)));
      Alert first = alert(AlertStatus.FIRING, AlertSeverity.WARN, T, null);
      ledger.commit(saved(List.of(first), T));
      assertThat(alerts.acknowledge("api", "cpu", "carol", T.plusSeconds(300))).isTrue();
      assertThat(alerts.acknowledge("api", "cpu", "dave", T.plusSeconds(400))).isFalse();
      Alert fatal = alert(AlertStatus.FIRING, AlertSeverity.FATAL, T, null).acknowledged("carol");
      ledger.commit(saved(List.of(fatal), T.plusSeconds(500)));
      Alert resolved =
          alert(AlertStatus.RESOLVED, AlertSeverity.FATAL, T, T.plusSeconds(900))
              .acknowledged("carol");
      ledger.commit(saved(List.of(resolved), T.plusSeconds(900)));
      // The same rule fires again later: a second incident, not an update of the first.
      Instant again = T.plusSeconds(3600);
      ledger.commit(
          saved(List.of(alert(AlertStatus.FIRING, AlertSeverity.WARN, again, null)), again));

      List<AlertRecord> history = alerts.history(T, T.plusSeconds(7200));
      assertThat(history)
          .containsExactly(
              new AlertRecord(
                  "api", "cpu", "CPU p99 high", "FATAL", T, T.plusSeconds(300), T.plusSeconds(900)),
              new AlertRecord("api", "cpu", "CPU p99 high", "WARN", again, null, null));
      assertThat(alerts.history(T.plusSeconds(1), T.plusSeconds(3600))).isEmpty();
    }
  }
}
