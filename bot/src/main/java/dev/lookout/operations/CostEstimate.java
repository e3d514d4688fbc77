package dev.lookout.operations;

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
    double reservedIdleWatts) {}
