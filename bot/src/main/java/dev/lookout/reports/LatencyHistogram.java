package dev.lookout.reports;

import java.util.Arrays;
import java.util.Locale;

/**
 * Request latencies as Cloud Monitoring hands them out: bucket counts under bucket options. Hours
 * add up bucket by bucket, so a month's percentiles come from a month's requests, not from an
 * average of hourly percentiles.
 *
 * @param options Monitoring's bucket options, as {@code exponential:n:growth:scale}, {@code
 *     linear:n:width:offset} or {@code explicit:b1,b2,...}
 * @param counts bucket 0 is the underflow, the last the overflow
 */
public record LatencyHistogram(String options, long[] counts) {
  public static final LatencyHistogram EMPTY = new LatencyHistogram("", new long[0]);

  public long count() {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  /** The sum of both; hours whose buckets differ cannot be added and keep the larger one. */
  public LatencyHistogram plus(LatencyHistogram other) {
    if (other.count() == 0) {
      return this;
    }
    if (count() == 0) {
      return other;
    }
    if (!options.equals(other.options) || counts.length != other.counts.length) {
      return count() >= other.count() ? this : other;
    }
    long[] sum = counts.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += other.counts[i];
    }
    return new LatencyHistogram(options, sum);
  }

  /** The {@code p}th percentile, interpolated inside its bucket; NaN without requests. */
  public double percentile(double p) {
    long total = count();
    if (total == 0) {
      return Double.NaN;
    }
    double rank = p / 100.0 * total;
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        continue;
      }
      if (seen + counts[i] >= rank) {
        double lower = lowerBound(i);
        double upper = i == counts.length - 1 ? lower : lowerBound(i + 1);
        if (i == 0) {
          return upper;
        }
        double within = (rank - seen) / counts[i];
        return lower + (upper - lower) * within;
      }
      seen += counts[i];
    }
    return lowerBound(counts.length - 1);
  }

  /** The lower bound of bucket {@code i} (bucket 0, the underflow, starts at 0). */
  double lowerBound(int i) {
    if (i == 0) {
      return 0;
    }
    String[] parts = options.split(":", 2);
    String[] args = parts.length > 1 ? parts[1].split("[:,]") : new String[0];
    return switch (parts[0]) {
      case "exponential" ->
          Double.parseDouble(args[2]) * Math.pow(Double.parseDouble(args[1]), i - 1);
      case "linear" -> Double.parseDouble(args[2]) + Double.parseDouble(args[1]) * (i - 1);
      case "explicit" -> Double.parseDouble(args[Math.min(i - 1, args.length - 1)]);
      default -> throw new IllegalStateException("unknown bucket options: " + options);
    };
  }

  /** {@code options|c0,c1,...}, with trailing empty buckets left out. */
  public String encode() {
    if (count() == 0) {
      return "";
    }
    int last = counts.length - 1;
    StringBuilder out = new StringBuilder(options).append('|').append(counts.length).append('|');
    while (last > 0 && counts[last] == 0) {
      last--;
    }
    for (int i = 0; i <= last; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(counts[i]);
    }
    return out.toString();
  }

  public static LatencyHistogram decode(String text) {
    if (text == null || text.isEmpty()) {
      return EMPTY;
    }
    String[] parts = text.split("\\|");
    long[] counts = new long[Integer.parseInt(parts[1])];
    String[] values = parts[2].split(",");
    for (int i = 0; i < values.length; i++) {
      counts[i] = Long.parseLong(values[i]);
    }
    return new LatencyHistogram(parts[0], counts);
  }

  public static String exponential(int n, double growth, double scale) {
    return String.format(Locale.ROOT, "exponential:%d:%s:%s", n, growth, scale);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyHistogram h
        && h.options.equals(options)
        && Arrays.equals(h.counts, counts);
  }

  @Override
  public int hashCode() {
    return options.hashCode() * 31 + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return encode();
  }
}
