package dev.lookout.simulator.model;

/**
 * What the Cloud Run Admin API can change about a service's running revision: its scaling bounds,
 * per-instance concurrency, resources and request timeout.
 *
 * @param cpuMillis vCPU in thousandths (1000 = one vCPU)
 */
public record ServiceSpec(
    int minInstances,
    int maxInstances,
    int concurrency,
    int cpuMillis,
    int memoryMiB,
    int timeoutSeconds) {

  public ServiceSpec {
    if (minInstances < 0 || maxInstances < 1 || minInstances > maxInstances) {
      throw new IllegalArgumentException(
          "instances must satisfy 0 <= min <= max, max >= 1; got min="
              + minInstances
              + " max="
              + maxInstances);
    }
    if (concurrency < 1 || cpuMillis < 1 || memoryMiB < 1 || timeoutSeconds < 1) {
      throw new IllegalArgumentException("concurrency, cpu, memory and timeout must be positive");
    }
  }

  public double cpus() {
    return cpuMillis / 1000.0;
  }
}
