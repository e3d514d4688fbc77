package dev.lookout.commands;

import dev.lookout.discord.ComponentHandler;
import dev.lookout.discord.ComponentId;
import dev.lookout.discord.ProposalCards;
import dev.lookout.discord.ScaleProblems;
import dev.lookout.discord.Texts;
import dev.lookout.operations.InvalidScaleException;
import dev.lookout.operations.Proposals;
import dev.lookout.operations.ScaleProposal;
import dev.lookout.operations.ScaleWorkflow;
import dev.lookout.operations.ScalingTarget;
import java.util.List;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;

/**
 * A proposal card's buttons: Approve and Reject (approver role, checked at click time; not one's
 * own proposal), and Propose rollback on an applied one. Every refusal is private and changes
 * nothing; the card itself is edited through the outbox as the proposal moves.
 */
public final class ProposalButtons implements ComponentHandler {
  static final String STALE =
      "This control is no longer valid: the proposal it was made for is not one Lookout holds."
          + " Nothing was changed; see /audit for the proposals there are.";
  private final ScaleWorkflow workflow;
  private final String operatorRole;

  public ProposalButtons(ScaleWorkflow workflow, String operatorRole) {
    this.workflow = workflow;
    this.operatorRole = operatorRole;
  }

  @Override
  public String feature() {
    return ProposalCards.FEATURE;
  }

  @Override
  public void handle(GenericComponentInteractionCreateEvent event, ComponentId id) {
    long proposal = -1;
    if (id.args().size() == 2 && id.arg(0).matches("\\d{1,18}")) {
      proposal = Long.parseLong(id.arg(0));
    }
    // The token ties the button to the row it was made for: a card left over from a lost row,
    // another database or a reused id matches no proposal and acts on none.
    String token = id.args().size() == 2 ? id.arg(1) : "";
    if (proposal < 1 || workflow.find(proposal).filter(p -> p.token().equals(token)).isEmpty()) {
      event.reply(STALE).setEphemeral(true).queue();
      return;
    }
    String approverRole = workflow.settings().approverRole();
    ScaleWorkflow.Actor actor =
        new ScaleWorkflow.Actor(
            event.getUser().getName(),
            event.getUser().getId(),
            Permissions.hasRole(event.getMember(), approverRole));
    switch (id.action()) {
      case "approve" -> {
        ScaleWorkflow.Decision d = workflow.approve(proposal, actor);
        if (!d.ok()) {
          event.reply(ProposalCards.refusal(d.refusal().orElseThrow())).setEphemeral(true).queue();
          return;
        }
        event
            .reply(
                "Approved proposal #"
                    + proposal
                    + "; applying it now. The card shows the rollout as it goes.")
            .setEphemeral(true)
            .queue();
        workflow.apply(proposal);
      }
      case "reject" -> {
        ScaleWorkflow.Decision d = workflow.reject(proposal, actor);
        event
            .reply(
                d.refusal()
                    .map(ProposalCards::refusal)
                    .orElse("Rejected proposal #" + proposal + "."))
            .setEphemeral(true)
            .queue();
      }
      case "rollback" -> {
        if (!Permissions.hasRole(event.getMember(), operatorRole)) {
          event
              .reply(Permissions.roleRefusal(operatorRole, "propose a rollback"))
              .setEphemeral(true)
              .queue();
          return;
        }
        event.deferReply(true).queue();
        String answer;
        try {
          ScaleProposal p =
              workflow.proposeRollback(proposal, actor, List.of(event.getChannel().getId()));
          answer =
              "Rollback proposal **"
                  + p.label()
                  + "** is posted; it needs approval like any other change.";
        } catch (InvalidScaleException e) {
          answer =
              "No rollback proposed: "
                  + ScaleProblems.text(e.problems())
                  + ". Nothing was changed.";
        } catch (Proposals.OpenProposalException e) {
          answer =
              "No rollback proposed: proposal #"
                  + e.openId()
                  + " is still open for this service. Nothing was changed.";
        } catch (ScalingTarget.TargetUnavailableException
            | ScalingTarget.NoSuchServiceException e) {
          answer = "No rollback proposed: " + e.getMessage() + ". Nothing was changed.";
        }
        event.getHook().editOriginal(Texts.content(answer)).queue();
      }
      default -> event.reply(STALE).setEphemeral(true).queue();
    }
  }
}
