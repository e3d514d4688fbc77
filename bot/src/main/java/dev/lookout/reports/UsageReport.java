package dev.lookout.reports;

import dev.lookout.cost.Pricing;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A usage, cost and energy report: per service (sorted by cost, most expensive first) and in total,
 * against the window before, with the prices and power figures its estimates assume.
 *
 * @param service the one service asked for, or empty for all
 * @param hoursCovered hours of the window that have usage data (Monitoring keeps six weeks)
 * @param partial whether the window has not ended yet
 */
public record UsageReport(
    ReportWindow window,
    ReportWindow previousWindow,
    Optional<String> service,
    List<ServiceReport> services,
    Usage total,
    Usage previousTotal,
    AlertStats alerts,
    int scaleChanges,
    List<ChartPoint> chart,
    int hoursCovered,
    boolean partial,
    Pricing pricing,
    Instant builtAt) {}
