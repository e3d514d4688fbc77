package dev.lookout.reports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The port where hourly usage rollups are kept, and which hours have been read. */
public interface UsageHistory {
  /** The hours in {@code [from, to)} whose usage has been read, even if it was none. */
  Set<Instant> readHours(Instant from, Instant to);

  /** Stores the rollups of {@code hours} (replacing any), marking each hour as read. */
  void save(List<Instant> hours, List<HourlyUsage> rows, Instant now);

  /** The rollups in {@code [from, to)}, of one service or all. */
  List<HourlyUsage> rollups(Instant from, Instant to, Optional<String> service);

  /** Drops rollups older than {@code before}; returns how many. */
  int forget(Instant before);
}
