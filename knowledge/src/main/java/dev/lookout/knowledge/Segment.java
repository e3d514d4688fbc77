package dev.lookout.knowledge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A block of consecutive stored lines with its own postings. The store drops whole segments when
 * they leave the retention window or exceed the size bound, so memory stays flat under a steady
 * stream without rebuilding any index.
 */
final class Segment {
  static final int CAPACITY = 16_384;

  final long base;
  final long[] time = new long[CAPACITY];
  final int[] template = new int[CAPACITY];
  final byte[] severity = new byte[CAPACITY];
  final int[] service = new int[CAPACITY];
  final int[] revision = new int[CAPACITY];
  final short[] length = new short[CAPACITY];
  final String[] text = new String[CAPACITY];
  final String[] id = new String[CAPACITY];
  final Map<String, IntList> postings = new HashMap<>();
  final Map<Integer, IntList> byTemplate = new HashMap<>();
  int size;
  long totalLength;
  long minTime = Long.MAX_VALUE;
  long maxTime = Long.MIN_VALUE;

  Segment(long base) {
    this.base = base;
  }

  boolean full() {
    return size == CAPACITY;
  }

  void add(
      long at,
      int templateId,
      Severity sev,
      int svc,
      int rev,
      String line,
      String source,
      List<String> terms) {
    int i = size++;
    time[i] = at;
    template[i] = templateId;
    severity[i] = (byte) sev.ordinal();
    service[i] = svc;
    revision[i] = rev;
    text[i] = line;
    id[i] = source;
    length[i] = (short) Math.min(Short.MAX_VALUE, terms.size());
    totalLength += length[i];
    minTime = Math.min(minTime, at);
    maxTime = Math.max(maxTime, at);
    for (String t : terms) {
      IntList p = postings.computeIfAbsent(t, k -> new IntList());
      if (p.size() == 0 || p.last() != i) {
        p.distinct++;
      }
      p.add(i);
    }
    byTemplate.computeIfAbsent(templateId, k -> new IntList()).add(i);
  }

  /** Releases spare capacity once the segment is full. */
  void seal() {
    postings.values().forEach(IntList::trim);
    byTemplate.values().forEach(IntList::trim);
  }
}
