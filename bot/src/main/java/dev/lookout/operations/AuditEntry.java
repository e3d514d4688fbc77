package dev.lookout.operations;

import java.time.Instant;

/**
 * One line of the append-only audit trail: who did what to which service, and when.
 *
 * @param action such as {@code requested}, {@code approved}, {@code applied}, {@code drill-started}
 * @param subject what it concerns, such as {@code proposal #12} or {@code drill #3}
 */
public record AuditEntry(
    long id,
    Instant at,
    String guildId,
    String service,
    String actor,
    String action,
    String subject,
    String detail) {}
