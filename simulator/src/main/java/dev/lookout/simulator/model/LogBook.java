package dev.lookout.simulator.model;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The project's log storage. Each service keeps a bounded window of recent entries, oldest first,
 * as Cloud Logging keeps entries for a retention period.
 */
public final class LogBook {
  private final int maxEntriesPerService;
  private final AtomicLong sequence = new AtomicLong();
  private final java.util.Map<String, Deque<LogRecord>> byService =
      new java.util.concurrent.ConcurrentHashMap<>();

  public LogBook(int maxEntriesPerService) {
    if (maxEntriesPerService <= 0) {
      throw new IllegalArgumentException("log retention must be positive");
    }
    this.maxEntriesPerService = maxEntriesPerService;
  }

  long nextSequence() {
    return sequence.incrementAndGet();
  }

  void append(LogRecord record) {
    Deque<LogRecord> entries = byService.computeIfAbsent(record.service(), s -> new ArrayDeque<>());
    synchronized (entries) {
      entries.addLast(record);
      while (entries.size() > maxEntriesPerService) {
        entries.removeFirst();
      }
    }
  }

  /** Drops entries older than {@code cutoff}. */
  void expire(String service, Instant cutoff) {
    Deque<LogRecord> entries = byService.get(service);
    if (entries == null) {
      return;
    }
    synchronized (entries) {
      while (!entries.isEmpty() && entries.peekFirst().timestamp().isBefore(cutoff)) {
        entries.removeFirst();
      }
    }
  }

  /** A copy of every stored entry of every service, oldest first. */
  public List<LogRecord> snapshot() {
    List<LogRecord> all = new ArrayList<>();
    for (Deque<LogRecord> entries : byService.values()) {
      synchronized (entries) {
        all.addAll(entries);
      }
    }
    all.sort(
        java.util.Comparator.comparing(LogRecord::timestamp)
            .thenComparingLong(LogRecord::sequence));
    return all;
  }

  public int size() {
    int n = 0;
    for (Deque<LogRecord> entries : byService.values()) {
      synchronized (entries) {
        n += entries.size();
      }
    }
    return n;
  }
}
