package dev.lookout.operations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port where load drills are kept. Starting one is refused while the service has another
 * running; ending one is a conditional step, written with its audit entry and the edit of its card,
 * so an end taken twice takes effect once.
 */
public interface Drills {
  /**
   * Records a drill as running, with its audit entry and its card queued to the drill's channel.
   *
   * @throws DrillRunningException when the service already has a running drill
   */
  LoadDrill start(LoadDrill drill, AuditEntry audit);

  /**
   * Ends a running drill with its outcome and audit entry.
   *
   * @return the drill as ended, or empty when it was no longer running
   */
  Optional<LoadDrill> finish(
      long id,
      DrillStatus status,
      Optional<String> verdict,
      Optional<String> peak,
      Optional<String> detail,
      AuditEntry audit);

  Optional<LoadDrill> find(long id);

  /** The service's running drill, if any. */
  Optional<LoadDrill> running(String service);

  /** Every running drill, oldest first. */
  List<LoadDrill> running();

  /**
   * Alerts about {@code service} that fired between {@code from} and {@code to} and whose message
   * reached a channel: the evidence a fire drill is judged by.
   */
  List<DeliveredAlert> alertsDelivered(String service, Instant from, Instant to);

  /** An alert whose message reached a channel, with the severity it has reached. */
  record DeliveredAlert(
      String channelId, Instant at, String title, dev.lookout.alerts.AlertSeverity severity) {}

  /** Another drill runs on the service. */
  final class DrillRunningException extends RuntimeException {
    private final transient LoadDrill running;

    public DrillRunningException(LoadDrill running) {
      super("drill " + running.label() + " is running");
      this.running = running;
    }

    public LoadDrill running() {
      return running;
    }
  }
}
