package dev.lookout.alerts;

import dev.lookout.reports.HeldAlert;
import java.time.Instant;
import java.util.List;

/**
 * What one service's alerting tick decided, to be committed together.
 *
 * @param changed alerts whose state changed (resolved ones are kept for their history)
 * @param dropped rule ids whose pending alert ended without firing
 * @param told the events the deliveries tell, each the current state of its alert
 * @param deliveries the messages to post or edit, per channel
 * @param held warn alerts not posted because their channel is in quiet hours
 */
public record AlertTick(
    String service,
    List<Alert> changed,
    List<String> dropped,
    List<AlertEvent> told,
    List<Delivery> deliveries,
    List<HeldAlert> held,
    Instant at) {
  public AlertTick {
    changed = List.copyOf(changed);
    dropped = List.copyOf(dropped);
    told = List.copyOf(told);
    deliveries = List.copyOf(deliveries);
    held = List.copyOf(held);
  }

  /** A message for one channel. */
  public sealed interface Delivery {
    String channelId();
  }

  /** Post the alerts of a notification (fired, escalated or reminded) in a channel. */
  public record Post(String channelId, AlertPost post) implements Delivery {}

  /** Edit the card of a flapping alert in a channel in place, or post it if there is none. */
  public record Flap(String channelId, AlertPost post) implements Delivery {}

  /** Edit the message that carries a resolved alert in a channel. */
  public record Resolution(String channelId, AlertEvent event) implements Delivery {}
}
