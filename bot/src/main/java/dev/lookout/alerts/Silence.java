package dev.lookout.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Quiets the alerts it matches until it expires. Every part of the matcher that is set must match;
 * an empty matcher is refused, so a silence cannot quiet everything by accident.
 */
public record Silence(
    long id,
    Optional<String> service,
    Optional<String> ruleId,
    Optional<AlertSeverity> severity,
    Instant createdAt,
    Instant expiresAt,
    String author,
    String comment) {

  /** The longest silence allowed: anything longer should be a config change. */
  public static final Duration MAX = Duration.ofDays(7);

  /** The shortest silence: anything shorter is a typo. */
  public static final Duration MIN = Duration.ofMinutes(1);

  public Silence {
    if (service.isEmpty() && ruleId.isEmpty() && severity.isEmpty()) {
      throw new IllegalArgumentException(
          "a silence needs a service, a rule or a severity to match");
    }
    if (comment == null || comment.isBlank()) {
      throw new IllegalArgumentException("a silence needs a comment saying why");
    }
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("a silence must last some time");
    }
    if (Duration.between(createdAt, expiresAt).compareTo(MAX) > 0) {
      throw new IllegalArgumentException("a silence may last at most 7 days");
    }
  }

  public boolean matches(Alert alert) {
    return service.map(s -> s.equals(alert.service())).orElse(true)
        && ruleId.map(r -> r.equals(alert.ruleId())).orElse(true)
        && severity.map(s -> s == alert.severity()).orElse(true);
  }

  public boolean activeAt(Instant now) {
    return !now.isBefore(createdAt) && now.isBefore(expiresAt);
  }

  /** The matcher as people read it: {@code service=consumer rule=cpu}. */
  public String matcher() {
    StringBuilder b = new StringBuilder();
    service.ifPresent(s -> b.append("service=").append(s).append(' '));
    ruleId.ifPresent(r -> b.append("rule=").append(r).append(' '));
    severity.ifPresent(s -> b.append("severity=").append(s.id()).append(' '));
    return b.toString().strip();
  }
}
