package dev.lookout.alerts;

import java.util.List;

/** Where a poll's observations come from: Cloud Monitoring and Cloud Logging, behind a port. */
public interface ObservationSource {
  /**
   * @throws dev.lookout.health.HealthSource.SourceUnavailableException when Google cannot be
   *     reached
   */
  Observation observe(String service, List<LogPatternRule> patterns);
}
