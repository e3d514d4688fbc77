package dev.lookout.simulator.model;

/**
 * A distribution of samples as Cloud Monitoring stores it: count, mean, sum of squared deviations
 * and bucket counts. Percentiles are read from the buckets by interpolation, as Monitoring does.
 */
public final class Histogram {
  private final Buckets buckets;
  // Only the span of buckets that hold samples is stored: counts[j] is bucket offset + j.
  private long[] counts = new long[0];
  private int offset;
  private long count;
  private double mean;
  private double sumOfSquaredDeviation;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  public Histogram(Buckets buckets) {
    this.buckets = buckets;
  }

  public Buckets buckets() {
    return buckets;
  }

  public void add(double value) {
    add(value, 1);
  }

  /** Adds {@code times} samples of the same value. */
  public void add(double value, long times) {
    if (times <= 0) {
      return;
    }
    int i = buckets.indexOf(value);
    cover(i, i);
    counts[i - offset] += times;
    // Chan et al.'s parallel update of mean and squared deviation.
    long total = count + times;
    double delta = value - mean;
    mean += delta * times / total;
    sumOfSquaredDeviation += delta * delta * count * times / total;
    count = total;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }

  /** Adds every sample of {@code other}, which must use the same buckets. */
  public void merge(Histogram other) {
    if (!other.buckets.equals(buckets)) {
      throw new IllegalArgumentException("cannot merge histograms with different buckets");
    }
    if (other.count == 0) {
      return;
    }
    cover(other.offset, other.offset + other.counts.length - 1);
    for (int j = 0; j < other.counts.length; j++) {
      counts[other.offset + j - offset] += other.counts[j];
    }
    long total = count + other.count;
    double delta = other.mean - mean;
    mean += delta * other.count / total;
    sumOfSquaredDeviation +=
        other.sumOfSquaredDeviation + delta * delta * count * other.count / total;
    count = total;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  public Histogram copy() {
    Histogram h = new Histogram(buckets);
    h.merge(this);
    return h;
  }

  /** Makes room for buckets {@code from..to} (inclusive). */
  private void cover(int from, int to) {
    if (counts.length == 0) {
      offset = from;
      counts = new long[to - from + 1];
      return;
    }
    int newOffset = Math.min(offset, from);
    int newEnd = Math.max(offset + counts.length - 1, to);
    if (newOffset == offset && newEnd == offset + counts.length - 1) {
      return;
    }
    long[] grown = new long[newEnd - newOffset + 1];
    System.arraycopy(counts, 0, grown, offset - newOffset, counts.length);
    counts = grown;
    offset = newOffset;
  }

  public long count() {
    return count;
  }

  public double mean() {
    return count == 0 ? 0 : mean;
  }

  public double sumOfSquaredDeviation() {
    return sumOfSquaredDeviation;
  }

  /** Bucket counts with trailing empty buckets left off, as Monitoring returns them. */
  public long[] bucketCounts() {
    long[] all = new long[offset + counts.length];
    System.arraycopy(counts, 0, all, offset, counts.length);
    return all;
  }

  /**
   * The value below which {@code p} percent of samples fall, interpolated linearly inside the
   * bucket that holds that rank and clamped to the observed range.
   */
  public double percentile(double p) {
    if (count == 0) {
      return 0;
    }
    double rank = p / 100.0 * count;
    long seen = 0;
    for (int j = 0; j < counts.length; j++) {
      int i = offset + j;
      if (counts[j] == 0) {
        continue;
      }
      if (seen + counts[j] >= rank) {
        double lo = i == 0 ? min : buckets.lowerBound(i);
        double hi = i > buckets.numFinite() ? max : buckets.lowerBound(i + 1);
        lo = Math.max(lo, min);
        hi = Math.min(hi, max);
        double fraction = (rank - seen) / counts[j];
        return lo + (hi - lo) * Math.max(0, Math.min(1, fraction));
      }
      seen += counts[j];
    }
    return max;
  }
}
