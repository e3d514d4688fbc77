package dev.lookout.reports;

import java.time.Instant;

/** One incident that fired, as the alert history keeps it after the alert itself moves on. */
public record AlertRecord(
    String service,
    String ruleId,
    String title,
    String severity,
    Instant firedAt,
    Instant acknowledgedAt,
    Instant resolvedAt) {}
