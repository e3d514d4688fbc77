package dev.lookout.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a tick's alert events into the notifications worth sending, in Alertmanager's order of
 * small stages: group, silence, dedup, repeat. Sending (routing to subscribed channels through the
 * outbox) is the caller's last stage.
 */
public final class NotificationPipeline {
  /**
   * What was last told about an incident, so nothing is told twice.
   *
   * @param spell the flapping spell it was told as part of, or null
   */
  public record Notified(
      AlertSeverity severity, AlertStatus status, Instant at, Flapping.Spell spell) {
    public Notified(AlertSeverity severity, AlertStatus status, Instant at) {
      this(severity, status, at, null);
    }
  }

  /** An incident's earlier firings in {@code [from, before)}, oldest first. */
  @FunctionalInterface
  public interface Firings {
    List<Instant> between(String incident, Instant from, Instant before);

    Firings NONE = (incident, from, before) -> List.of();
  }

  private final Duration repeatEvery;
  private final Flapping flapping;

  public NotificationPipeline(Duration repeatEvery) {
    this(repeatEvery, Flapping.off());
  }

  public NotificationPipeline(Duration repeatEvery, Flapping flapping) {
    if (repeatEvery.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("reminders may repeat at most once a minute");
    }
    this.repeatEvery = repeatEvery;
    this.flapping = flapping;
  }

  /**
   * @param events this tick's events, of any services
   * @param firing every alert now firing, for reminders
   * @param silences the silences in force
   * @param notified what was last told per incident ({@link Alert#incident()})
   */
  public List<Notification> run(
      List<AlertEvent> events,
      List<Alert> firing,
      List<Silence> silences,
      Function<String, Optional<Notified>> notified,
      Instant now) {
    return run(events, firing, silences, notified, Firings.NONE, now);
  }

  /**
   * @param firings each incident's earlier firings, which tell whether it flaps
   */
  public List<Notification> run(
      List<AlertEvent> events,
      List<Alert> firing,
      List<Silence> silences,
      Function<String, Optional<Notified>> notified,
      Firings firings,
      Instant now) {
    List<Notification> out = new ArrayList<>();
    for (Notification n : group(events, now)) {
      n = silence(n, silences, now);
      n = dedup(n, notified);
      n = flap(n, notified, firings, now);
      out.add(n);
    }
    for (Notification reminder : repeat(firing, silences, notified, now)) {
      boolean merged = false;
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).service().equals(reminder.service())) {
          List<AlertEvent> all = new ArrayList<>(out.get(i).events());
          all.addAll(reminder.events());
          out.set(i, out.get(i).with(all));
          merged = true;
        }
      }
      if (!merged) {
        out.add(reminder);
      }
    }
    out.removeIf(Notification::isEmpty);
    return out;
  }

  /** Stage 1: one notification per service per tick, carrying all its events. */
  static List<Notification> group(List<AlertEvent> events, Instant now) {
    Map<String, List<AlertEvent>> byService = new LinkedHashMap<>();
    for (AlertEvent e : events) {
      byService.computeIfAbsent(e.alert().service(), s -> new ArrayList<>()).add(e);
    }
    List<Notification> out = new ArrayList<>();
    byService.forEach((service, list) -> out.add(new Notification(service, now, list)));
    return out;
  }

  /** Stage 2: events of silenced alerts are dropped. */
  static Notification silence(Notification n, List<Silence> silences, Instant now) {
    return n.with(n.events().stream().filter(e -> !silenced(e.alert(), silences, now)).toList());
  }

  static boolean silenced(Alert alert, List<Silence> silences, Instant now) {
    return silences.stream().anyMatch(s -> s.activeAt(now) && s.matches(alert));
  }

  /** Stage 3: an event that says what was already said is dropped. */
  static Notification dedup(Notification n, Function<String, Optional<Notified>> notified) {
    return n.with(
        n.events().stream()
            .filter(
                e ->
                    notified
                        .apply(e.alert().incident())
                        .map(
                            last ->
                                last.severity() != e.alert().severity()
                                    || last.status() != e.alert().status())
                        .orElse(e.kind() != AlertEvent.Kind.RESOLVED))
            .toList());
  }

  /**
   * Stage 4: a warn alert that fired often enough within the window, or that fires or resolves
   * again within the window of its spell, is told as part of its flapping spell, which edits one
   * card in place. A fatal alert, an escalation and a reminder are told as they are, and end the
   * spell.
   */
  Notification flap(
      Notification n, Function<String, Optional<Notified>> notified, Firings firings, Instant now) {
    if (!flapping.enabled()) {
      return n;
    }
    List<AlertEvent> out = new ArrayList<>();
    for (AlertEvent e : n.events()) {
      Alert a = e.alert();
      if (a.severity() != AlertSeverity.WARN
          || (e.kind() != AlertEvent.Kind.FIRED && e.kind() != AlertEvent.Kind.RESOLVED)) {
        out.add(e);
        continue;
      }
      Optional<Notified> last = notified.apply(a.incident());
      Optional<Flapping.Spell> going =
          last.filter(l -> l.spell() != null && flapping.goesOn(l.at(), now)).map(Notified::spell);
      Optional<Flapping.Spell> spell;
      if (e.kind() == AlertEvent.Kind.RESOLVED) {
        spell = going;
      } else if (going.isPresent()) {
        spell = going.map(Flapping.Spell::again);
      } else {
        Instant fired = a.firingSince() == null ? now : a.firingSince();
        spell =
            flapping.starts(
                firings.between(a.incident(), now.minus(flapping.within()), fired), fired);
      }
      out.add(spell.map(s -> new AlertEvent(AlertEvent.Kind.FLAPPING, a, s)).orElse(e));
    }
    return n.with(out);
  }

  /** Stage 5: a reminder for each unacknowledged, unsilenced alert not told of for a while. */
  List<Notification> repeat(
      List<Alert> firing,
      List<Silence> silences,
      Function<String, Optional<Notified>> notified,
      Instant now) {
    List<AlertEvent> reminders = new ArrayList<>();
    for (Alert a : firing) {
      if (a.status() != AlertStatus.FIRING
          || a.acknowledgedBy() != null
          || silenced(a, silences, now)) {
        continue;
      }
      Optional<Notified> last = notified.apply(a.incident());
      if (last.isPresent() && !last.get().at().plus(repeatEvery).isAfter(now)) {
        reminders.add(new AlertEvent(AlertEvent.Kind.REMINDER, a));
      }
    }
    return group(reminders, now);
  }
}
