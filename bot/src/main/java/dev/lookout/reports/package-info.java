/**
 * Usage, cost and energy reports and scheduled digests: report periods in a time zone, hourly
 * rollups and what they add up to, the figures a report card shows, digest schedules and quiet
 * hours. No JDA and no Google classes; Monitoring is reached through {@link
 * dev.lookout.reports.UsageSource}.
 */
package dev.lookout.reports;
