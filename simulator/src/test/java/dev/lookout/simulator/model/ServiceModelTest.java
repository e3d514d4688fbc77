package dev.lookout.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceModelTest {
  private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

  private static SimulatedProject project(long seed, ServiceProfile... services) {
    return new SimulatedProject(
        "p",
        "us-central1",
        new VirtualClock(START, 0),
        seed,
        List.of(services),
        Duration.ofHours(48),
        50_000);
  }

  @Test
  @DisplayName(
      "a busy queue worker's CPU and memory p99 vary from minute to minute, as requests differ")
  void figuresVaryUnderSteadyLoad() {
    SimulatedProject project = project(3, ServiceProfile.llmConsumer("consumer", Scenario.STEADY));
    project.advance(Duration.ofHours(3));
    List<MinuteSample> last = project.service("consumer").orElseThrow().history();
    last = last.subList(last.size() - 120, last.size());
    java.util.DoubleSummaryStatistics cpu =
        last.stream().mapToDouble(m -> m.cpu().percentile(99)).summaryStatistics();
    java.util.DoubleSummaryStatistics memory =
        last.stream().mapToDouble(m -> m.memory().percentile(99)).summaryStatistics();
    // Before requests differed, every minute of a saturated worker read exactly 49% CPU.
    assertThat(cpu.getMax() - cpu.getMin()).as("CPU p99 range over 2 h").isGreaterThan(0.05);
    assertThat(memory.getMax() - memory.getMin())
        .as("memory p99 range over 2 h")
        .isGreaterThan(0.02);
    assertThat(last.stream().map(m -> Math.round(m.cpu().percentile(99) * 1000)).distinct())
        .as("distinct CPU p99 readings out of 120 minutes")
        .hasSizeGreaterThan(30);
  }

  @Test
  @DisplayName("a CPU drill raises CPU utilization within a few ticks and it falls back after")
  void cpuDrill() {
    SimulatedProject project = project(1, ServiceProfile.webApi("api", Scenario.STEADY));
    ServiceModel api = project.service("api").orElseThrow();
    project.advance(Duration.ofMinutes(3));
    double before = api.snapshot().meanCpuUtilization();
    assertThat(before).isLessThan(0.5);

    api.holdCpu(1.0, Duration.ofSeconds(60));
    project.advance(Duration.ofSeconds(3));
    assertThat(api.snapshot().meanCpuUtilization()).isGreaterThan(0.95);

    project.advance(Duration.ofMinutes(5));
    assertThat(api.snapshot().meanCpuUtilization()).isLessThan(0.5);
  }

  @Test
  @DisplayName("an enqueue drill grows the queue, and raising max instances drains it")
  void enqueueAndScaleOut() {
    ServiceProfile narrow =
        withSpec(
            ServiceProfile.llmConsumer("consumer", Scenario.STEADY),
            new ServiceSpec(1, 2, 4, 1000, 1024, 300));
    SimulatedProject stuck = project(7, narrow);
    SimulatedProject relieved = project(7, narrow);
    for (SimulatedProject p : List.of(stuck, relieved)) {
      p.advance(Duration.ofMinutes(2));
      p.service("consumer").orElseThrow().enqueue(4_000);
      p.advance(Duration.ofMinutes(1));
    }
    long depthAfterDrill = stuck.service("consumer").orElseThrow().snapshot().queueDepth();
    assertThat(depthAfterDrill).isGreaterThan(3_500);

    relieved.service("consumer").orElseThrow().rescale(new ServiceSpec(1, 60, 4, 1000, 1024, 300));
    stuck.advance(Duration.ofMinutes(10));
    relieved.advance(Duration.ofMinutes(10));

    long stuckDepth = stuck.service("consumer").orElseThrow().snapshot().queueDepth();
    long relievedDepth = relieved.service("consumer").orElseThrow().snapshot().queueDepth();
    assertThat(stuckDepth).isGreaterThan(2_500);
    assertThat(relievedDepth).isLessThan(50);
    assertThat(relieved.service("consumer").orElseThrow().snapshot().instances()).isGreaterThan(2);
  }

  @Test
  @DisplayName("the same seed and the same commands give the same metrics and logs")
  void deterministic() {
    String first = run(99);
    String second = run(99);
    String other = run(100);
    assertThat(first).isEqualTo(second);
    assertThat(first).isNotEqualTo(other);
  }

  private static String run(long seed) {
    SimulatedProject p =
        project(seed, SimulatedProject.defaultServices().toArray(ServiceProfile[]::new));
    p.advance(Duration.ofMinutes(10));
    p.service("consumer").orElseThrow().enqueue(300);
    p.service("checkout-api").orElseThrow().holdCpu(0.8, Duration.ofMinutes(2));
    p.advance(Duration.ofMinutes(10));
    StringBuilder b = new StringBuilder();
    for (ServiceModel s : p.services()) {
      for (MinuteSample m : s.history()) {
        b.append(s.name())
            .append(m.start())
            .append(m.requestsByCode())
            .append(m.cpu().percentile(99))
            .append(m.memory().mean())
            .append(m.activeInstances())
            .append(m.queueDepth())
            .append('\n');
      }
    }
    p.logs().snapshot().forEach(r -> b.append(r).append('\n'));
    return b.toString();
  }

  @Test
  @DisplayName("memory that leaks ends in an OOM kill and a restart, in the logs")
  void memoryLeak() {
    SimulatedProject p = project(3, ServiceProfile.worker("resizer", Scenario.MEMORY_LEAK));
    p.advance(Duration.ofHours(2));
    String logs = texts(p);
    assertThat(logs).contains("Memory limit of 1024 MiB exceeded");
    assertThat(logs).contains("Container terminated on signal 9.");
    assertThat(logs).contains("STARTUP TCP probe succeeded");
  }

  @Test
  @DisplayName("a crash loop restarts instances over and over and fails requests")
  void crashLoop() {
    SimulatedProject p = project(3, ServiceProfile.webApi("api", Scenario.CRASH_LOOP));
    p.advance(Duration.ofMinutes(10));
    List<LogRecord> exits =
        p.logs().snapshot().stream()
            .filter(r -> "Container called exit(1).".equals(r.text()))
            .toList();
    assertThat(exits).hasSizeGreaterThan(5);
    long failed =
        p.service("api").orElseThrow().history().stream()
            .mapToLong(m -> m.requestsByCode().getOrDefault(503, 0L))
            .sum();
    assertThat(failed).isPositive();
  }

  @Test
  @DisplayName("an idle service scales down to its minimum")
  void idle() {
    ServiceProfile idle =
        withSpec(
            ServiceProfile.webApi("quiet", Scenario.IDLE),
            new ServiceSpec(0, 5, 80, 1000, 512, 60));
    SimulatedProject p = project(5, idle);
    ServiceModel quiet = p.service("quiet").orElseThrow();
    quiet.enqueue(400);
    p.advance(Duration.ofSeconds(10));
    assertThat(quiet.snapshot().instances()).isGreaterThan(1);
    p.advance(Duration.ofMinutes(15));
    assertThat(quiet.snapshot().instances()).isLessThanOrEqualTo(1);
  }

  @Test
  @DisplayName("a spike multiplies the request rate for five minutes")
  void spike() {
    SimulatedProject p = project(5, ServiceProfile.webApi("api", Scenario.SPIKE));
    p.advance(Duration.ofMinutes(45));
    List<MinuteSample> h = p.service("api").orElseThrow().history();
    long quiet = total(h.get(20));
    long busy =
        h.stream()
            .filter(m -> (m.start().getEpochSecond() / 60) % 45 < 5)
            .mapToLong(ServiceModelTest::total)
            .max()
            .orElseThrow();
    assertThat(busy).isGreaterThan(quiet * 3);
  }

  @Test
  @DisplayName("logs run from DEBUG to CRITICAL, with JSON payloads, stack traces and secrets")
  void realisticLogs() {
    SimulatedProject p =
        project(11, SimulatedProject.defaultServices().toArray(ServiceProfile[]::new));
    p.service("consumer").orElseThrow().enqueue(4_000);
    p.advance(Duration.ofMinutes(1));
    p.service("consumer").orElseThrow().enqueue(2_000); // overflows: dropped work is CRITICAL
    p.advance(Duration.ofHours(2));
    List<LogRecord> all = p.logs().snapshot();
    assertThat(all.stream().map(LogRecord::severity).collect(Collectors.toSet()))
        .contains(
            Severity.DEBUG, Severity.INFO, Severity.WARNING, Severity.ERROR, Severity.CRITICAL);
    assertThat(all).anyMatch(r -> r.json() != null && r.json().containsKey("input_tokens"));
    assertThat(all).anyMatch(r -> r.http() != null && r.http().status() == 200);
    String text = texts(p);
    assertThat(text).contains("Traceback (most recent call last):\n");
    assertThat(text).containsPattern("\tat [\\w.$]+\\(\\w+\\.java:\\d+\\)");
    assertThat(text).contains("Authorization: Bearer eyJ");
    assertThat(text).containsPattern("key=AIza\\w{35}");
    assertThat(text).containsPattern("postgres://[\\w-]+:\\w+@");
    assertThat(text).contains("queue backlog growing");
    assertThat(text).contains("Slow request:");
  }

  private static long total(MinuteSample m) {
    return m.requestsByCode().values().stream().mapToLong(Long::longValue).sum();
  }

  private static String texts(SimulatedProject p) {
    return p.logs().snapshot().stream()
        .map(r -> r.text() != null ? r.text() : String.valueOf(r.json()))
        .collect(Collectors.joining("\n"));
  }

  static ServiceProfile withSpec(ServiceProfile p, ServiceSpec spec) {
    return new ServiceProfile(
        p.name(),
        p.scenario(),
        spec,
        p.baseRps(),
        p.inputTokensMean(),
        p.outputTokensMean(),
        p.baseWorkMillis(),
        p.millisPerInputToken(),
        p.millisPerOutputToken(),
        p.cpuPerBusySlot(),
        p.baseMemoryMiB(),
        p.memoryPerBusySlotMiB(),
        p.leakMiBPerRequest(),
        p.coldStartMillis(),
        p.upstreamTimeoutRate(),
        p.upstreamTimeoutSeconds(),
        p.slowRequestMillis(),
        p.exportsQueueDepth(),
        p.queueCapacity(),
        p.language());
  }
}
