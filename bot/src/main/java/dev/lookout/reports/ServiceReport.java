package dev.lookout.reports;

/**
 * One service's part of a report: its usage in the window and in the window before, its alerts and
 * the scale changes applied to it.
 */
public record ServiceReport(
    String service, Usage current, Usage previous, AlertStats alerts, int scaleChanges) {}
