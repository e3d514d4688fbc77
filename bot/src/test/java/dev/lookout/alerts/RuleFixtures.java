package dev.lookout.alerts;

import dev.lookout.health.ServiceHealth;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

/** Observations for rule tests. */
final class RuleFixtures {
  private RuleFixtures() {}

  static Observation observation(String service, Instant at, double cpu) {
    return observation(service, at, cpu, 2, 10, OptionalDouble.empty(), 0, Map.of());
  }

  static Observation observation(
      String service,
      Instant at,
      double cpu,
      int instances,
      int max,
      OptionalDouble queue,
      double errorsPerMinute,
      Map<String, Integer> patterns) {
    ServiceHealth.Points none = ServiceHealth.Points.empty();
    ServiceHealth health =
        new ServiceHealth(
            service,
            service + "-00001-abc",
            OptionalDouble.of(cpu),
            OptionalDouble.of(cpu / 2),
            OptionalDouble.of(0.4),
            instances,
            0,
            0,
            max,
            OptionalDouble.of(10),
            OptionalDouble.of(0),
            OptionalDouble.of(50),
            OptionalDouble.of(80),
            OptionalDouble.of(120),
            queue,
            at,
            new ServiceHealth.Series(none, none, none, none, none));
    return new Observation(service, at, health, errorsPerMinute, patterns);
  }
}
