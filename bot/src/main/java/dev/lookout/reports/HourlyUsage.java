package dev.lookout.reports;

import dev.lookout.cost.Pricing;
import java.time.Instant;

/**
 * One service's usage in one UTC hour, as Cloud Monitoring reports it: the rollup a report adds up.
 *
 * @param activeInstanceSeconds instance time spent serving requests
 * @param idleInstanceSeconds instance time kept warm without a request
 * @param billableSeconds billable instance time
 * @param vcpuSeconds CPU allocation time
 * @param gibSeconds memory allocation time
 * @param errors requests answered with a 5xx
 */
public record HourlyUsage(
    String service,
    Instant hourStart,
    double activeInstanceSeconds,
    double idleInstanceSeconds,
    double billableSeconds,
    double vcpuSeconds,
    double gibSeconds,
    long requests,
    long errors,
    LatencyHistogram latency) {

  /** The share of instance time spent serving, which splits the allocation into busy and idle. */
  public double activeShare() {
    double all = activeInstanceSeconds + idleInstanceSeconds;
    return all <= 0 ? 0 : activeInstanceSeconds / all;
  }

  /**
   * The hour's estimated cost: allocated vCPU-seconds and GiB-seconds at the active list price for
   * the busy share, and at the idle (minimum instance) price for the idle share.
   */
  public double cost(Pricing p) {
    double busy = activeShare();
    return vcpuSeconds * (busy * p.vcpuSecond() + (1 - busy) * p.idleVcpuSecond())
        + gibSeconds * (busy * p.gibSecond() + (1 - busy) * p.idleGibSecond());
  }

  /** The hour's estimated energy in watt-hours, from the power figures in {@code p}. */
  public double energyWh(Pricing p) {
    double busy = activeShare();
    double vcpuWatts = busy * p.activeWattsPerVcpu() + (1 - busy) * p.idleWattsPerVcpu();
    return (vcpuSeconds * vcpuWatts + gibSeconds * p.wattsPerGib()) / 3600.0;
  }
}
