package dev.lookout.alerts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The alerts' state as evaluation reads it, and where one service's tick is committed. */
public interface AlertBook {
  /** The stored alert of each rule of {@code service}, by rule id. */
  Map<String, Alert> ofService(String service);

  /** What was last told about an incident, if anything. */
  Optional<NotificationPipeline.Notified> notified(String incident);

  /** An incident's firings in {@code [from, before)}, oldest first. */
  List<java.time.Instant> firings(
      String incident, java.time.Instant from, java.time.Instant before);

  /** Every alert firing now, over all services. */
  List<Alert> firing();

  /**
   * Commits one tick of one service, all or nothing: the alerts' new states, what was told, and the
   * deliveries that tell it.
   */
  void commit(AlertTick tick);
}
