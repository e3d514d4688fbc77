package dev.lookout.commands;

import dev.lookout.discord.ScaleProblems;
import dev.lookout.operations.InvalidScaleException;
import dev.lookout.operations.ProposalOrigin;
import dev.lookout.operations.Proposals;
import dev.lookout.operations.ScaleSettings;
import dev.lookout.operations.ScaleWorkflow;
import dev.lookout.operations.ScalingTarget;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Opens a prefilled scale proposal from a button (an alert's Propose scale-up, a digest's Propose
 * scale-down) and says in one line what happened: the same flow and refusals as /scale.
 */
final class ProposalRequests {
  private ProposalRequests() {}

  /** A change worked out from the deployed settings, or why there is none. */
  interface Change {
    /** The settings to propose, or empty with {@code why} filled in. */
    Optional<ScaleSettings> from(ScaleSettings deployed, StringBuilder why);
  }

  static String open(
      ScaleWorkflow proposals,
      String guildId,
      String service,
      Change change,
      ProposalOrigin origin,
      ScaleWorkflow.Actor requester,
      String reason,
      UnaryOperator<String> evidence,
      String channelId) {
    try {
      var deployed = proposals.deployed(service);
      StringBuilder why = new StringBuilder();
      Optional<ScaleSettings> proposed = change.from(deployed.settings(), why);
      if (proposed.isEmpty()) {
        return "No proposal: " + why + " Nothing was changed.";
      }
      var p =
          proposals.proposeSettings(
              guildId,
              service,
              deployed,
              proposed.get(),
              origin,
              requester,
              reason,
              evidence.apply(service),
              Optional.empty(),
              List.of(channelId));
      return "Proposal **"
          + p.label()
          + "** ("
          + String.join(
              ", ",
              proposed.get().changedFrom(deployed.settings()).stream()
                  .map(
                      f ->
                          f.label()
                              + " "
                              + deployed.settings().text(f)
                              + " → "
                              + proposed.get().text(f))
                  .toList())
          + ") is posted for approval. For other values, use /scale.";
    } catch (InvalidScaleException e) {
      return "No proposal: " + ScaleProblems.text(e.problems()) + ". Nothing was changed.";
    } catch (ScalingTarget.NoSuchServiceException | ScalingTarget.TargetUnavailableException e) {
      return "No proposal: " + e.getMessage() + ". Nothing was changed.";
    } catch (Proposals.OpenProposalException e) {
      return "No proposal: "
          + service
          + " already has an open proposal, #"
          + e.openId()
          + ". Nothing was changed.";
    }
  }
}
