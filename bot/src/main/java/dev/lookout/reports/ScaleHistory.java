package dev.lookout.reports;

import java.time.Instant;
import java.util.Map;

/** The port that tells how often each service was scaled, for reports. */
public interface ScaleHistory {
  /** Changes applied in {@code [from, to)} (rollbacks included), counted per service. */
  Map<String, Integer> appliedPerService(Instant from, Instant to);
}
