package dev.lookout.simulator.model;

import java.time.Instant;
import java.util.Arrays;

/** One container instance of a service: its request slots, memory and life cycle. */
final class Instance {
  final String id;
  Instant startedAt;
  Instant readyAt;
  boolean ready;
  boolean draining;
  boolean loggedStartup;
  Instant idleSince;
  Instant crashAt;
  int restarts;
  double leakedMiB;
  double cpuDemand;
  double lastCpuUtilization;

  // One entry per request slot; remaining work is 0 when the slot is free.
  double[] remaining;
  double[] latencyMillis;
  double[] waitMillis;
  int[] status;
  int[] inputTokens;
  int[] outputTokens;
  boolean[] sleep;
  // How hard the request in each slot works the CPU, and how much memory it holds, as multiples
  // of the profile's per-slot figures: requests differ, so a busy instance's figures vary.
  double[] cpuIntensity;
  double[] memoryFactor;

  Instance(String id, Instant startedAt, Instant readyAt, int slots) {
    this.id = id;
    this.startedAt = startedAt;
    this.readyAt = readyAt;
    this.idleSince = readyAt;
    resize(slots);
  }

  void resize(int slots) {
    remaining = Arrays.copyOf(remaining == null ? new double[0] : remaining, slots);
    latencyMillis = Arrays.copyOf(latencyMillis == null ? new double[0] : latencyMillis, slots);
    waitMillis = Arrays.copyOf(waitMillis == null ? new double[0] : waitMillis, slots);
    status = Arrays.copyOf(status == null ? new int[0] : status, slots);
    inputTokens = Arrays.copyOf(inputTokens == null ? new int[0] : inputTokens, slots);
    outputTokens = Arrays.copyOf(outputTokens == null ? new int[0] : outputTokens, slots);
    sleep = Arrays.copyOf(sleep == null ? new boolean[0] : sleep, slots);
    cpuIntensity = Arrays.copyOf(cpuIntensity == null ? new double[0] : cpuIntensity, slots);
    memoryFactor = Arrays.copyOf(memoryFactor == null ? new double[0] : memoryFactor, slots);
  }

  /** The memory the requests in progress hold, in multiples of the per-slot figure. */
  double memoryInUse() {
    double sum = 0;
    for (int i = 0; i < remaining.length; i++) {
      if (remaining[i] > 0) {
        sum += memoryFactor[i];
      }
    }
    return sum;
  }

  int busySlots() {
    int n = 0;
    for (double r : remaining) {
      if (r > 0) {
        n++;
      }
    }
    return n;
  }

  /** Frees every slot, returning how many requests were in progress. */
  int dropAll() {
    int dropped = busySlots();
    Arrays.fill(remaining, 0);
    Arrays.fill(sleep, false);
    return dropped;
  }

  void restart(Instant now, Instant nextReady) {
    dropAll();
    ready = false;
    loggedStartup = false;
    startedAt = now;
    readyAt = nextReady;
    idleSince = nextReady;
    crashAt = null;
    leakedMiB = 0;
    cpuDemand = 0;
    restarts++;
  }
}
