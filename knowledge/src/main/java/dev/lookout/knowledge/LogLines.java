package dev.lookout.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stored lines, in segments, oldest first, bounded by a retention window (against the newest
 * line's own time) and a number of lines; whole segments go when they fall out. Services and
 * revisions are interned. Not thread-safe: the knowledge base's lock guards it.
 */
final class LogLines {
  /** A service id that no stored line has. */
  static final int UNKNOWN = -2;

  /** No service filter. */
  static final int ANY = -1;

  private final Duration retention;
  private final int maxLines;
  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  private final List<String> serviceNames = new ArrayList<>();
  private final Map<String, Integer> serviceIds = new HashMap<>();
  private final List<String> revisionNames = new ArrayList<>();
  private final Map<String, Integer> revisionIds = new HashMap<>();
  private long nextSeq;
  private long newest = Long.MIN_VALUE;

  LogLines(Duration retention, int maxLines) {
    this.retention = retention;
    this.maxLines = maxLines;
  }

  void add(
      long at,
      int template,
      Severity severity,
      String service,
      String revision,
      String text,
      String id,
      List<String> terms) {
    Segment s = segments.peekLast();
    if (s == null || s.full()) {
      if (s != null) {
        s.seal();
      }
      s = new Segment(nextSeq);
      segments.addLast(s);
    }
    s.add(
        at,
        template,
        severity,
        intern(service, serviceNames, serviceIds),
        intern(revision, revisionNames, revisionIds),
        text,
        id,
        terms);
    nextSeq++;
    newest = Math.max(newest, at);
    evict();
  }

  private void evict() {
    long cutoff = newest - retention.toMillis();
    while (segments.size() > 1) {
      Segment first = segments.peekFirst();
      long kept = nextSeq - first.base - first.size;
      if (first.maxTime < cutoff || kept >= maxLines) {
        segments.pollFirst();
      } else {
        break;
      }
    }
  }

  private static int intern(String name, List<String> names, Map<String, Integer> ids) {
    Integer id = ids.get(name);
    if (id == null) {
      id = names.size();
      names.add(name);
      ids.put(name, id);
    }
    return id;
  }

  /** The segments, oldest first. */
  Iterable<Segment> segments() {
    return segments;
  }

  /** The segments as a list, oldest first, for walking back in time. */
  List<Segment> list() {
    return new ArrayList<>(segments);
  }

  /** The id of a service, {@link #UNKNOWN} when no line has it. */
  int serviceId(String name) {
    return serviceIds.getOrDefault(name, UNKNOWN);
  }

  String service(int id) {
    return serviceNames.get(id);
  }

  String revision(int id) {
    return revisionNames.get(id);
  }

  Set<String> services() {
    Set<String> out = new LinkedHashSet<>(serviceNames);
    out.remove("");
    return out;
  }

  long size() {
    return segments.stream().mapToLong(s -> s.size).sum();
  }

  Optional<Instant> oldest() {
    return segments.stream().filter(s -> s.size > 0).mapToLong(s -> s.minTime).min().stream()
        .mapToObj(Instant::ofEpochMilli)
        .findFirst();
  }

  /** The newest line's time in epoch milliseconds, or {@code Long.MIN_VALUE} when empty. */
  long newestMillis() {
    return newest;
  }

  Optional<Instant> newest() {
    return newest == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(newest));
  }

  /** How many stored lines have a time in [{@code from}, {@code to}). */
  long count(long from, long to) {
    long n = 0;
    for (Segment s : segments) {
      if (s.maxTime < from || s.minTime >= to) {
        continue;
      }
      for (int i = 0; i < s.size; i++) {
        if (s.time[i] >= from && s.time[i] < to) {
          n++;
        }
      }
    }
    return n;
  }

  /** Whether any stored line holds {@code term}. */
  boolean mentions(String term) {
    return segments.stream().anyMatch(s -> s.postings.containsKey(term));
  }

  /** The lines of one service (or {@link #ANY}), at least a severity, in [from, to). */
  Scope scope(int templates, int service, int minSeverity, long from, long to) {
    Scope sc = new Scope(templates, service, minSeverity, from, to);
    if (service == UNKNOWN) {
      return sc;
    }
    for (Segment s : segments) {
      if (s.maxTime < from || s.minTime >= to) {
        continue;
      }
      for (int i = 0; i < s.size; i++) {
        if (sc.covers(s, i)) {
          sc.count(s, i);
        }
      }
    }
    return sc;
  }
}
