package dev.lookout.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Who hears about alerts: the subscribed channels, and which of them are in quiet hours. */
public interface Audience {
  List<Subscription> subscriptions();

  /** Channels whose quiet hours include {@code now}. */
  Set<String> quietAt(Instant now);

  /**
   * The channels that receive every alert of an intake source, whatever they subscribed to; empty
   * when the source's alerts go to the channels subscribed to their service.
   */
  default List<String> sourceChannels(String source) {
    return List.of();
  }
}
