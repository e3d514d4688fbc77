package dev.lookout.alerts;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Recent values a rule keeps for one service, such as an anomaly rule's baseline. Bounded; the
 * oldest values fall out.
 */
public final class RuleMemory {
  private final int capacity;
  private final Deque<Double> values = new ArrayDeque<>();

  public RuleMemory(int capacity) {
    this.capacity = capacity;
  }

  public void add(double value) {
    values.addLast(value);
    while (values.size() > capacity) {
      values.removeFirst();
    }
  }

  public int size() {
    return values.size();
  }

  public double[] values() {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  public static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** The median absolute deviation from the median. */
  public static double mad(double[] v) {
    double m = median(v);
    double[] deviations = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      deviations[i] = Math.abs(v[i] - m);
    }
    return median(deviations);
  }
}
