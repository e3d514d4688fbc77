package dev.lookout.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Each tick: announces each schedule's handoff once the person on call changes, and takes every
 * escalation step that has come due for a firing alert nobody has acknowledged or silenced. Steps
 * are recorded once each, so a restart or a second instance neither skips nor repeats one; steps
 * that came due while the bot was down are all taken, in order.
 */
public final class OnCallRoutine {
  private final OnCallBook book;
  private final OnCallNotices notices;
  private final AlertBook alerts;
  private final Silences silences;
  private final Supplier<List<EscalationPolicy>> policies;

  public OnCallRoutine(
      OnCallBook book,
      OnCallNotices notices,
      AlertBook alerts,
      Silences silences,
      Supplier<List<EscalationPolicy>> policies) {
    this.book = book;
    this.notices = notices;
    this.alerts = alerts;
    this.silences = silences;
    this.policies = policies;
  }

  public void run(Instant now) {
    // Read once per tick: an alert storm must not read the schedules once per alert.
    java.util.Map<String, OnCallSchedule> schedules = new java.util.HashMap<>();
    for (OnCallSchedule s : book.all()) {
      schedules.putIfAbsent(s.name(), s);
      OnCallSchedule.Shift shift = s.at(now);
      Optional<String> announced = book.announced(s.id());
      if (!announced.equals(Optional.of(shift.userId()))) {
        notices.handoff(s, announced, shift, now);
      }
    }
    List<EscalationPolicy> all = policies.get();
    if (all.isEmpty()) {
      return;
    }
    List<Silence> active = silences.active(now);
    for (Alert a : alerts.firing()) {
      if (a.acknowledgedBy() != null
          || a.firingSince() == null
          || NotificationPipeline.silenced(a, active, now)) {
        continue;
      }
      for (EscalationPolicy p : all) {
        if (p.covers(a)) {
          escalate(a, p, Optional.ofNullable(schedules.get(p.schedule())), now);
          break;
        }
      }
    }
  }

  /** When the alert began to be what the policy covers: its firing, or its escalation to fatal. */
  private static Instant since(Alert a, EscalationPolicy p) {
    if (p.severity() == AlertSeverity.FATAL
        && a.fatalSince() != null
        && a.fatalSince().isAfter(a.firingSince())) {
      return a.fatalSince();
    }
    return a.firingSince();
  }

  private void escalate(
      Alert a, EscalationPolicy p, Optional<OnCallSchedule> schedule, Instant now) {
    List<EscalationPolicy.Step> steps = p.steps(schedule.flatMap(OnCallSchedule::role).isPresent());
    if (since(a, p).plus(p.after()).isAfter(now)) {
      return; // the first step is not due yet: nothing to read
    }
    List<EscalationStep> taken = notices.steps(a.incident(), a.firingSince());
    Instant since = since(a, p);
    for (int i = taken.size(); i < steps.size(); i++) {
      Instant due = since.plus(p.after().multipliedBy(i + 1L));
      if (due.isAfter(now)) {
        return;
      }
      EscalationStep step = step(a, p, schedule, i + 1, steps.get(i), now);
      Optional<String> channel =
          notices.cardChannel(a.incident()).or(() -> schedule.map(OnCallSchedule::channelId));
      if (channel.isEmpty()) {
        return; // No card yet and no schedule channel: nowhere to say it; next tick tries again.
      }
      boolean dm =
          p.dm() && step.kind() == EscalationPolicy.Step.ON_CALL && step.target().isPresent();
      notices.escalate(a, step, channel.get(), dm);
    }
  }

  private EscalationStep step(
      Alert a,
      EscalationPolicy p,
      Optional<OnCallSchedule> schedule,
      int number,
      EscalationPolicy.Step kind,
      Instant now) {
    Optional<EscalationPolicy.Target> target = Optional.empty();
    String note;
    switch (kind) {
      case ON_CALL -> {
        if (schedule.isPresent()) {
          OnCallSchedule.Shift shift = schedule.get().at(now);
          target =
              Optional.of(
                  new EscalationPolicy.Target(EscalationPolicy.Target.Kind.USER, shift.userId()));
          note = "on call for " + p.schedule();
        } else {
          note = "no on-call schedule named " + p.schedule();
        }
      }
      case TEAM_ROLE -> {
        Optional<String> role = schedule.flatMap(OnCallSchedule::role);
        target = role.map(r -> new EscalationPolicy.Target(EscalationPolicy.Target.Kind.ROLE, r));
        note =
            role.isPresent()
                ? "team role of " + p.schedule()
                : "schedule " + p.schedule() + " has no team role";
      }
      default -> {
        target = p.fallback();
        note = "fallback of policy " + p.name();
      }
    }
    Duration waited = Duration.between(a.firingSince(), now);
    return new EscalationStep(
        a.incident(),
        a.firingSince(),
        number,
        now,
        p.name(),
        kind,
        target,
        note + ", unacknowledged for " + Math.max(1, waited.toMinutes()) + " min");
  }
}
