package dev.lookout.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lookout.reports.HourlyUsage;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.model.MinuteSample;
import dev.lookout.simulator.model.ServiceModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The hourly rollups read through Cloud Monitoring's aligned and reduced queries, checked against
 * figures worked out by hand from the simulator's own minute records (seed 42, four hours).
 */
class UsageRollupTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static SimulatorFixture fixture;
  private static List<HourlyUsage> rollups;

  @BeforeAll
  static void start() {
    fixture = new SimulatorFixture(SimulatorConfig.defaults().withHistory(Duration.ofHours(4)));
    // Monitoring fills a minute's points after it ends: read once the last hour has settled.
    fixture.simulator.advance(Duration.ofMinutes(5));
    rollups =
        new CloudRunUsage(fixture.clients, "lookout-demo")
            .hourly(NOW.minus(Duration.ofHours(3)), NOW);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static List<MinuteSample> minutes(String service, Instant hour) {
    ServiceModel model = fixture.simulator.project().service(service).orElseThrow();
    return model.history().stream()
        .filter(m -> !m.start().isBefore(hour) && m.start().isBefore(hour.plusSeconds(3600)))
        .toList();
  }

  private static HourlyUsage rollup(String service, Instant hour) {
    return rollups.stream()
        .filter(r -> r.service().equals(service) && r.hourStart().equals(hour))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName("every service gets one row per whole hour asked for")
  void oneRowPerServiceAndHour() {
    Map<String, Long> perService =
        rollups.stream()
            .collect(Collectors.groupingBy(HourlyUsage::service, Collectors.counting()));
    assertThat(perService)
        .containsOnlyKeys(
            "consumer", "checkout-api", "auth-gateway", "image-resizer", "nightly-report");
    assertThat(perService.values()).allMatch(n -> n == 3);
  }

  @Test
  @DisplayName("instance time, allocation, requests, errors and latency match the minutes by hand")
  void matchesTheMinutes() {
    for (String service : List.of("consumer", "checkout-api", "nightly-report")) {
      for (int i = 1; i <= 3; i++) {
        Instant hour = NOW.minus(Duration.ofHours(i));
        List<MinuteSample> ms = minutes(service, hour);
        HourlyUsage r = rollup(service, hour);
        assertThat(ms).hasSize(60);
        // The instance gauge is sampled each minute: each sample stands for 60 instance-seconds.
        double active = ms.stream().mapToLong(MinuteSample::activeInstances).sum() * 60.0;
        double idle = ms.stream().mapToLong(MinuteSample::idleInstances).sum() * 60.0;
        double billable = ms.stream().mapToDouble(MinuteSample::billableSeconds).sum();
        double vcpu = ms.stream().mapToDouble(MinuteSample::cpuAllocationSeconds).sum();
        double gib = ms.stream().mapToDouble(MinuteSample::memoryAllocationGibSeconds).sum();
        long requests =
            ms.stream()
                .flatMap(m -> m.requestsByCode().values().stream())
                .mapToLong(Long::longValue)
                .sum();
        long errors =
            ms.stream()
                .flatMap(m -> m.requestsByCode().entrySet().stream())
                .filter(e -> e.getKey() >= 500)
                .mapToLong(Map.Entry::getValue)
                .sum();
        String at = service + " " + hour;
        assertThat(r.activeInstanceSeconds()).as(at).isCloseTo(active, within(1e-6));
        assertThat(r.idleInstanceSeconds()).as(at).isCloseTo(idle, within(1e-6));
        assertThat(r.billableSeconds()).as(at).isCloseTo(billable, within(1e-6));
        assertThat(r.vcpuSeconds()).as(at).isCloseTo(vcpu, within(1e-6));
        assertThat(r.gibSeconds()).as(at).isCloseTo(gib, within(1e-6));
        assertThat(r.requests()).as(at).isEqualTo(requests);
        assertThat(r.errors()).as(at).isEqualTo(errors);
        assertThat(r.latency().count()).as(at).isEqualTo(requests);
      }
    }
  }

  @Test
  @DisplayName("a service's allocation follows its size: 1 vCPU and 512 MiB per instance-second")
  void allocationFollowsSize() {
    Instant hour = NOW.minus(Duration.ofHours(2));
    HourlyUsage r = rollup("checkout-api", hour);
    var spec = fixture.simulator.project().service("checkout-api").orElseThrow().spec();
    assertThat(r.vcpuSeconds())
        .isCloseTo(r.billableSeconds() * spec.cpuMillis() / 1000.0, within(1e-6));
    assertThat(r.gibSeconds())
        .isCloseTo(r.billableSeconds() * spec.memoryMiB() / 1024.0, within(1e-6));
    assertThat(r.billableSeconds()).isGreaterThan(0);
  }
}
