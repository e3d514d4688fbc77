package dev.lookout.alerts;

import static dev.lookout.alerts.AlertFakes.T0;
import static dev.lookout.alerts.AlertFakes.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.health.HealthSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One service's tick over fakes of its ports: what is committed, and which channel hears what. */
class AlertEvaluationTest {

  private final AlertFakes.Book book = new AlertFakes.Book();
  private final AlertFakes.SilenceList silences = new AlertFakes.SilenceList();
  private final AlertFakes.Channels channels = new AlertFakes.Channels();
  private final AlertFakes.Readings readings = new AlertFakes.Readings();
  private AlertEvaluation evaluation;

  @BeforeEach
  void setUp() {
    evaluation = AlertFakes.evaluation(readings, book, silences, channels);
    channels.subscriptions.add(subscription("all-warn", AlertSeverity.WARN));
    channels.subscriptions.add(subscription("fatal-only", AlertSeverity.FATAL));
    channels.subscriptions.add(subscription("other-service", AlertSeverity.WARN, "billing"));
  }

  private AlertTick tick(double cpu, Instant at) {
    readings.cpu.put("api", cpu);
    readings.at = at;
    evaluation.tick("api", at);
    return book.last();
  }

  /** Deliveries as "channel: KIND severity", in order. */
  private static List<String> heard(AlertTick tick) {
    return tick.deliveries().stream()
        .map(
            d ->
                switch (d) {
                  case AlertTick.Post p ->
                      p.channelId()
                          + ": "
                          + p.post().notification().events().stream()
                              .map(e -> e.kind() + " " + e.alert().severity())
                              .toList();
                  case AlertTick.Resolution r -> r.channelId() + ": RESOLVED";
                  case AlertTick.Flap f ->
                      f.channelId()
                          + ": FLAPPING "
                          + f.post().notification().events().getFirst().alert().status()
                          + " x"
                          + f.post().notification().events().getFirst().spell().fires();
                })
        .toList();
  }

  static Stream<Arguments> firstBreach() {
    return Stream.of(
        Arguments.of("below warn: nobody hears anything", 0.5, List.of()),
        Arguments.of(
            "a warn reaches the channel that wants warns", 0.9, List.of("all-warn: [FIRED WARN]")),
        Arguments.of(
            "a fatal reaches both channels of the service",
            0.97,
            List.of("all-warn: [FIRED FATAL]", "fatal-only: [FIRED FATAL]")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("firstBreach")
  void routesByServiceAndSeverity(String name, double cpu, List<String> expected) {
    assertThat(heard(tick(cpu, T0))).isEqualTo(expected);
  }

  @Test
  @DisplayName(
      "a firing alert is told once; its resolution edits it in every channel that heard it")
  void firesOnceAndResolves() {
    assertThat(heard(tick(0.97, T0))).hasSize(2);
    assertThat(heard(tick(0.97, T0.plusSeconds(60)))).isEmpty();
    AlertTick resolved = tick(0.2, T0.plusSeconds(120));
    assertThat(heard(resolved)).containsExactly("all-warn: RESOLVED", "fatal-only: RESOLVED");
    assertThat(resolved.changed()).extracting(Alert::status).containsExactly(AlertStatus.RESOLVED);
  }

  @Test
  @DisplayName(
      "a warn that fires a third time within 30 min flaps: its card is edited with the count"
          + " until it has been quiet for 30 min; a fatal is still announced")
  void flapping() {
    Instant t = T0;
    assertThat(heard(tick(0.9, t))).containsExactly("all-warn: [FIRED WARN]");
    assertThat(heard(tick(0.2, t = t.plusSeconds(300)))).containsExactly("all-warn: RESOLVED");
    assertThat(heard(tick(0.9, t = t.plusSeconds(300)))).containsExactly("all-warn: [FIRED WARN]");
    assertThat(heard(tick(0.2, t = t.plusSeconds(300)))).containsExactly("all-warn: RESOLVED");
    assertThat(heard(tick(0.9, t = t.plusSeconds(300))))
        .containsExactly("all-warn: FLAPPING FIRING x3");
    assertThat(heard(tick(0.2, t = t.plusSeconds(300))))
        .containsExactly("all-warn: FLAPPING RESOLVED x3");
    // The spell goes on while it is never quiet for the window, even past 30 min from its start.
    assertThat(heard(tick(0.9, t = t.plusSeconds(1_500))))
        .containsExactly("all-warn: FLAPPING FIRING x4");
    // A fatal is never folded: both channels hear it, and the spell is over.
    assertThat(heard(tick(0.97, t = t.plusSeconds(60))))
        .containsExactly("all-warn: [ESCALATED FATAL]", "fatal-only: [ESCALATED FATAL]");
    assertThat(heard(tick(0.2, t = t.plusSeconds(60))))
        .containsExactly("all-warn: RESOLVED", "fatal-only: RESOLVED");
    // Quiet for longer than the window: the next firing is a new incident, told as such...
    assertThat(heard(tick(0.9, t = t.plusSeconds(1_860))))
        .containsExactly("all-warn: [FIRED WARN]");
  }

  @Test
  @DisplayName("a silenced alert is kept but not told; once the silence ends it is told")
  void silencedThenTold() {
    silences.all.add(
        new Silence(
            1,
            Optional.of("api"),
            Optional.empty(),
            Optional.empty(),
            T0.minusSeconds(60),
            T0.plusSeconds(90),
            "alice",
            "deploying"));
    AlertTick silenced = tick(0.9, T0);
    assertThat(heard(silenced)).isEmpty();
    assertThat(silenced.changed()).extracting(Alert::status).containsExactly(AlertStatus.FIRING);
    assertThat(silenced.told()).isEmpty();

    assertThat(heard(tick(0.9, T0.plusSeconds(120)))).containsExactly("all-warn: [FIRED WARN]");
  }

  @Test
  @DisplayName("in quiet hours a warn is held for the summary and a fatal still goes through")
  void quietHours() {
    channels.quiet.add("all-warn");
    AlertTick warn = tick(0.9, T0);
    assertThat(heard(warn)).isEmpty();
    assertThat(warn.held())
        .extracting(h -> h.channelId() + " " + h.event())
        .containsExactly("all-warn FIRED");

    AlertTick fatal = tick(0.97, T0.plusSeconds(60));
    assertThat(heard(fatal))
        .containsExactly("all-warn: [ESCALATED FATAL]", "fatal-only: [ESCALATED FATAL]");
  }

  @Test
  @DisplayName("a broken channel hears nothing until it is mended")
  void brokenChannel() {
    channels.subscriptions.set(
        0,
        new Subscription(
            "all-warn", "guild", AlertSeverity.WARN, java.util.Set.of(), "alice", T0, T0));
    assertThat(heard(tick(0.97, T0))).containsExactly("fatal-only: [FIRED FATAL]");
  }

  @Test
  @DisplayName("when Google cannot be read, nothing is committed")
  void unavailableCommitsNothing() {
    readings.unavailable.add("api");
    assertThatThrownBy(() -> evaluation.tick("api", T0))
        .isInstanceOf(HealthSource.SourceUnavailableException.class);
    assertThat(book.commits).isEmpty();
  }
}
