package dev.lookout.reports;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A channel's quiet hours: from {@code starts} to {@code ends} local time, wrapping past midnight
 * when {@code ends} is earlier. Warn alerts are held then; fatal ones always go through.
 */
public record QuietHours(
    String channelId, LocalTime starts, LocalTime ends, ZoneId zone, String createdBy) {

  public QuietHours {
    if (starts.equals(ends)) {
      throw new IllegalArgumentException("quiet hours must start and end at different times");
    }
  }

  public boolean isQuietAt(Instant at) {
    LocalTime local = at.atZone(zone).toLocalTime();
    return starts.isBefore(ends)
        ? !local.isBefore(starts) && local.isBefore(ends)
        : !local.isBefore(starts) || local.isBefore(ends);
  }

  /** "22:00–07:00 Europe/Berlin". */
  public String describe() {
    return starts + "–" + ends + " " + zone.getId();
  }
}
