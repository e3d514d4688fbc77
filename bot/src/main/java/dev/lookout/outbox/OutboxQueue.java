package dev.lookout.outbox;

import java.time.Instant;
import java.util.List;

/** The port where messages owed to channels wait, oldest first, until they are delivered. */
public interface OutboxQueue {
  /** Entries neither delivered nor given up, oldest first. */
  List<OutboxEntry> pending(int limit);

  /**
   * Claims an entry for the leader holding {@code fence}; false when it was delivered, given up or
   * claimed by a newer leader meanwhile.
   */
  boolean claim(long id, long fence);

  /** Counts a failed try and makes the entry wait until {@code next}. */
  void retryAt(long id, Instant next);

  /** Makes every waiting entry due now, its backoff started again; returns how many waited. */
  int resetBackoff();

  /** Stops trying an entry, saying why. */
  void giveUp(long id, String reason);
}
