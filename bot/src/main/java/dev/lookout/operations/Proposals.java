package dev.lookout.operations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port where scale proposals are kept. Every step is a conditional transition from one status
 * to the next, written with its audit entry and the edits of the proposal's cards, so a step taken
 * twice takes effect once.
 */
public interface Proposals {
  /**
   * Writes a new pending proposal with its audit entry, and queues its card to {@code postTo}.
   *
   * @throws OpenProposalException when the service already has an open proposal
   */
  ScaleProposal create(ScaleProposal draft, AuditEntry audit, List<String> postTo);

  /**
   * Moves a proposal from {@code from} to {@code to} if it is still in {@code from} (and, when
   * {@code unexpiredAt} is given, not expired then), recording {@code change} and {@code audit}.
   *
   * @return the proposal after the move, or empty when it was not in {@code from}
   */
  Optional<ScaleProposal> move(
      long id,
      ProposalStatus from,
      ProposalStatus to,
      ProposalChange change,
      Optional<Instant> unexpiredAt,
      AuditEntry audit);

  Optional<ScaleProposal> find(long id);

  /** Proposals in {@code status}, oldest first. */
  List<ScaleProposal> inStatus(ProposalStatus status);

  /** Pending proposals whose time ran out at {@code now}. */
  List<ScaleProposal> expiredAt(Instant now);

  /**
   * Rollbacks that reached Cloud Run while the proposal they undo is still marked applied: a crash
   * came between the two steps.
   */
  List<ScaleProposal> rollbacksLeftHalfWay();

  /** Sets the long-running operation an apply started, so a restart can follow it. */
  void recordOperation(long id, String operation);

  /** The operation an apply started, if one was recorded. */
  Optional<String> operation(long id);

  /** Another proposal for the service is still open. */
  final class OpenProposalException extends RuntimeException {
    private final long openId;

    public OpenProposalException(long openId) {
      super("proposal #" + openId + " is still open");
      this.openId = openId;
    }

    public long openId() {
      return openId;
    }
  }
}
