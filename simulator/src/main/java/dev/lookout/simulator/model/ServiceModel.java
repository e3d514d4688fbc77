package dev.lookout.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One simulated Cloud Run service. Each tick requests arrive at random into a queue, instances pull
 * them into their request slots, work proceeds at the speed the instance's CPU allows, and the
 * autoscaler adds or removes instances by concurrency and CPU. Overload has consequences: an
 * instance over its memory limit is killed, a full queue rejects requests, slow work times out.
 *
 * <p>Everything random comes from one seeded source per service, so the same seed and the same
 * commands at the same virtual times give the same metrics and logs.
 */
public final class ServiceModel {
  private static final double TARGET_CONCURRENCY_UTILIZATION = 0.6;
  private static final double TARGET_CPU_UTILIZATION = 0.6;
  private static final Duration SCALE_IN_DELAY = Duration.ofMinutes(2);
  private static final double IDLE_CPU = 0.01;

  /** The CPU a slot uses while its request waits (on a sleep or a stuck upstream). */
  private static final double SLEEPING_CPU = 0.05;

  /** How much requests differ in CPU and in memory: the σ of a log-normal factor of mean 1. */
  private static final double CPU_SPREAD = 0.35;

  private static final double MEMORY_SPREAD = 0.2;
  private static final int REQUEST_LOGS_PER_TICK = 2;
  private static final int ERROR_LOGS_PER_TICK = 5;

  private final ReentrantLock lock = new ReentrantLock();
  private final ServiceProfile profile;
  private final VirtualClock clock;
  private final SplittableRandom random;
  // Its own stream, so that how hard requests work leaves the rest of a seeded run as it was.
  private final SplittableRandom requestShape;
  private final LogWriter log;
  private final LogBook logBook;
  private final Duration retention;
  private final RequestQueue queue;
  private final List<Instance> instances = new ArrayList<>();
  private final Deque<Double> pendingSleeps = new ArrayDeque<>();
  private final Deque<MinuteSample> history = new ArrayDeque<>();

  private ServiceSpec spec;
  private String revision;
  private MinuteSample minute;
  private double throughputPerSecond;
  private long arrivedThisTick;
  private long lastLoggedBacklog;
  private Instant lastQueueFullLog = Instant.MIN;

  private double cpuDrillFraction;
  private Instant cpuDrillUntil = Instant.MIN;
  private double ramDrillFraction;
  private Instant ramDrillUntil = Instant.MIN;

  // Per-tick log budget, so a busy service does not write a line per request.
  private int requestLogsThisTick;
  private int errorLogsThisTick;

  public ServiceModel(
      ServiceProfile profile,
      String revision,
      VirtualClock clock,
      long seed,
      LogBook logBook,
      Duration retention) {
    this.profile = profile;
    this.spec = profile.spec();
    this.revision = revision;
    this.clock = clock;
    this.random = new SplittableRandom(seed ^ (profile.name().hashCode() * 0x9E3779B97F4A7C15L));
    this.requestShape =
        new SplittableRandom(seed ^ (profile.name().hashCode() * 0xC2B2AE3D27D4EB4FL));
    this.logBook = logBook;
    this.log = new LogWriter(profile, logBook, random);
    this.retention = retention;
    this.queue = new RequestQueue(profile.queueCapacity());
    Instant now = clock.instant();
    this.minute = new MinuteSample(minuteOf(now), revision, profile.exportsQueueDepth());
    for (int i = 0; i < spec.minInstances(); i++) {
      startInstance(now);
    }
  }

  public String name() {
    return profile.name();
  }

  public ServiceProfile profile() {
    return profile;
  }

  public ServiceSpec spec() {
    lock.lock();
    try {
      return spec;
    } finally {
      lock.unlock();
    }
  }

  public String revision() {
    lock.lock();
    try {
      return revision;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Rolls out a new revision: the old instances finish what they are doing and stop, new ones start
   * with the new bounds and resources.
   */
  public void rollOut(ServiceSpec newSpec, String newRevision) {
    lock.lock();
    try {
      this.spec = newSpec;
      this.revision = newRevision;
      for (Instance instance : instances) {
        instance.draining = true;
      }
      Instant now = clock.instant();
      for (int i = 0; i < newSpec.minInstances(); i++) {
        startInstance(now);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Changes scaling bounds without a new revision (service-level scaling): instances keep running
   * and the autoscaler works within the new bounds from the next tick.
   */
  public void rescale(ServiceSpec newSpec) {
    lock.lock();
    try {
      if (newSpec.concurrency() != spec.concurrency()
          || newSpec.cpuMillis() != spec.cpuMillis()
          || newSpec.memoryMiB() != spec.memoryMiB()
          || newSpec.timeoutSeconds() != spec.timeoutSeconds()) {
        throw new IllegalArgumentException("only a new revision changes resources");
      }
      this.spec = newSpec;
    } finally {
      lock.unlock();
    }
  }

  /** Adds requests to the backlog, as the enqueue drill does; returns how many were accepted. */
  public long enqueue(long count) {
    long accepted = queue.offer(count);
    if (accepted < count) {
      lock.lock();
      try {
        reject(clock.instant(), count - accepted);
      } finally {
        lock.unlock();
      }
    }
    return accepted;
  }

  /** Holds every instance's CPU at {@code fraction} of its limit until {@code duration} passes. */
  public Instant holdCpu(double fraction, Duration duration) {
    lock.lock();
    try {
      cpuDrillFraction = fraction;
      cpuDrillUntil = clock.instant().plus(duration);
      return cpuDrillUntil;
    } finally {
      lock.unlock();
    }
  }

  /** Holds every instance's memory at {@code fraction} of its limit until the duration passes. */
  public Instant holdMemory(double fraction, Duration duration) {
    lock.lock();
    try {
      ramDrillFraction = fraction;
      ramDrillUntil = clock.instant().plus(duration);
      return ramDrillUntil;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends the CPU and memory drills now and drops slow requests not yet started, as the stop
   * endpoint does. Requests already enqueued stay: they are real work to the service.
   */
  public void stopDrills() {
    lock.lock();
    try {
      Instant now = clock.instant();
      cpuDrillFraction = 0;
      cpuDrillUntil = now;
      ramDrillFraction = 0;
      ramDrillUntil = now;
      pendingSleeps.clear();
    } finally {
      lock.unlock();
    }
  }

  /** Sends one request that occupies a slot for {@code duration}, as the sleep endpoint does. */
  public Instant sleep(Duration duration) {
    lock.lock();
    try {
      pendingSleeps.addLast(duration.toMillis() / 1000.0);
      return clock.instant().plus(duration);
    } finally {
      lock.unlock();
    }
  }

  /** Advances the service by one tick ending at the clock's current instant. */
  public void step(Duration tick) {
    lock.lock();
    try {
      double dt = tick.toMillis() / 1000.0;
      Instant now = clock.instant();
      Instant tickStart = now.minus(tick);
      rollMinute(tickStart);
      requestLogsThisTick = 0;
      errorLogsThisTick = 0;
      if (!now.isBefore(cpuDrillUntil)) {
        cpuDrillFraction = 0;
      }
      if (!now.isBefore(ramDrillUntil)) {
        ramDrillFraction = 0;
      }
      arrive(now, dt);
      lifeCycle(now);
      int completed = process(now, dt);
      throughputPerSecond = 0.9 * throughputPerSecond + 0.1 * (completed / dt);
      autoscale(now);
      account(dt);
    } finally {
      lock.unlock();
    }
  }

  private void arrive(Instant now, double dt) {
    double rate = profile.baseRps() * profile.scenario().trafficFactor(now) * dt;
    long arrivals = poisson(rate);
    arrivedThisTick = arrivals;
    if (arrivals == 0) {
      return;
    }
    long accepted = queue.offer(arrivals);
    if (accepted < arrivals) {
      reject(now, arrivals - accepted);
    }
  }

  /** Requests the full queue turned away: answered 429, logged at most once a minute. */
  private void reject(Instant now, long rejected) {
    minute.recordRejected(429, rejected, 2);
    if (Duration.between(lastQueueFullLog, now).toSeconds() >= 60) {
      log.queueFull(now, revision, rejected, queue.capacity());
      lastQueueFullLog = now;
    }
  }

  private void lifeCycle(Instant now) {
    for (Instance instance : instances) {
      if (!instance.ready && !now.isBefore(instance.readyAt)) {
        instance.ready = true;
        long startupMillis = Duration.between(instance.startedAt, instance.readyAt).toMillis();
        minute.startupHistogram().add(startupMillis);
        log.instanceReady(now, revision, instance.id, startupMillis);
        if (profile.scenario() == Scenario.CRASH_LOOP) {
          instance.crashAt = now.plusSeconds(4 + random.nextInt(12));
        }
      }
      if (instance.crashAt != null && !now.isBefore(instance.crashAt)) {
        int dropped = instance.dropAll();
        minute.recordRejected(503, dropped, 5);
        log.crashed(now, revision, instance.id);
        long backoffSeconds = Math.min(1L << Math.min(instance.restarts, 6), 60);
        instance.restart(now, now.plusSeconds(backoffSeconds).plusMillis(coldStartMillis()));
      }
    }
  }

  /** Runs every ready instance's slots for one tick; returns how many requests finished. */
  private int process(Instant now, double dt) {
    int completed = 0;
    for (Instance instance : instances) {
      if (!instance.ready) {
        continue;
      }
      double cpus = spec.cpus();
      double speed = cpus / Math.max(cpus, instance.cpuDemand);
      double busySeconds = 0;
      for (int slot = 0; slot < instance.remaining.length; slot++) {
        double left = dt;
        while (left > 1e-9) {
          if (instance.remaining[slot] <= 0) {
            if (instance.draining || slot >= spec.concurrency() || !pull(instance, slot)) {
              break;
            }
          }
          double work = Math.min(left * speed, instance.remaining[slot]);
          double elapsed = work / speed;
          instance.remaining[slot] -= work;
          instance.latencyMillis[slot] += elapsed * 1000;
          left -= elapsed;
          busySeconds += elapsed * instance.cpuIntensity[slot];
          // The request timeout counts from when an instance took the request, not the backlog.
          double processing = instance.latencyMillis[slot] - instance.waitMillis[slot];
          if (processing >= spec.timeoutSeconds() * 1000.0 && instance.remaining[slot] > 1e-9) {
            instance.remaining[slot] = 0;
            complete(now, instance, slot, 504, true);
            completed++;
          } else if (instance.remaining[slot] <= 1e-9) {
            instance.remaining[slot] = 0;
            complete(now, instance, slot, instance.status[slot], false);
            completed++;
          }
        }
      }
      int busy = instance.busySlots();
      double drillCpu = cpuDrillFraction * cpus;
      // busySeconds counts each slot's time weighted by how hard its request works the CPU.
      instance.cpuDemand =
          IDLE_CPU + busySeconds / dt * profile.cpuPerBusySlot() + drillCpu; // vCPUs wanted
      instance.lastCpuUtilization = Math.min(1.0, instance.cpuDemand / cpus);
      double memoryUsed =
          profile.baseMemoryMiB()
              + instance.memoryInUse() * profile.memoryPerBusySlotMiB()
              + instance.leakedMiB
              + ramDrillFraction * spec.memoryMiB();
      minute.cpuHistogram().add(instance.lastCpuUtilization);
      minute.memoryHistogram().add(Math.min(1.0, memoryUsed / spec.memoryMiB()));
      minute.concurrencyHistogram().add(busy);
      if (busySeconds > 0) {
        instance.idleSince = now;
      }
      if (memoryUsed > spec.memoryMiB()) {
        int dropped = instance.dropAll();
        minute.recordRejected(503, dropped, 5);
        log.oomKilled(now, revision, instance.id, spec.memoryMiB(), memoryUsed);
        instance.restart(now, now.plusMillis(coldStartMillis()));
        // The memory drill's allocation dies with the killed process.
        ramDrillFraction = 0;
        ramDrillUntil = now;
      }
    }
    return completed;
  }

  /** Fills a free slot with the next request; false when there is none. */
  /** A log-normal factor with mean {@code mean} and spread {@code sigma}. */
  private double logNormal(double sigma, double mean) {
    return mean * Math.exp(sigma * requestShape.nextGaussian() - sigma * sigma / 2);
  }

  private boolean pull(Instance instance, int slot) {
    if (!pendingSleeps.isEmpty()) {
      instance.remaining[slot] = pendingSleeps.removeFirst();
      instance.latencyMillis[slot] = 0;
      instance.waitMillis[slot] = 0;
      instance.status[slot] = 200;
      instance.sleep[slot] = true;
      instance.inputTokens[slot] = 0;
      instance.outputTokens[slot] = 0;
      instance.cpuIntensity[slot] = SLEEPING_CPU; // a slow request sleeps; it burns no CPU
      instance.memoryFactor[slot] = 1;
      return true;
    }
    if (queue.take(1) == 0) {
      return false;
    }
    int in = profile.inputTokensMean() > 0 ? tokens(profile.inputTokensMean()) : 0;
    int out = profile.outputTokensMean() > 0 ? tokens(profile.outputTokensMean()) : 0;
    double millis =
        (profile.baseWorkMillis()
                + in * profile.millisPerInputToken()
                + out * profile.millisPerOutputToken())
            * Math.exp(0.25 * random.nextGaussian());
    boolean upstreamTimeout = random.nextDouble() < profile.upstreamTimeoutRate();
    instance.remaining[slot] = upstreamTimeout ? profile.upstreamTimeoutSeconds() : millis / 1000;
    instance.status[slot] = upstreamTimeout ? 504 : 200;
    instance.sleep[slot] = false;
    // Requests differ: some work the CPU harder than others, some hold more memory (log-normal
    // around the profile's figure, mean 1); one stuck on an upstream only waits.
    instance.cpuIntensity[slot] = upstreamTimeout ? SLEEPING_CPU : logNormal(CPU_SPREAD, 1);
    instance.memoryFactor[slot] = logNormal(MEMORY_SPREAD, 1);
    instance.inputTokens[slot] = in;
    instance.outputTokens[slot] = out;
    // The queue is a counter, so a request's wait is estimated from the backlog it joined and
    // the recent throughput (Little's law). Requests that arrived this tick are not backlog.
    long backlog = Math.max(0, queue.depth() - arrivedThisTick);
    instance.waitMillis[slot] =
        Math.min(backlog / Math.max(throughputPerSecond, 0.05), 3600) * 1000;
    instance.latencyMillis[slot] = instance.waitMillis[slot];
    return true;
  }

  private void complete(
      Instant now, Instance instance, int slot, int status, boolean requestTimeout) {
    double latency = instance.latencyMillis[slot];
    minute.recordRequest(status, latency);
    instance.leakedMiB += profile.leakMiBPerRequest();
    instance.sleep[slot] = false;
    boolean error = status >= 500;
    if (error && errorLogsThisTick < ERROR_LOGS_PER_TICK) {
      errorLogsThisTick++;
      if (requestTimeout) {
        log.requestTimeout(now, revision, instance.id, spec.timeoutSeconds());
      } else {
        log.upstreamTimeout(now, revision, instance.id, profile.upstreamTimeoutSeconds());
      }
      log.request(now, revision, instance.id, status, latency, 0, 0);
    } else if (!error && requestLogsThisTick < REQUEST_LOGS_PER_TICK) {
      requestLogsThisTick++;
      log.request(
          now,
          revision,
          instance.id,
          status,
          latency,
          instance.inputTokens[slot],
          instance.outputTokens[slot]);
      if (latency > profile.slowRequestMillis()) {
        log.slowRequest(now, revision, instance.id, latency);
      }
    }
  }

  private void autoscale(Instant now) {
    int busy = 0;
    int serving = 0;
    double cpuSum = 0;
    int readyCount = 0;
    for (Instance instance : instances) {
      busy += instance.busySlots();
      if (!instance.draining) {
        serving++;
        if (instance.ready) {
          cpuSum += instance.lastCpuUtilization;
          readyCount++;
        }
      }
    }
    long demand = busy + queue.depth() + pendingSleeps.size();
    double perInstance = Math.max(1.0, spec.concurrency() * TARGET_CONCURRENCY_UTILIZATION);
    int byConcurrency = (int) Math.ceil(demand / perInstance);
    int byCpu =
        readyCount == 0
            ? 0
            : (int) Math.ceil(readyCount * (cpuSum / readyCount) / TARGET_CPU_UTILIZATION);
    int desired =
        Math.max(
            spec.minInstances(), Math.min(spec.maxInstances(), Math.max(byConcurrency, byCpu)));
    for (int i = serving; i < desired; i++) {
      startInstance(now);
    }
    int surplus = serving - desired;
    Iterator<Instance> it = instances.iterator();
    while (it.hasNext()) {
      Instance instance = it.next();
      boolean idle = instance.busySlots() == 0;
      if (instance.draining && idle) {
        it.remove();
      } else if (surplus > 0
          && instance.ready
          && idle
          && !instance.idleSince.plus(SCALE_IN_DELAY).isAfter(now)) {
        log.instanceStopped(now, revision, instance.id);
        it.remove();
        surplus--;
      }
    }
    long depth = queue.depth();
    if (profile.exportsQueueDepth()
        && depth > Math.max(50, 2 * lastLoggedBacklog)
        && depth > 2L * spec.concurrency() * Math.max(1, serving)) {
      log.queueBacklog(now, revision, depth, busy, depth / Math.max(throughputPerSecond, 0.05));
      lastLoggedBacklog = depth;
    } else if (depth < lastLoggedBacklog / 4) {
      lastLoggedBacklog = depth;
    }
  }

  private void account(double dt) {
    long active = 0;
    long idle = 0;
    for (Instance instance : instances) {
      if (instance.ready && instance.busySlots() > 0) {
        active++;
      } else {
        idle++;
      }
    }
    minute.recordInstances(active, idle);
    minute.addBillable(instances.size() * dt);
    minute.addAllocation(
        instances.size() * dt * spec.cpuMillis() / 1000.0,
        instances.size() * dt * spec.memoryMiB() / 1024.0);
    minute.recordQueueDepth(queue.depth());
  }

  private void startInstance(Instant now) {
    Instance instance =
        new Instance(log.hex(64), now, now.plusMillis(coldStartMillis()), spec.concurrency());
    instances.add(instance);
    log.instanceStarting(now, revision, instance.id);
    if (random.nextDouble() < 0.3) {
      log.cacheStats(now, revision, instance.id);
    }
  }

  private long coldStartMillis() {
    return Math.round(profile.coldStartMillis() * Math.exp(0.3 * random.nextGaussian()));
  }

  private int tokens(double mean) {
    return (int) Math.max(1, Math.round(mean * Math.exp(0.5 * random.nextGaussian() - 0.125)));
  }

  private long poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    long n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }

  private void rollMinute(Instant tickStart) {
    Instant start = minuteOf(tickStart);
    if (start.equals(minute.start())) {
      return;
    }
    history.addLast(minute);
    minute = new MinuteSample(start, revision, profile.exportsQueueDepth());
    Instant cutoff = start.minus(retention);
    while (!history.isEmpty() && history.peekFirst().start().isBefore(cutoff)) {
      history.removeFirst();
    }
    logBook.expire(cutoff);
  }

  private static Instant minuteOf(Instant t) {
    return t.truncatedTo(ChronoUnit.MINUTES);
  }

  /**
   * Files the minute in progress as the archived hour starting at {@code hour}, and starts the next
   * sample at {@code next}, where the clock will jump to.
   */
  void archiveMinute(Instant hour, Instant next) {
    lock.lock();
    try {
      history.addLast(minute.asHour(hour));
      minute = new MinuteSample(next, revision, profile.exportsQueueDepth());
    } finally {
      lock.unlock();
    }
  }

  /** The completed minutes, oldest first; the minute in progress is not included. */
  public List<MinuteSample> history() {
    lock.lock();
    try {
      return List.copyOf(history);
    } finally {
      lock.unlock();
    }
  }

  /** What the service looks like right now, for tests and the status line. */
  public Snapshot snapshot() {
    lock.lock();
    try {
      int ready = 0;
      int busy = 0;
      double cpu = 0;
      for (Instance instance : instances) {
        if (instance.ready) {
          ready++;
          cpu += instance.lastCpuUtilization;
        }
        busy += instance.busySlots();
      }
      return new Snapshot(
          instances.size(),
          ready,
          busy,
          queue.depth(),
          ready == 0 ? 0 : cpu / ready,
          spec,
          revision);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The service at one instant.
   *
   * @param meanCpuUtilization mean over ready instances, 0..1
   */
  public record Snapshot(
      int instances,
      int readyInstances,
      int busySlots,
      long queueDepth,
      double meanCpuUtilization,
      ServiceSpec spec,
      String revision) {}
}
