package dev.lookout.reports;

import java.time.ZoneId;
import java.util.Optional;

/**
 * Reads the time zones people type: IANA names such as {@code Europe/Berlin}, in any case, or UTC.
 */
public final class Zones {
  private Zones() {}

  public static Optional<ZoneId> parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.equalsIgnoreCase("UTC") || t.equalsIgnoreCase("Etc/UTC")) {
      return Optional.of(ZoneId.of("UTC"));
    }
    if (t.isEmpty() || t.length() > 64 || !t.contains("/")) {
      return Optional.empty();
    }
    for (String id : ZoneId.getAvailableZoneIds()) {
      if (id.equalsIgnoreCase(t)) {
        return Optional.of(ZoneId.of(id));
      }
    }
    return Optional.empty();
  }

  /** What to say when a zone is not understood. */
  public static String refusal(String text) {
    return dev.lookout.knowledge.Inputs.echo(text)
        + " is not a time zone. Use an IANA name such as `Europe/Berlin`, `America/New_York`"
        + " or `UTC`. Nothing was changed.";
  }
}
