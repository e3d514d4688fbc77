package dev.lookout.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  @DisplayName("percentiles are read from the buckets within a bucket's width")
  void percentiles() {
    Histogram h = new Histogram(Buckets.UTILIZATION);
    for (int i = 1; i <= 100; i++) {
      h.add(i / 100.0 - 0.005);
    }
    assertThat(h.count()).isEqualTo(100);
    assertThat(h.percentile(50)).isCloseTo(0.50, within(0.011));
    assertThat(h.percentile(99)).isCloseTo(0.99, within(0.011));
    assertThat(h.mean()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  @DisplayName("merging keeps count, mean and squared deviation exact")
  void merge() {
    Histogram a = new Histogram(Buckets.MILLISECONDS);
    Histogram b = new Histogram(Buckets.MILLISECONDS);
    Histogram all = new Histogram(Buckets.MILLISECONDS);
    for (int i = 0; i < 50; i++) {
      a.add(10 + i);
      all.add(10 + i);
      b.add(500 + 3 * i);
      all.add(500 + 3 * i);
    }
    a.merge(b);
    assertThat(a.count()).isEqualTo(all.count());
    assertThat(a.mean()).isCloseTo(all.mean(), within(1e-9));
    assertThat(a.sumOfSquaredDeviation()).isCloseTo(all.sumOfSquaredDeviation(), within(1e-6));
    assertThat(a.bucketCounts()).isEqualTo(all.bucketCounts());
  }

  @Test
  @DisplayName("bucket counts start at the underflow bucket and stop at the last used one")
  void bucketCounts() {
    Histogram h = new Histogram(Buckets.UTILIZATION);
    h.add(0.034);
    h.add(0.036, 3);
    assertThat(h.bucketCounts()).containsExactly(0, 0, 0, 0, 4);
  }
}
