package dev.lookout.reports;

import java.time.Instant;
import java.util.List;

/** What a channel's quiet hours held back, posted once they end. */
public record QuietSummary(String quiet, List<Line> lines) {
  /** One held alert event, and whether its alert still fires now. */
  public record Line(String service, String title, String event, Instant at, boolean stillFiring) {}
}
