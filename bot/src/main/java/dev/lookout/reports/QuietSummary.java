package dev.lookout.reports;

import java.time.Instant;
import java.util.List;

/** What a channel's quiet hours held back, posted once they end. */
public record QuietSummary(String quiet, List<Line> lines) {
  /**
   * One held alert: what happened to it while quiet ("fired → reminder → resolved"), when it was
   * first held, and whether it still fires now.
   */
  public record Line(
      String service, String title, String events, Instant at, boolean stillFiring) {}

  /** One line per incident, in the order they were first held. */
  public static QuietSummary of(
      String quiet, List<dev.lookout.reports.HeldAlert> held, java.util.Set<String> firing) {
    java.util.Map<String, List<dev.lookout.reports.HeldAlert>> byIncident =
        new java.util.LinkedHashMap<>();
    for (var h : held) {
      byIncident.computeIfAbsent(h.incident(), k -> new java.util.ArrayList<>()).add(h);
    }
    List<Line> lines = new java.util.ArrayList<>();
    byIncident.forEach(
        (incident, events) -> {
          List<String> kinds = new java.util.ArrayList<>();
          for (var h : events) {
            String kind = h.event().toLowerCase(java.util.Locale.ROOT);
            if (kinds.isEmpty() || !kinds.getLast().equals(kind)) {
              kinds.add(kind);
            }
          }
          var first = events.getFirst();
          lines.add(
              new Line(
                  first.service(),
                  events.getLast().title(),
                  String.join(" → ", kinds),
                  first.at(),
                  firing.contains(incident)));
        });
    return new QuietSummary(quiet, lines);
  }
}
