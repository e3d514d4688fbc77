package dev.lookout.operations;

import java.time.Instant;
import java.util.Optional;

/**
 * A change to a service's scaling that waits for a second person, and what became of it.
 *
 * @param current the service's settings when the proposal was made
 * @param etag the service's etag then: applying fails cleanly if someone changed it since
 * @param evidence the figures that motivated it, in words (scheduler and alert proposals)
 * @param requesterId the Discord user id of the requester, empty for the scheduler
 * @param revision the revision serving the change, once applied
 * @param rollbackOf the proposal this one rolls back
 * @param rolledBackBy the rollback proposal that undid this one
 */
public record ScaleProposal(
    long id,
    String token,
    String guildId,
    String service,
    ProposalStatus status,
    ProposalOrigin origin,
    String requester,
    String requesterId,
    String reason,
    ScaleSettings current,
    ScaleSettings proposed,
    String etag,
    String evidence,
    Instant createdAt,
    Instant expiresAt,
    Optional<String> decidedBy,
    Optional<Instant> decidedAt,
    Optional<String> revision,
    Optional<Instant> finishedAt,
    Optional<String> failure,
    Optional<Long> rollbackOf,
    Optional<Long> rolledBackBy) {

  /** A proposal as first written: pending, nothing decided. */
  public static ScaleProposal draft(
      String guildId,
      String service,
      ProposalOrigin origin,
      String requester,
      String requesterId,
      String reason,
      ScaleSettings current,
      ScaleSettings proposed,
      String etag,
      String evidence,
      Instant now,
      Instant expiresAt,
      Optional<Long> rollbackOf) {
    return new ScaleProposal(
        0,
        "",
        guildId,
        service,
        ProposalStatus.PENDING,
        origin,
        requester,
        requesterId,
        reason,
        current,
        proposed,
        etag,
        evidence,
        now,
        expiresAt,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        rollbackOf,
        Optional.empty());
  }

  /** The title people know it by, such as {@code #12}. */
  public String label() {
    return "#" + id;
  }
}
