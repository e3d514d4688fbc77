package dev.lookout.operations;

import dev.lookout.cost.Pricing;

/**
 * What a service's settings cost per hour, at the two ends that matter for a scaling decision.
 *
 * @param floorPerHour the minimum instances kept warm while idle: paid even with no traffic
 * @param ceilingPerHour every instance up to max busy: the most an hour can cost
 * @param perActiveInstanceHour one busy instance for an hour
 * @param reservedIdleWatts the power the minimum instances draw while idle
 */
public record CostEstimate(
    double floorPerHour,
    double ceilingPerHour,
    double perActiveInstanceHour,
    double reservedIdleWatts) {

  /** The cost and power of running {@code settings}, per hour, at {@code pricing}'s rates. */
  public static CostEstimate of(ScaleSettings settings, Pricing pricing) {
    double idleInstance =
        settings.vcpus() * pricing.idleVcpuSecond() + settings.gib() * pricing.idleGibSecond();
    double activeInstance =
        settings.vcpus() * pricing.vcpuSecond() + settings.gib() * pricing.gibSecond();
    double idleWatts =
        settings.vcpus() * pricing.idleWattsPerVcpu() + settings.gib() * pricing.wattsPerGib();
    return new CostEstimate(
        settings.minInstances() * idleInstance * 3600,
        settings.maxInstances() * activeInstance * 3600,
        activeInstance * 3600,
        settings.minInstances() * idleWatts);
  }
}
