package dev.lookout.alerts;

import dev.lookout.health.ServiceHealth;
import java.util.Map;

/**
 * An alert message to post in one channel: the notification (as much of it as the channel wants),
 * and the recent values of each alert's figure for its chart, by rule id.
 */
public record AlertPost(Notification notification, Map<String, ServiceHealth.Points> charts) {
  public AlertPost {
    charts = Map.copyOf(charts);
  }
}
