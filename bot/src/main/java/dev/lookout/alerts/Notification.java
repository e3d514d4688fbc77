package dev.lookout.alerts;

import java.time.Instant;
import java.util.List;

/**
 * What one service's tick has to say: its alert events, grouped into one message. Stages of the
 * pipeline take events out (silence, dedup) or add them (repeat); an empty notification is not
 * sent.
 */
public record Notification(String service, Instant at, List<AlertEvent> events) {
  public Notification {
    events = List.copyOf(events);
  }

  public boolean isEmpty() {
    return events.isEmpty();
  }

  public Notification with(List<AlertEvent> newEvents) {
    return new Notification(service, at, newEvents);
  }

  /** The worst severity among the events, which colours the message. */
  public AlertSeverity severity() {
    return events.stream()
        .map(e -> e.alert().severity())
        .filter(s -> s == AlertSeverity.FATAL)
        .findFirst()
        .orElse(AlertSeverity.WARN);
  }
}
