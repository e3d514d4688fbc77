package dev.lookout.reports;

import java.time.Duration;
import java.time.ZoneId;

/**
 * How reports are built.
 *
 * @param zone the time zone whose calendar days a /report covers when none is given
 * @param retention how far back reports reach; rollups older than this are dropped
 * @param monitoringRetention how far back Cloud Monitoring still holds the points a rollup is read
 *     from (six weeks for Cloud Run's metrics)
 */
public record ReportSettings(ZoneId zone, Duration retention, Duration monitoringRetention) {
  public static ReportSettings defaults() {
    return new ReportSettings(ZoneId.of("UTC"), Duration.ofDays(400), Duration.ofDays(42));
  }
}
