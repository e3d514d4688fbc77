package dev.lookout.intake;

import java.util.Locale;

/**
 * A configured sender: its name, which kind of payload it sends, its secret token, and where its
 * alerts go.
 *
 * @param token compared in constant time with a bearer token or a Basic password
 * @param channels the channels that receive this source's alerts, whatever they subscribed to;
 *     empty to send them to the channels subscribed to their service, as Lookout's own
 */
public record IntakeSource(String name, Kind kind, String token, java.util.List<String> channels) {
  public IntakeSource {
    channels = java.util.List.copyOf(channels);
  }

  public IntakeSource(String name, Kind kind, String token) {
    this(name, kind, token, java.util.List.of());
  }

  /** The payloads Lookout reads, each on its own path. */
  public enum Kind {
    CLOUD_MONITORING,
    ALERTMANAGER;

    /** {@code cloud-monitoring} or {@code alertmanager}: the path and the config value. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Kind parse(String text) {
      for (Kind k : values()) {
        if (k.id().equals(text)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "'" + text + "' is not a kind of intake; allowed: cloud-monitoring, alertmanager");
    }
  }

  @Override
  public String toString() {
    return "IntakeSource[" + name + ", " + kind.id() + ", token=***, channels=" + channels + "]";
  }
}
