package dev.lookout.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One firing of an incident as it happened: when it fired, escalated, was acknowledged, silenced,
 * acted on and explained, and when it resolved, in order; and the log lines its explanations cited.
 *
 * @param resolvedAt empty while it still fires
 */
public record IncidentTimeline(
    String incident,
    String service,
    String title,
    AlertSeverity severity,
    Instant firedAt,
    Optional<Instant> acknowledgedAt,
    Optional<String> acknowledgedBy,
    Optional<Instant> resolvedAt,
    List<Entry> entries,
    List<String> evidence) {

  /**
   * Something that happened, by whom (empty for Lookout itself).
   *
   * @param woke whom an escalation step woke, if anyone
   */
  public record Entry(
      Instant at,
      Kind kind,
      Optional<String> actor,
      String text,
      Optional<EscalationPolicy.Target> woke) {
    public Entry(Instant at, Kind kind, Optional<String> actor, String text) {
      this(at, kind, actor, text, Optional.empty());
    }
  }

  public enum Kind {
    FIRED,
    ESCALATED,
    ACKNOWLEDGED,
    SILENCED,
    ACTION,
    EXPLAINED,
    RESOLVED
  }

  public IncidentTimeline {
    entries = List.copyOf(entries);
    evidence = List.copyOf(evidence);
  }

  public Optional<Duration> timeToAcknowledge() {
    return acknowledgedAt.map(a -> Duration.between(firedAt, a));
  }

  public Optional<Duration> timeToResolve() {
    return resolvedAt.map(r -> Duration.between(firedAt, r));
  }
}
