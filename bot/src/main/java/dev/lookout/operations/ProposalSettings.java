package dev.lookout.operations;

import java.time.Duration;

/**
 * How proposals behave, from configuration.
 *
 * @param approverRole the Discord role whose members may approve or reject
 * @param allowSelfApproval whether a requester may approve their own proposal
 * @param expiry how long a proposal waits for a decision
 * @param checkAfter how long after an apply the before/after comparison is posted
 * @param cooldown the least time between two scheduler proposals for one service
 * @param idleAfter how long a service must idle before the scheduler proposes scaling it down
 */
public record ProposalSettings(
    String approverRole,
    boolean allowSelfApproval,
    Duration expiry,
    Duration checkAfter,
    Duration cooldown,
    Duration idleAfter) {
  public static ProposalSettings defaults() {
    return new ProposalSettings(
        "operator",
        false,
        Duration.ofMinutes(15),
        Duration.ofMinutes(10),
        Duration.ofHours(1),
        Duration.ofHours(6));
  }

  public ProposalSettings withExpiry(Duration expiry) {
    return new ProposalSettings(
        approverRole, allowSelfApproval, expiry, checkAfter, cooldown, idleAfter);
  }
}
