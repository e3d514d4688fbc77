package dev.lookout.simulator.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything Cloud Monitoring knows about one service for one minute (or, in the archive before the
 * history, one hour): the raw points from which every Cloud Run metric is served. Built during the
 * minute, then frozen: callers read the histograms it hands out and must copy one before changing
 * it.
 */
public final class MinuteSample {
  private final Instant start;
  private final String revision;
  private final Histogram cpu = new Histogram(Buckets.UTILIZATION);
  private final Histogram memory = new Histogram(Buckets.UTILIZATION);
  private final Histogram concurrency = new Histogram(Buckets.COUNT);
  private final Histogram startup = new Histogram(Buckets.MILLISECONDS);
  private final Map<Integer, Long> requestsByCode = new TreeMap<>();
  private final Map<String, Histogram> latencyByClass = new TreeMap<>();
  private long activeInstances;
  private long idleInstances;
  private double billableSeconds;
  private double cpuAllocationSeconds;
  private double memoryAllocationGibSeconds;
  private long queueDepth;
  private final boolean hasQueue;
  private final int seconds;

  MinuteSample(Instant start, String revision, boolean hasQueue) {
    this(start, revision, hasQueue, 60);
  }

  private MinuteSample(Instant start, String revision, boolean hasQueue, int seconds) {
    this.start = start;
    this.revision = revision;
    this.hasQueue = hasQueue;
    this.seconds = seconds;
  }

  /**
   * An archived hour starting at {@code hour}, summarized from one simulated minute: counts and
   * times sixty times the minute's, gauges as the minute left them.
   */
  MinuteSample asHour(Instant hour) {
    MinuteSample h = new MinuteSample(hour, revision, hasQueue, 3600);
    for (int i = 0; i < 60; i++) {
      h.cpu.merge(cpu);
      h.memory.merge(memory);
      h.concurrency.merge(concurrency);
      h.startup.merge(startup);
      latencyByClass.forEach(
          (cls, hist) ->
              h.latencyByClass
                  .computeIfAbsent(cls, c -> new Histogram(Buckets.MILLISECONDS))
                  .merge(hist));
    }
    requestsByCode.forEach((code, n) -> h.requestsByCode.put(code, n * 60));
    h.activeInstances = activeInstances;
    h.idleInstances = idleInstances;
    h.billableSeconds = billableSeconds * 60;
    h.cpuAllocationSeconds = cpuAllocationSeconds * 60;
    h.memoryAllocationGibSeconds = memoryAllocationGibSeconds * 60;
    h.queueDepth = queueDepth;
    return h;
  }

  void recordRequest(int status, double latencyMillis) {
    requestsByCode.merge(status, 1L, Long::sum);
    latencyByClass
        .computeIfAbsent(statusClass(status), c -> new Histogram(Buckets.MILLISECONDS))
        .add(latencyMillis);
  }

  void recordRejected(int status, long count, double latencyMillis) {
    if (count <= 0) {
      return;
    }
    requestsByCode.merge(status, count, Long::sum);
    latencyByClass
        .computeIfAbsent(statusClass(status), c -> new Histogram(Buckets.MILLISECONDS))
        .add(latencyMillis, count);
  }

  /** The gauge is sampled: the minute's point is the count at its end. */
  void recordInstances(long active, long idle) {
    activeInstances = active;
    idleInstances = idle;
  }

  void addBillable(double seconds) {
    billableSeconds += seconds;
  }

  /** CPU and memory held by the minute's instances: vCPU-seconds and GiB-seconds. */
  void addAllocation(double vcpuSeconds, double gibSeconds) {
    cpuAllocationSeconds += vcpuSeconds;
    memoryAllocationGibSeconds += gibSeconds;
  }

  void recordQueueDepth(long depth) {
    queueDepth = depth;
  }

  Histogram cpuHistogram() {
    return cpu;
  }

  Histogram memoryHistogram() {
    return memory;
  }

  Histogram concurrencyHistogram() {
    return concurrency;
  }

  Histogram startupHistogram() {
    return startup;
  }

  /** "2xx", "4xx" or "5xx", as Cloud Run labels {@code response_code_class}. */
  public static String statusClass(int status) {
    return (status / 100) + "xx";
  }

  public Instant start() {
    return start;
  }

  /** The end of the minute, or of the hour for an archived one. */
  public Instant end() {
    return start.plusSeconds(seconds);
  }

  public String revision() {
    return revision;
  }

  public Histogram cpu() {
    return cpu;
  }

  public Histogram memory() {
    return memory;
  }

  public Histogram concurrency() {
    return concurrency;
  }

  public Histogram startup() {
    return startup;
  }

  public Map<Integer, Long> requestsByCode() {
    return Map.copyOf(requestsByCode);
  }

  public Map<String, Histogram> latencyByClass() {
    return java.util.Collections.unmodifiableMap(latencyByClass);
  }

  public long activeInstances() {
    return activeInstances;
  }

  public long idleInstances() {
    return idleInstances;
  }

  public double billableSeconds() {
    return billableSeconds;
  }

  public double cpuAllocationSeconds() {
    return cpuAllocationSeconds;
  }

  public double memoryAllocationGibSeconds() {
    return memoryAllocationGibSeconds;
  }

  public boolean hasQueue() {
    return hasQueue;
  }

  public long queueDepth() {
    return queueDepth;
  }
}
