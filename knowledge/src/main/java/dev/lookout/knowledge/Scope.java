package dev.lookout.knowledge;

import java.util.Arrays;

/** The lines a question covers (service, severity, window), counted per template. */
final class Scope {
  final int service;
  final int minSeverity;
  final long from;
  final long to;
  long lines;
  final long[] count;
  final long[] first;
  final long[] last;
  private final Segment[] latestSegment;
  private final int[] latestOffset;

  Scope(int templates, int service, int minSeverity, long from, long to) {
    this.service = service;
    this.minSeverity = minSeverity;
    this.from = from;
    this.to = to;
    count = new long[templates];
    first = new long[templates];
    last = new long[templates];
    latestSegment = new Segment[templates];
    latestOffset = new int[templates];
    Arrays.fill(first, Long.MAX_VALUE);
    Arrays.fill(last, Long.MIN_VALUE);
  }

  /** Whether line {@code i} of {@code s} is in this scope. */
  boolean covers(Segment s, int i) {
    long t = s.time[i];
    return t >= from
        && t < to
        && (service < 0 || s.service[i] == service)
        // an entry whose severity is unknown is not excluded by a severity filter
        && (s.severity[i] >= minSeverity || s.severity[i] == 0);
  }

  /** Counts line {@code i} of {@code s}, known to be in scope. */
  void count(Segment s, int i) {
    int tpl = s.template[i];
    lines++;
    count[tpl]++;
    first[tpl] = Math.min(first[tpl], s.time[i]);
    if (s.time[i] >= last[tpl]) {
      last[tpl] = s.time[i];
      latestSegment[tpl] = s; // no allocation per line: this runs over every line
      latestOffset[tpl] = i;
    }
  }

  /** The template's latest line in scope, or null. */
  LineRef latest(int t) {
    return t >= latestSegment.length || latestSegment[t] == null
        ? null
        : new LineRef(latestSegment[t], latestOffset[t]);
  }
}
