package dev.lookout.operations;

import java.util.Optional;

/** Why a decision on a proposal was not taken; {@code discord/} says it in words. */
public sealed interface Refusal {
  /** The control names a proposal that does not exist. */
  record NoSuchProposal(long id) implements Refusal {}

  /** The member lacks the role that may decide. */
  record NotApprover(String role) implements Refusal {}

  /** The member asked for the change and may not approve it. */
  record OwnRequest(long id) implements Refusal {}

  /** Its time ran out before the decision. */
  record Expired(long id, ProposalStatus wanted) implements Refusal {}

  /** Somebody (or Lookout) moved it on already. */
  record AlreadyDecided(long id, ProposalStatus status, Optional<String> by) implements Refusal {}
}
