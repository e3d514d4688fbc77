package dev.lookout.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads health through a {@link HealthSource} and remembers the last good reading of each service,
 * so that when Google cannot be reached a card can still show the last known figures and say how
 * old they are.
 */
public final class HealthReports {
  private final HealthSource source;
  private final Clock clock;
  private final Map<String, ServiceHealth> lastGood = new ConcurrentHashMap<>();
  private volatile Instant lastSuccess;

  public HealthReports(HealthSource source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  /**
   * A service's health as well as it can be known now.
   *
   * @param health the figures: fresh, or the last good ones when {@code problem} is set
   * @param problem why the figures are not fresh, if they are not
   */
  public record Report(
      String service, Optional<ServiceHealth> health, Optional<String> problem, Instant readAt) {
    /** How old the figures are at {@code readAt}. */
    public Optional<Duration> age() {
      return health.map(h -> Duration.between(h.dataTime(), readAt));
    }
  }

  /**
   * @throws HealthSource.UnknownServiceException when the project has no such service
   */
  public Report read(String service, Duration window) {
    Instant now = clock.instant();
    try {
      ServiceHealth health = source.read(service, window);
      lastGood.put(service, health);
      lastSuccess = now;
      return new Report(service, Optional.of(health), Optional.empty(), now);
    } catch (HealthSource.SourceUnavailableException e) {
      return new Report(
          service, Optional.ofNullable(lastGood.get(service)), Optional.of(e.getMessage()), now);
    }
  }

  /** The services to show in an overview. */
  public java.util.List<String> services() {
    java.util.List<String> services = source.services();
    lastSuccess = clock.instant();
    return services;
  }

  /** When a call to Google last succeeded, if ever; {@code /healthz} reports it. */
  public Optional<Instant> lastSuccess() {
    return Optional.ofNullable(lastSuccess);
  }
}
