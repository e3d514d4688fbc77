package dev.lookout.alerts;

import static dev.lookout.alerts.AlertFakes.T0;
import static dev.lookout.alerts.AlertFakes.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The routine over all services: isolation, degraded and recovered notices, silences running out.
 */
class AlertWatchTest {

  private final AlertFakes.Book book = new AlertFakes.Book();
  private final AlertFakes.SilenceList silences = new AlertFakes.SilenceList();
  private final AlertFakes.Channels channels = new AlertFakes.Channels();
  private final AlertFakes.Readings readings = new AlertFakes.Readings();
  private final AlertFakes.Told told = new AlertFakes.Told();
  private AlertWatch watch;

  @BeforeEach
  void setUp() {
    var evaluation = AlertFakes.evaluation(readings, book, silences, channels);
    watch =
        new AlertWatch(
            () -> List.of("api", "billing", "search"), evaluation, channels, told, silences, book);
    channels.subscriptions.add(subscription("ops", AlertSeverity.WARN));
  }

  private void ticks(int n, Instant from) {
    for (int i = 0; i < n; i++) {
      readings.at = from.plusSeconds(60L * i);
      watch.run(readings.at);
    }
  }

  @Test
  @DisplayName("one failing service does not stop the others' ticks, and is no outage")
  void oneFailingServiceIsIsolated() {
    readings.unavailable.add("billing");
    ticks(AlertWatch.DEGRADED_AFTER + 2, T0);
    assertThat(book.commits).extracting(AlertTick::service).contains("api", "search");
    assertThat(told.lines).isEmpty();
  }

  @Test
  @DisplayName("Google failing for every service is told once, after three ticks, and its end once")
  void degradedOnceRecoveredOnce() {
    readings.unavailable.addAll(List.of("api", "billing", "search"));
    ticks(AlertWatch.DEGRADED_AFTER - 1, T0);
    assertThat(told.lines).isEmpty();
    ticks(5, T0.plusSeconds(600));
    assertThat(told.lines).containsExactly("ops: MonitoringDegraded");
    readings.unavailable.clear();
    ticks(3, T0.plusSeconds(1200));
    assertThat(told.lines).containsExactly("ops: MonitoringDegraded", "ops: MonitoringRecovered");
  }

  @Test
  @DisplayName("a broken channel is not told that monitoring is degraded")
  void brokenChannelHearsNoNotice() {
    channels.subscriptions.add(
        new Subscription("gone", "guild", AlertSeverity.WARN, java.util.Set.of(), "bob", T0, T0));
    readings.unavailable.addAll(List.of("api", "billing", "search"));
    ticks(AlertWatch.DEGRADED_AFTER, T0);
    assertThat(told.lines).containsExactly("ops: MonitoringDegraded");
  }

  @Test
  @DisplayName("a silence that runs out over a firing alert is told once; one over nothing is not")
  void silenceRanOut() {
    silences.all.add(silence(1, "api", T0.plusSeconds(90)));
    silences.all.add(silence(2, "search", T0.plusSeconds(90)));
    readings.cpu.put("api", 0.9);
    ticks(5, T0);
    assertThat(told.lines).containsExactly("ops: SilenceRanOut");
  }

  private static Silence silence(long id, String service, Instant until) {
    return new Silence(
        id,
        Optional.of(service),
        Optional.empty(),
        Optional.empty(),
        T0.minusSeconds(60),
        until,
        "alice",
        "deploying");
  }
}
