package dev.lookout.operations;

import java.time.Instant;
import java.util.Optional;

/**
 * What a step in a proposal's life records besides its new status. Fields left empty stay as they
 * were; {@code clearCheck} drops a before/after comparison still due.
 */
public record ProposalChange(
    Optional<String> decidedBy,
    Optional<Instant> decidedAt,
    Optional<String> revision,
    Optional<Instant> finishedAt,
    Optional<Instant> checkDueAt,
    boolean clearCheck,
    Optional<String> failure,
    Optional<Long> rolledBackBy) {

  /** The longest failure reason kept. */
  public static final int MAX_FAILURE = 1000;

  /** A step that records nothing but the new status. */
  public static ProposalChange none() {
    return new ProposalChange(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty());
  }

  /** Approved or rejected, by whom and when. */
  public static ProposalChange decided(String by, Instant at) {
    return new ProposalChange(
        Optional.of(by),
        Optional.of(at),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty());
  }

  /** Applied on {@code revision} at {@code at}, its comparison due at {@code checkDue}. */
  public static ProposalChange applied(String revision, Instant at, Instant checkDue) {
    return new ProposalChange(
        Optional.empty(),
        Optional.empty(),
        Optional.of(revision),
        Optional.of(at),
        Optional.of(checkDue),
        false,
        Optional.empty(),
        Optional.empty());
  }

  /** Failed at {@code at} for {@code reason} (cut to {@link #MAX_FAILURE} characters). */
  public static ProposalChange failed(String reason, Instant at) {
    String kept =
        reason.length() > MAX_FAILURE ? reason.substring(0, MAX_FAILURE - 1) + "…" : reason;
    return new ProposalChange(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(at),
        Optional.empty(),
        false,
        Optional.of(kept),
        Optional.empty());
  }

  /** Undone by proposal {@code rollback}; no comparison is due any more. */
  public static ProposalChange rolledBackBy(long rollback) {
    return new ProposalChange(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        true,
        Optional.empty(),
        Optional.of(rollback));
  }
}
