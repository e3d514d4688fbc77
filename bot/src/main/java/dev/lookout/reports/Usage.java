package dev.lookout.reports;

import dev.lookout.cost.Pricing;
import java.util.Collection;

/**
 * What a set of hourly rollups adds up to: the figures on a report card for one service, or for all
 * of them.
 *
 * @param hours how many rollup hours the figures rest on
 * @param idleShare the share of instance time that sat idle, 0..1; NaN without instances
 * @param energyKwh estimated energy in kilowatt-hours
 */
public record Usage(
    int hours,
    double activeInstanceHours,
    double idleInstanceHours,
    double vcpuHours,
    double gibHours,
    long requests,
    long errors,
    double latencyP50,
    double latencyP95,
    double latencyP99,
    double cost,
    double energyKwh,
    double idleShare) {

  public static final Usage NONE =
      new Usage(0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0, Double.NaN);

  public static Usage of(Collection<HourlyUsage> rollups, Pricing pricing) {
    double active = 0;
    double idle = 0;
    double vcpu = 0;
    double gib = 0;
    long requests = 0;
    long errors = 0;
    double cost = 0;
    double energy = 0;
    LatencyHistogram latency = LatencyHistogram.EMPTY;
    for (HourlyUsage h : rollups) {
      active += h.activeInstanceSeconds();
      idle += h.idleInstanceSeconds();
      vcpu += h.vcpuSeconds();
      gib += h.gibSeconds();
      requests += h.requests();
      errors += h.errors();
      cost += h.cost(pricing);
      energy += h.energyWh(pricing);
      latency = latency.plus(h.latency());
    }
    return new Usage(
        rollups.size(),
        active / 3600,
        idle / 3600,
        vcpu / 3600,
        gib / 3600,
        requests,
        errors,
        latency.percentile(50),
        latency.percentile(95),
        latency.percentile(99),
        cost,
        energy / 1000,
        active + idle > 0 ? idle / (active + idle) : Double.NaN);
  }

  public double instanceHours() {
    return activeInstanceHours + idleInstanceHours;
  }

  /** 5xx answers per request, 0..1; NaN without requests. */
  public double errorRate() {
    return requests == 0 ? Double.NaN : (double) errors / requests;
  }

  public boolean isEmpty() {
    return hours == 0;
  }
}
