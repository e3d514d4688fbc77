package dev.lookout.alerts;

import static dev.lookout.alerts.AlertFakes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Handoffs and escalation steps over fakes of their ports: what is recorded, and when. */
class OnCallRoutineTest {
  private final AlertFakes.Book alerts = new AlertFakes.Book();
  private final AlertFakes.SilenceList silences = new AlertFakes.SilenceList();
  private final Notices notices = new Notices();
  private final Map<String, OnCallSchedule> schedules = new HashMap<>();
  private final Map<Long, String> announced = new HashMap<>();

  private final OnCallBook book =
      new OnCallBook() {
        @Override
        public List<OnCallSchedule> all() {
          return List.copyOf(schedules.values());
        }

        @Override
        public Optional<String> announced(long id) {
          return Optional.ofNullable(announced.get(id));
        }
      };

  /** Records steps once each, as the store's key does, and handoffs. */
  final class Notices implements OnCallNotices {
    final List<EscalationStep> taken = new ArrayList<>();
    final List<String> handoffs = new ArrayList<>();

    @Override
    public void handoff(
        OnCallSchedule s, Optional<String> from, OnCallSchedule.Shift to, Instant now) {
      handoffs.add(from.orElse("-") + "→" + to.userId());
      announced.put(s.id(), to.userId());
    }

    @Override
    public List<EscalationStep> steps(String incident, Instant firedAt) {
      return taken.stream()
          .filter(s -> s.incident().equals(incident) && s.firedAt().equals(firedAt))
          .toList();
    }

    @Override
    public void escalate(Alert alert, EscalationStep step, String channelId, boolean dm) {
      if (steps(step.incident(), step.firedAt()).stream()
          .noneMatch(s -> s.number() == step.number())) {
        taken.add(step);
      }
    }

    @Override
    public Optional<String> cardChannel(String incident) {
      return Optional.of("alerts");
    }
  }

  private OnCallRoutine routine(Optional<EscalationPolicy.Target> fallback) {
    return new OnCallRoutine(
        book,
        notices,
        alerts,
        silences,
        () ->
            List.of(
                new EscalationPolicy(
                    "pages",
                    Set.of(),
                    AlertSeverity.FATAL,
                    "primary",
                    Duration.ofMinutes(5),
                    fallback,
                    true)));
  }

  private void schedule(Optional<String> role) {
    schedules.put(
        "primary",
        new OnCallSchedule(
            1,
            "g",
            "primary",
            OnCallSchedule.Rotation.DAILY,
            LocalTime.of(9, 0),
            DayOfWeek.MONDAY,
            ZoneOffset.UTC,
            LocalDate.of(2026, 11, 22),
            List.of("ana", "ben"),
            role,
            "ops",
            List.of()));
  }

  private void firing(AlertSeverity severity, String acknowledgedBy) {
    alerts.byService.put(
        "api",
        Map.of(
            "cpu",
            new Alert(
                "api",
                "cpu",
                "CPU high",
                AlertStatus.FIRING,
                severity,
                T0,
                severity == AlertSeverity.FATAL ? T0 : null,
                T0,
                null,
                0.99,
                0.95,
                "",
                "",
                acknowledgedBy,
                T0)));
  }

  private List<String> taken() {
    return notices.taken.stream()
        .map(s -> s.number() + " " + s.kind() + " " + s.target().map(t -> t.value()).orElse("-"))
        .toList();
  }

  @Test
  @DisplayName(
      "each step comes due one interval after the last; steps overdue after an outage are all taken, in order, once")
  void stepsInOrder() {
    schedule(Optional.of("team"));
    firing(AlertSeverity.FATAL, null);
    OnCallRoutine r =
        routine(
            Optional.of(new EscalationPolicy.Target(EscalationPolicy.Target.Kind.USER, "boss")));
    r.run(T0.plusSeconds(299));
    assertThat(taken()).isEmpty();
    r.run(T0.plusSeconds(300));
    assertThat(taken()).containsExactly("1 ON_CALL ana");
    r.run(T0.plusSeconds(360));
    assertThat(taken()).hasSize(1);
    // Down from 6 to 16 min: steps 2 and 3 are both due, and both taken once, in order.
    OnCallRoutine restarted =
        routine(
            Optional.of(new EscalationPolicy.Target(EscalationPolicy.Target.Kind.USER, "boss")));
    restarted.run(T0.plusSeconds(960));
    restarted.run(T0.plusSeconds(1020));
    assertThat(taken()).containsExactly("1 ON_CALL ana", "2 TEAM_ROLE team", "3 FALLBACK boss");
  }

  @Test
  @DisplayName(
      "acknowledged, silenced, or only a warn under a fatal policy: nobody is woken; a missing schedule is said")
  void whenNot() {
    firing(AlertSeverity.WARN, null);
    routine(Optional.empty()).run(T0.plusSeconds(3600));
    assertThat(taken()).isEmpty();

    firing(AlertSeverity.FATAL, "dave");
    routine(Optional.empty()).run(T0.plusSeconds(3600));
    assertThat(taken()).isEmpty();

    firing(AlertSeverity.FATAL, null);
    silences.all.add(
        new Silence(
            1,
            Optional.of("api"),
            Optional.empty(),
            Optional.empty(),
            T0,
            T0.plusSeconds(7200),
            "ana",
            "deploying"));
    routine(Optional.empty()).run(T0.plusSeconds(3600));
    assertThat(taken()).isEmpty();

    silences.all.clear();
    routine(Optional.empty()).run(T0.plusSeconds(3600));
    assertThat(notices.taken)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.target()).isEmpty();
              assertThat(s.note()).startsWith("no on-call schedule named primary");
            });
  }

  @Test
  @DisplayName("a handoff is announced once when the person on call changes")
  void handoffs() {
    schedule(Optional.empty());
    announced.put(1L, "ana");
    OnCallRoutine r = routine(Optional.empty());
    r.run(Instant.parse("2026-11-22T12:00:00Z"));
    assertThat(notices.handoffs).isEmpty();
    r.run(Instant.parse("2026-11-23T09:00:00Z"));
    r.run(Instant.parse("2026-11-23T09:01:00Z"));
    assertThat(notices.handoffs).containsExactly("ana→ben");
  }
}
