package dev.lookout.simulator.model;

/**
 * How a {@link Histogram} divides its range, mirroring Cloud Monitoring's bucket options: bucket 0
 * is the underflow, buckets 1..n the finite ones, bucket n+1 the overflow.
 */
public sealed interface Buckets {
  int numFinite();

  /** Lower bound of bucket {@code i} (1-based finite bucket, or n+1 for the overflow). */
  double lowerBound(int i);

  /** The index of the bucket {@code value} falls in. */
  int indexOf(double value);

  /** {@code numFinite} buckets of equal {@code width} starting at {@code offset}. */
  record Linear(int numFinite, double width, double offset) implements Buckets {
    @Override
    public double lowerBound(int i) {
      return offset + width * (i - 1);
    }

    @Override
    public int indexOf(double value) {
      if (value < offset) {
        return 0;
      }
      int i = 1 + (int) Math.floor((value - offset) / width);
      return Math.min(i, numFinite + 1);
    }
  }

  /** Buckets whose bounds grow by {@code growthFactor}: bucket i starts at scale * growth^(i-1). */
  record Exponential(int numFinite, double growthFactor, double scale) implements Buckets {
    @Override
    public double lowerBound(int i) {
      return scale * Math.pow(growthFactor, i - 1);
    }

    @Override
    public int indexOf(double value) {
      if (value < scale) {
        return 0;
      }
      int i = 1 + (int) Math.floor(Math.log(value / scale) / Math.log(growthFactor));
      return Math.min(i, numFinite + 1);
    }
  }

  /** Utilization fractions 0..1 in steps of 1%. */
  Buckets UTILIZATION = new Linear(100, 0.01, 0.0);

  /** Milliseconds from 1 ms to about 2 hours. */
  Buckets MILLISECONDS = new Exponential(48, 1.4, 1.0);

  /** Whole counts such as concurrent requests. */
  Buckets COUNT = new Exponential(24, 1.5, 1.0);
}
