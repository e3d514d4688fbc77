package dev.lookout.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is woken, step by step, when an alert stays unacknowledged: the person on call on {@code
 * schedule} once the alert has fired for {@code after}, then the schedule's team role after another
 * {@code after}, then the fallback. Acknowledging or silencing the alert stops it.
 *
 * @param services the services it covers; empty for every service
 * @param severity the least severity it covers (fatal by default)
 * @param dm whether the person on call also gets a direct message at the first step
 */
public record EscalationPolicy(
    String name,
    Set<String> services,
    AlertSeverity severity,
    String schedule,
    Duration after,
    Optional<Target> fallback,
    boolean dm) {
  public static final Duration DEFAULT_AFTER = Duration.ofMinutes(5);

  public EscalationPolicy {
    services = Set.copyOf(services);
    if (after.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("escalation waits at least a minute between steps");
    }
  }

  /** Someone to mention: a user by id, or a role by id or name. */
  public record Target(Kind kind, String value) {
    public enum Kind {
      USER,
      ROLE
    }
  }

  /** The kinds of step, in order. */
  public enum Step {
    /** The person on call on the schedule now. */
    ON_CALL,
    /** The schedule's team role. */
    TEAM_ROLE,
    /** The policy's fallback person or role. */
    FALLBACK
  }

  public boolean covers(Alert a) {
    return (services.isEmpty() || services.contains(a.service()))
        && (severity == AlertSeverity.WARN || a.severity() == AlertSeverity.FATAL);
  }

  /**
   * The steps this policy takes, in order: the person on call always (a missing schedule is said on
   * the card), the team role when the schedule has one, the fallback when the policy has one.
   */
  public List<Step> steps(boolean teamRole) {
    List<Step> out = new java.util.ArrayList<>(List.of(Step.ON_CALL));
    if (teamRole) {
      out.add(Step.TEAM_ROLE);
    }
    if (fallback.isPresent()) {
      out.add(Step.FALLBACK);
    }
    return List.copyOf(out);
  }
}
