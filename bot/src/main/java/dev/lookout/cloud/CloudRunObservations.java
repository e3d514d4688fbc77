package dev.lookout.cloud;

import dev.lookout.alerts.LogPatternRule;
import dev.lookout.alerts.Observation;
import dev.lookout.alerts.ObservationSource;
import dev.lookout.health.HealthSource;
import dev.lookout.health.ServiceHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Observes a service for alerting: its health over 15 minutes and its recent error logs. */
public final class CloudRunObservations implements ObservationSource {
  private static final Duration HEALTH_WINDOW = Duration.ofMinutes(15);

  private final HealthSource health;
  private final CloudRunLogs logs;
  private final Clock clock;

  public CloudRunObservations(HealthSource health, CloudRunLogs logs, Clock clock) {
    this.health = health;
    this.logs = logs;
    this.clock = clock;
  }

  @Override
  public Observation observe(String service, List<LogPatternRule> patterns) {
    Instant now = clock.instant();
    ServiceHealth h = health.read(service, HEALTH_WINDOW);
    int errors = logs.count(service, "severity>=ERROR", now.minusSeconds(60));
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (LogPatternRule p : patterns) {
      counts.put(
          p.id(),
          logs.count(service, "\"" + p.text().replace("\"", "") + "\"", now.minus(p.window())));
    }
    return new Observation(service, now, h, errors, counts);
  }
}
