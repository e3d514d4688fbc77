package dev.lookout.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotificationPipelineTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private final NotificationPipeline pipeline = new NotificationPipeline(Duration.ofHours(1));
  private final Map<String, NotificationPipeline.Notified> log = new HashMap<>();

  private static Alert alert(
      String service, String rule, AlertSeverity severity, AlertStatus status) {
    return new Alert(
        service,
        rule,
        rule + " high",
        status,
        severity,
        NOW,
        null,
        NOW,
        null,
        0.9,
        0.8,
        "detail",
        "runbook",
        null,
        NOW);
  }

  private static AlertEvent fired(String service, String rule, AlertSeverity severity) {
    return new AlertEvent(
        AlertEvent.Kind.FIRED, alert(service, rule, severity, AlertStatus.FIRING));
  }

  private List<Notification> run(
      List<AlertEvent> events, List<Alert> firing, List<Silence> silences) {
    return pipeline.run(events, firing, silences, k -> Optional.ofNullable(log.get(k)), NOW);
  }

  @Test
  @DisplayName("group: one notification per service, carrying all its alerts")
  void groups() {
    List<Notification> out =
        run(
            List.of(
                fired("api", "cpu", AlertSeverity.WARN),
                fired("api", "memory", AlertSeverity.FATAL),
                fired("worker", "cpu", AlertSeverity.WARN)),
            List.of(),
            List.of());
    assertThat(out).extracting(Notification::service).containsExactly("api", "worker");
    assertThat(out.get(0).events()).hasSize(2);
    assertThat(out.get(0).severity()).isEqualTo(AlertSeverity.FATAL);
  }

  @Test
  @DisplayName("silence: matched alerts post nothing; expired silences do not match")
  void silences() {
    Silence api =
        new Silence(
            1,
            Optional.of("api"),
            Optional.empty(),
            Optional.empty(),
            NOW.minusSeconds(60),
            NOW.plusSeconds(3600),
            "alice",
            "deploying");
    Silence expired =
        new Silence(
            2,
            Optional.of("worker"),
            Optional.empty(),
            Optional.empty(),
            NOW.minusSeconds(7200),
            NOW.minusSeconds(60),
            "bob",
            "old");
    List<Notification> out =
        run(
            List.of(
                fired("api", "cpu", AlertSeverity.WARN),
                fired("worker", "cpu", AlertSeverity.WARN)),
            List.of(),
            List.of(api, expired));
    assertThat(out).extracting(Notification::service).containsExactly("worker");
  }

  @Test
  @DisplayName("dedup: the same state is not told twice, an escalation is")
  void dedup() {
    log.put(
        "api/cpu",
        new NotificationPipeline.Notified(
            AlertSeverity.WARN, AlertStatus.FIRING, NOW.minusSeconds(60)));
    assertThat(run(List.of(fired("api", "cpu", AlertSeverity.WARN)), List.of(), List.of()))
        .isEmpty();
    assertThat(run(List.of(fired("api", "cpu", AlertSeverity.FATAL)), List.of(), List.of()))
        .hasSize(1);
    AlertEvent resolved =
        new AlertEvent(
            AlertEvent.Kind.RESOLVED,
            alert("api", "cpu", AlertSeverity.WARN, AlertStatus.RESOLVED));
    assertThat(run(List.of(resolved), List.of(), List.of())).hasSize(1);
    AlertEvent neverTold =
        new AlertEvent(
            AlertEvent.Kind.RESOLVED,
            alert("api", "memory", AlertSeverity.WARN, AlertStatus.RESOLVED));
    assertThat(run(List.of(neverTold), List.of(), List.of()))
        .as("a resolution nobody was told of the start of")
        .isEmpty();
  }

  @Test
  @DisplayName("repeat: a reminder after the interval, none when acknowledged or silenced")
  void repeat() {
    Alert firing = alert("api", "cpu", AlertSeverity.WARN, AlertStatus.FIRING);
    log.put(
        "api/cpu",
        new NotificationPipeline.Notified(
            AlertSeverity.WARN, AlertStatus.FIRING, NOW.minus(Duration.ofMinutes(59))));
    assertThat(run(List.of(), List.of(firing), List.of())).isEmpty();
    log.put(
        "api/cpu",
        new NotificationPipeline.Notified(
            AlertSeverity.WARN, AlertStatus.FIRING, NOW.minus(Duration.ofMinutes(60))));
    List<Notification> out = run(List.of(), List.of(firing), List.of());
    assertThat(out).hasSize(1);
    assertThat(out.get(0).events().get(0).kind()).isEqualTo(AlertEvent.Kind.REMINDER);
    assertThat(run(List.of(), List.of(firing.acknowledged("alice")), List.of())).isEmpty();
    Silence quiet =
        new Silence(
            3,
            Optional.empty(),
            Optional.of("cpu"),
            Optional.empty(),
            NOW.minusSeconds(1),
            NOW.plusSeconds(600),
            "bob",
            "known");
    assertThat(run(List.of(), List.of(firing), List.of(quiet))).isEmpty();
  }

  @Test
  @DisplayName("silences need a matcher and a comment, and are bounded")
  void silenceRules() {
    assertThatThrownBy(
            () ->
                new Silence(
                    1,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    NOW,
                    NOW.plusSeconds(60),
                    "a",
                    "x"))
        .hasMessageContaining("needs a service, a rule or a severity");
    assertThatThrownBy(
            () ->
                new Silence(
                    1,
                    Optional.of("api"),
                    Optional.empty(),
                    Optional.empty(),
                    NOW,
                    NOW.plusSeconds(60),
                    "a",
                    " "))
        .hasMessageContaining("comment");
    assertThatThrownBy(
            () ->
                new Silence(
                    1,
                    Optional.of("api"),
                    Optional.empty(),
                    Optional.empty(),
                    NOW,
                    NOW.plus(Duration.ofDays(8)),
                    "a",
                    "x"))
        .hasMessageContaining("at most 7 days");
  }
}
