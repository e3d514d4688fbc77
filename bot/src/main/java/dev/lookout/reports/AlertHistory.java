package dev.lookout.reports;

import java.time.Instant;
import java.util.List;

/** The port that tells which alerts fired in a window, for reports. */
public interface AlertHistory {
  /** Incidents that fired in {@code [from, to)}, oldest first. */
  List<AlertRecord> history(Instant from, Instant to);
}
