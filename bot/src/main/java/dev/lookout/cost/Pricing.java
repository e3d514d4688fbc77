package dev.lookout.cost;

/**
 * Cloud Run list prices and power figures from configuration, for estimates on proposals and
 * reports. Prices are per second of an instance's allocated resources (request-based billing while
 * serving; the lower idle rate for minimum instances kept warm).
 *
 * @param vcpuSecond price of one vCPU-second while active
 * @param gibSecond price of one GiB-second while active
 * @param idleVcpuSecond price of one vCPU-second of an idle minimum instance
 * @param idleGibSecond price of one GiB-second of an idle minimum instance
 * @param idleWattsPerVcpu power drawn by an allocated but idle vCPU
 * @param activeWattsPerVcpu power drawn by a busy vCPU
 * @param wattsPerGib power drawn by a GiB of allocated memory
 */
public record Pricing(
    String currency,
    double vcpuSecond,
    double gibSecond,
    double idleVcpuSecond,
    double idleGibSecond,
    double idleWattsPerVcpu,
    double activeWattsPerVcpu,
    double wattsPerGib) {

  /**
   * Cloud Run's published tier-1 prices (USD) and Cloud Carbon Footprint's coefficients for Google
   * Cloud (0.71 W idle and 4.26 W busy per vCPU, 0.392 W per GiB).
   */
  public static Pricing defaults() {
    return new Pricing("USD", 0.000024, 0.0000025, 0.0000025, 0.0000025, 0.71, 4.26, 0.392);
  }
}
