package dev.lookout.cloud;

import com.google.monitoring.v3.Aggregation.Aligner;
import com.google.monitoring.v3.Aggregation.Reducer;
import dev.lookout.health.ServiceHealth.Points;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * Monitoring series kept between reads, so that data older than its resolution is never fetched
 * twice. A bucket of period P that ended at least P ago is settled: its data no longer changes, so
 * the next read of the same query asks Monitoring only for the buckets after the last settled one
 * and joins them to what it kept. Every window with the same period shares what is kept (the alert
 * tick's 15 minutes, a card's hour and its current five minutes all at one minute), so a read of a
 * shorter window after a longer one reads only the unsettled tail.
 *
 * <p>Buckets must be aligned to the epoch ({@code end} a multiple of the period) for a bucket to be
 * the same from one read to the next.
 */
final class SettledSeries {
  /** At most this many queries are kept; the least recently read are forgotten first. */
  private static final int KEPT = 2048;

  /** No query keeps more buckets than this (a window is about 60 of its periods). */
  private static final int MOST_BUCKETS = 64;

  /** One query: a service's metric with its filter, alignment and grouping. */
  record Spec(
      String service,
      String metric,
      String extra,
      Aligner aligner,
      Reducer reducer,
      String groupBy,
      long period) {}

  /** What is kept of a query: its series by group, covering {@code (from, settledEnd]}. */
  private record Kept(Map<String, Points> series, Instant from, Instant settledEnd) {}

  private final boolean enabled;
  private final Map<Spec, Kept> kept =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Spec, Kept> eldest) {
              return size() > KEPT;
            }
          });

  /**
   * @param enabled false reads every window whole, as the path before (for comparison)
   */
  SettledSeries(boolean enabled) {
    this.enabled = enabled;
  }

  /** One lock per query, so that reads of it made at once take turns (see {@link #read}). */
  private final Map<Spec, ReentrantLock> locks = new ConcurrentHashMap<>();

  /**
   * The query's series over {@code (start, end]}, reading through {@code list(from, to)} only what
   * is not settled and kept. Reads of the same query take turns (a card's chart and its current
   * figures share queries, and are read in parallel): the second then reads only what the first did
   * not keep, rather than both fetching the same buckets.
   */
  Map<String, Points> read(
      Spec spec,
      Instant start,
      Instant end,
      BiFunction<Instant, Instant, Map<String, Points>> list) {
    if (!enabled) {
      return list.apply(start, end);
    }
    ReentrantLock lock = locks.computeIfAbsent(spec, s -> new ReentrantLock());
    lock.lock();
    try {
      return readInTurn(spec, start, end, list);
    } finally {
      lock.unlock();
    }
  }

  private Map<String, Points> readInTurn(
      Spec spec,
      Instant start,
      Instant end,
      BiFunction<Instant, Instant, Map<String, Points>> list) {
    Kept before = kept.get(spec);
    boolean usable =
        before != null
            && before.from().isBefore(before.settledEnd())
            && before.settledEnd().isAfter(start)
            && before.settledEnd().isBefore(end);
    // What is kept may begin after this read's start (a five-minute read came first, an hour's
    // second): the buckets before it are read on their own, not the kept ones again.
    boolean head = usable && before.from().isAfter(start);
    Instant from = usable ? before.settledEnd() : start;
    Map<String, Points> fresh = list.apply(from, end);
    Map<String, Points> older = head ? list.apply(start, before.from()) : Map.of();
    Map<String, Points> whole = new TreeMap<>();
    if (usable) {
      before.series().forEach((group, points) -> whole.put(group, Points.empty()));
    }
    fresh.forEach((group, points) -> whole.put(group, Points.empty()));
    older.forEach((group, points) -> whole.put(group, Points.empty()));
    Instant keepFrom = end.minusSeconds(spec.period() * MOST_BUCKETS);
    Instant coveredFrom = usable && !head ? before.from() : start;
    if (coveredFrom.isBefore(keepFrom)) {
      coveredFrom = keepFrom.isAfter(start) ? start : keepFrom;
    }
    Instant keptFrom = head ? before.from() : coveredFrom;
    Map<String, Points> keep = new TreeMap<>();
    Map<String, Points> answer = new TreeMap<>();
    for (String group : whole.keySet()) {
      Points joined =
          join(
              List.of(
                  new Segment(older.getOrDefault(group, Points.empty()), coveredFrom, keptFrom),
                  new Segment(
                      usable ? before.series().getOrDefault(group, Points.empty()) : Points.empty(),
                      keptFrom,
                      from),
                  new Segment(fresh.getOrDefault(group, Points.empty()), from, end)));
      keep.put(group, joined);
      answer.put(group, after(joined, start));
    }
    kept.put(spec, new Kept(keep, coveredFrom, end.minusSeconds(spec.period())));
    return answer;
  }

  /** The points of a series that ended in {@code (after, until]}. */
  private record Segment(Points points, Instant after, Instant until) {}

  /** The segments' points, one after another (they are in time order and do not overlap). */
  private static Points join(List<Segment> segments) {
    List<Instant> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (Segment s : segments) {
      for (int i = 0; i < s.points().times().size(); i++) {
        Instant t = s.points().times().get(i);
        if (t.isAfter(s.after()) && !t.isAfter(s.until())) {
          times.add(t);
          values.add(s.points().values().get(i));
        }
      }
    }
    return new Points(times, values);
  }

  private static Points after(Points p, Instant start) {
    int i = 0;
    while (i < p.times().size() && !p.times().get(i).isAfter(start)) {
      i++;
    }
    return i == 0
        ? p
        : new Points(
            p.times().subList(i, p.times().size()), p.values().subList(i, p.times().size()));
  }
}
