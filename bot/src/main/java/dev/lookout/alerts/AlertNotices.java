package dev.lookout.alerts;

import java.time.Instant;

/** Where notices to channels are queued for delivery. */
public interface AlertNotices {
  void tell(String channelId, AlertNotice notice, Instant now);
}
