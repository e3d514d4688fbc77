package dev.lookout.reports;

import java.time.Instant;

/**
 * One bar of a report's chart: a day's (or, in a one-day report, an hour's) cost and idle share.
 */
public record ChartPoint(Instant start, String label, double cost, double idleShare) {}
