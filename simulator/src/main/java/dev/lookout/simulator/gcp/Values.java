package dev.lookout.simulator.gcp;

import com.google.api.Distribution;
import com.google.monitoring.v3.Aggregation.Aligner;
import com.google.monitoring.v3.Aggregation.Reducer;
import com.google.monitoring.v3.TypedValue;
import dev.lookout.simulator.model.Buckets;
import dev.lookout.simulator.model.Histogram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Arithmetic on point values as Monitoring does it. A value is a {@code Long} (INT64), a {@code
 * Double} (DOUBLE) or a {@link Histogram} (DISTRIBUTION); INT64 stays INT64 where Monitoring keeps
 * it so (sum, min, max), everything averaged becomes DOUBLE.
 */
final class Values {
  private Values() {}

  /** Aligns the values of one window (newest first) with {@code aligner}. */
  static Object align(Aligner aligner, List<Object> values, long periodSeconds, Object newest) {
    return switch (aligner) {
      case ALIGN_DELTA, ALIGN_SUM -> sum(values);
      case ALIGN_RATE -> number(sum(values)) / periodSeconds;
      case ALIGN_MEAN -> mean(values);
      case ALIGN_MIN -> extreme(values, false);
      case ALIGN_MAX -> extreme(values, true);
      case ALIGN_COUNT -> (long) values.size();
      case ALIGN_STDDEV -> stddev(values);
      case ALIGN_NEXT_OLDER -> newest;
      case ALIGN_PERCENTILE_99 -> merged(values).percentile(99);
      case ALIGN_PERCENTILE_95 -> merged(values).percentile(95);
      case ALIGN_PERCENTILE_50 -> merged(values).percentile(50);
      case ALIGN_PERCENTILE_05 -> merged(values).percentile(5);
      default -> throw new IllegalStateException("aligner was validated: " + aligner);
    };
  }

  /** Combines the values of several series at one instant with {@code reducer}. */
  static Object reduce(Reducer reducer, List<Object> values) {
    return switch (reducer) {
      case REDUCE_SUM -> sum(values);
      case REDUCE_MEAN -> mean(values);
      case REDUCE_MIN -> extreme(values, false);
      case REDUCE_MAX -> extreme(values, true);
      case REDUCE_COUNT -> (long) values.size();
      case REDUCE_STDDEV -> stddev(values);
      case REDUCE_PERCENTILE_99 -> percentile(values, 99);
      case REDUCE_PERCENTILE_95 -> percentile(values, 95);
      case REDUCE_PERCENTILE_50 -> percentile(values, 50);
      case REDUCE_PERCENTILE_05 -> percentile(values, 5);
      default -> throw new IllegalStateException("reducer was validated: " + reducer);
    };
  }

  private static Object sum(List<Object> values) {
    Object first = values.get(0);
    if (first instanceof Histogram) {
      return merged(values);
    }
    if (first instanceof Long) {
      long total = 0;
      for (Object v : values) {
        total += (Long) v;
      }
      return total;
    }
    double total = 0;
    for (Object v : values) {
      total += number(v);
    }
    return total;
  }

  private static double mean(List<Object> values) {
    if (values.get(0) instanceof Histogram) {
      return merged(values).mean();
    }
    double total = 0;
    for (Object v : values) {
      total += number(v);
    }
    return total / values.size();
  }

  private static double stddev(List<Object> values) {
    if (values.get(0) instanceof Histogram) {
      Histogram h = merged(values);
      return h.count() == 0 ? 0 : Math.sqrt(h.sumOfSquaredDeviation() / h.count());
    }
    double mean = mean(values);
    double squares = 0;
    for (Object v : values) {
      squares += Math.pow(number(v) - mean, 2);
    }
    return Math.sqrt(squares / values.size());
  }

  private static Object extreme(List<Object> values, boolean max) {
    Object best = values.get(0);
    for (Object v : values) {
      int c = Double.compare(number(v), number(best));
      if (max ? c > 0 : c < 0) {
        best = v;
      }
    }
    return best;
  }

  private static double percentile(List<Object> values, double p) {
    if (values.get(0) instanceof Histogram) {
      return merged(values).percentile(p);
    }
    List<Double> sorted = new ArrayList<>();
    for (Object v : values) {
      sorted.add(number(v));
    }
    Collections.sort(sorted);
    double rank = p / 100.0 * (sorted.size() - 1);
    int lo = (int) Math.floor(rank);
    int hi = (int) Math.ceil(rank);
    return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (rank - lo);
  }

  private static Histogram merged(List<Object> values) {
    Histogram merged = new Histogram(((Histogram) values.get(0)).buckets());
    for (Object v : values) {
      merged.merge((Histogram) v);
    }
    return merged;
  }

  private static double number(Object v) {
    return switch (v) {
      case Long l -> l;
      case Double d -> d;
      default -> throw new IllegalStateException("not a number: " + v);
    };
  }

  static TypedValue typed(Object value) {
    return switch (value) {
      case Long l -> TypedValue.newBuilder().setInt64Value(l).build();
      case Double d -> TypedValue.newBuilder().setDoubleValue(d).build();
      case Histogram h -> TypedValue.newBuilder().setDistributionValue(distribution(h)).build();
      default -> throw new IllegalStateException("unexpected value " + value);
    };
  }

  static Distribution distribution(Histogram h) {
    Distribution.BucketOptions options =
        switch (h.buckets()) {
          case Buckets.Linear l ->
              Distribution.BucketOptions.newBuilder()
                  .setLinearBuckets(
                      Distribution.BucketOptions.Linear.newBuilder()
                          .setNumFiniteBuckets(l.numFinite())
                          .setWidth(l.width())
                          .setOffset(l.offset()))
                  .build();
          case Buckets.Exponential e ->
              Distribution.BucketOptions.newBuilder()
                  .setExponentialBuckets(
                      Distribution.BucketOptions.Exponential.newBuilder()
                          .setNumFiniteBuckets(e.numFinite())
                          .setGrowthFactor(e.growthFactor())
                          .setScale(e.scale()))
                  .build();
        };
    Distribution.Builder d =
        Distribution.newBuilder()
            .setCount(h.count())
            .setMean(h.mean())
            .setSumOfSquaredDeviation(h.sumOfSquaredDeviation())
            .setBucketOptions(options);
    for (long c : h.bucketCounts()) {
      d.addBucketCounts(c);
    }
    return d.build();
  }
}
