package dev.lookout.simulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's log storage: a bounded window of recent entries, oldest first, as Cloud Logging
 * keeps entries for a retention period. Entries are stamped with a sequence number as they are
 * appended, and their timestamps never go backwards, so sequence order is time order and a reader
 * can page by sequence.
 */
public final class LogBook {
  private final int capacity;
  private final ArrayList<LogRecord> entries = new ArrayList<>();
  private int head;
  private long sequence;
  private Instant last = Instant.MIN;

  public LogBook(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("log retention must be positive");
    }
    this.capacity = capacity;
  }

  /** Stores {@code record}, giving it the next sequence number. */
  synchronized LogRecord append(LogRecord record) {
    // A drill on an HTTP thread may read the clock just before a tick moves it.
    Instant at = record.timestamp().isBefore(last) ? last : record.timestamp();
    last = at;
    LogRecord stamped =
        new LogRecord(
            ++sequence,
            at,
            record.service(),
            record.revision(),
            record.instanceId(),
            record.severity(),
            record.logName(),
            record.text(),
            record.json(),
            record.http(),
            record.trace());
    entries.add(stamped);
    if (entries.size() - head > capacity) {
      head++;
    }
    compact();
    return stamped;
  }

  /** Drops entries older than {@code cutoff}. */
  synchronized void expire(Instant cutoff) {
    while (head < entries.size() && entries.get(head).timestamp().isBefore(cutoff)) {
      head++;
    }
    compact();
  }

  private void compact() {
    if (head > 4096 && head > entries.size() / 2) {
      entries.subList(0, head).clear();
      head = 0;
    }
  }

  /** Every stored entry, oldest first (by time, then sequence). */
  public synchronized List<LogRecord> snapshot() {
    return List.copyOf(entries.subList(head, entries.size()));
  }

  /**
   * The stored entries with {@code from <= timestamp <= to}, oldest first: found by binary search,
   * since timestamps never go backwards, so a query over the last minutes copies only those.
   */
  public synchronized List<LogRecord> snapshot(Instant from, Instant to) {
    int lo = firstAtOrAfter(from, false);
    int hi = firstAtOrAfter(to, true);
    return lo >= hi ? List.of() : List.copyOf(entries.subList(lo, hi));
  }

  /** The index of the first entry at or after {@code t} (after it, when {@code strictly}). */
  private int firstAtOrAfter(Instant t, boolean strictly) {
    int lo = head;
    int hi = entries.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = entries.get(mid).timestamp().compareTo(t);
      if (c < 0 || (strictly && c == 0)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  public synchronized int size() {
    return entries.size() - head;
  }
}
