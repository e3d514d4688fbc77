package dev.lookout.alerts;

/** A word to a channel about alerting itself, rather than about one alert. */
public sealed interface AlertNotice {
  /** A silence ran out while an alert it covered still fires. */
  record SilenceRanOut(
      long silenceId, String matcher, String author, String comment, String service, String title)
      implements AlertNotice {}

  /** Google kept failing: alerts cannot be evaluated. */
  record MonitoringDegraded(String problem) implements AlertNotice {}

  /** Google answers again after a degraded spell. */
  record MonitoringRecovered() implements AlertNotice {}
}
