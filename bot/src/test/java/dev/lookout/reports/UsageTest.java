package dev.lookout.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lookout.cost.Pricing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UsageTest {
  private static final Pricing PRICES =
      new Pricing("USD", 0.000024, 0.0000025, 0.0000025, 0.0000025, 0.71, 4.26, 0.392);
  private static final Instant H = Instant.parse("2026-11-21T10:00:00Z");

  /** Four finite buckets from 10 ms, doubling: [10, 20), [20, 40), [40, 80), [80, 160). */
  private static LatencyHistogram latencies(long... counts) {
    return new LatencyHistogram(
        LatencyHistogram.exponential(4, 2.0, 10.0), java.util.Arrays.copyOf(counts, 6));
  }

  @Test
  @DisplayName("an hour's cost and energy split the allocation by busy and idle instance time")
  void oneHour() {
    // Two 1-vCPU, 0.5-GiB instances for the whole hour: one busy, one idle.
    HourlyUsage h =
        new HourlyUsage("api", H, 3600, 3600, 7200, 7200, 3600, 1000, 10, latencies(0, 1000));
    // vCPU: 7200 s × (½ × 0.000024 + ½ × 0.0000025) = 0.0954; GiB: 3600 × 0.0000025 = 0.009.
    assertThat(h.cost(PRICES)).isCloseTo(0.1044, within(1e-9));
    // vCPU: 7200 s × (½ × 4.26 + ½ × 0.71) W = 17892 Ws; GiB: 3600 × 0.392 = 1411.2 Ws.
    assertThat(h.energyWh(PRICES)).isCloseTo((17892 + 1411.2) / 3600, within(1e-9));
  }

  @Test
  @DisplayName("hours add up, idle share is idle over all instance time, percentiles merge buckets")
  void addsUp() {
    HourlyUsage busy =
        new HourlyUsage("api", H, 3000, 600, 3600, 3600, 1800, 900, 9, latencies(0, 900));
    HourlyUsage quiet =
        new HourlyUsage(
            "api",
            H.plus(Duration.ofHours(1)),
            0,
            3600,
            3600,
            3600,
            1800,
            100,
            1,
            latencies(0, 0, 0, 100));
    Usage u = Usage.of(List.of(busy, quiet), PRICES);

    assertThat(u.hours()).isEqualTo(2);
    assertThat(u.activeInstanceHours()).isCloseTo(3000 / 3600.0, within(1e-9));
    assertThat(u.idleInstanceHours()).isCloseTo(4200 / 3600.0, within(1e-9));
    assertThat(u.idleShare()).isCloseTo(4200 / 7200.0, within(1e-9));
    assertThat(u.vcpuHours()).isCloseTo(2, within(1e-9));
    assertThat(u.gibHours()).isCloseTo(1, within(1e-9));
    assertThat(u.requests()).isEqualTo(1000);
    assertThat(u.errorRate()).isCloseTo(0.01, within(1e-9));
    assertThat(u.cost()).isCloseTo(busy.cost(PRICES) + quiet.cost(PRICES), within(1e-12));
    // 900 requests in [10, 20) ms and 100 in [40, 80): the median is in the first bucket, the
    // 95th percentile halfway into the last.
    assertThat(u.latencyP50()).isCloseTo(10 + 10 * (500 / 900.0), within(1e-9));
    assertThat(u.latencyP95()).isCloseTo(40 + 40 * 0.5, within(1e-9));
  }

  @Test
  @DisplayName("a histogram survives its trip through the database")
  void histogramEncoding() {
    LatencyHistogram h = latencies(1, 2, 0, 4, 0, 0);
    assertThat(LatencyHistogram.decode(h.encode())).isEqualTo(h);
    assertThat(LatencyHistogram.decode("")).isEqualTo(LatencyHistogram.EMPTY);
    assertThat(Usage.of(List.of(), PRICES).idleShare()).isNaN();
  }

  @Test
  @DisplayName("alert stats count incidents and average the time to acknowledge and to resolve")
  void alertStats() {
    AlertStats s =
        AlertStats.of(
            List.of(
                new AlertRecord(
                    "api", "cpu", "CPU", "WARN", H, H.plusSeconds(120), H.plusSeconds(600)),
                new AlertRecord("api", "mem", "Memory", "FATAL", H, null, H.plusSeconds(1200)),
                new AlertRecord("api", "err", "Errors", "WARN", H, H.plusSeconds(360), null)));
    assertThat(s.fired()).isEqualTo(3);
    assertThat(s.acknowledged()).isEqualTo(2);
    assertThat(s.resolved()).isEqualTo(2);
    assertThat(s.meanTimeToAcknowledge()).contains(Duration.ofSeconds(240));
    assertThat(s.meanTimeToResolve()).contains(Duration.ofSeconds(900));
  }
}
