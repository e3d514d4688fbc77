package dev.lookout.knowledge;

import java.util.Arrays;

/** A growable list of ints, for postings. */
final class IntList {
  private int[] values = new int[4];
  private int size;

  /** Distinct lines in a posting list (a line's repeats of a term are adjacent). */
  int distinct;

  void add(int v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  int size() {
    return size;
  }

  int get(int i) {
    return values[i];
  }

  int last() {
    return values[size - 1];
  }

  void trim() {
    values = Arrays.copyOf(values, size);
  }
}
