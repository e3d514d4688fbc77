package dev.lookout.operations;

import dev.lookout.alerts.AlertPost;
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
   * Alert messages about {@code service} delivered to a channel whose alerts were raised between
   * {@code from} and {@code to}: the evidence a fire drill is judged by.
   */
  List<DeliveredAlert> alertsDelivered(String service, Instant from, Instant to);

  /** An alert message that reached a channel. */
  record DeliveredAlert(String channelId, Instant at, AlertPost post) {}

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
