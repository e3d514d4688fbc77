package dev.lookout.commands;

import dev.lookout.discord.ComponentHandler;
import dev.lookout.discord.ComponentId;
import dev.lookout.discord.ReportCards;
import dev.lookout.discord.Texts;
import dev.lookout.operations.ProposalOrigin;
import dev.lookout.operations.ScaleSettings;
import dev.lookout.operations.ScaleWorkflow;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;

/**
 * A digest's Propose scale-down button: opens a proposal that lowers the idle service's minimum
 * instances to zero, which an approver must still approve. Needs the operator role.
 */
public final class DigestButtons implements ComponentHandler {
  private final ScaleWorkflow proposals;
  private final String operatorRole;

  public DigestButtons(ScaleWorkflow proposals, String operatorRole) {
    this.proposals = proposals;
    this.operatorRole = operatorRole;
  }

  @Override
  public String feature() {
    return ReportCards.FEATURE;
  }

  @Override
  public void handle(GenericComponentInteractionCreateEvent event, ComponentId id) {
    if (!id.action().equals("scaledown") || id.args().size() != 1) {
      event.reply("This control is no longer valid.").setEphemeral(true).queue();
      return;
    }
    if (!Permissions.hasRole(event.getMember(), operatorRole)) {
      event
          .reply(Permissions.roleRefusal(operatorRole, "propose scaling changes"))
          .setEphemeral(true)
          .queue();
      return;
    }
    String service = id.arg(0);
    event.deferReply(true).queue();
    String answer =
        ProposalRequests.open(
            proposals,
            event.getGuild() == null ? "" : event.getGuild().getId(),
            service,
            (deployed, why) -> {
              if (deployed.minInstances() == 0) {
                why.append(service).append(" keeps no minimum instances already.");
                return Optional.empty();
              }
              return Optional.of(
                  new ScaleSettings(
                      0,
                      deployed.maxInstances(),
                      deployed.concurrency(),
                      deployed.cpuMillis(),
                      deployed.memoryMiB()));
            },
            ProposalOrigin.DIGEST,
            new ScaleWorkflow.Actor(event.getUser().getName(), event.getUser().getId(), false),
            "idle capacity named in the digest: min instances → 0",
            s -> "the digest found most of " + s + "'s instance time idle",
            event.getChannel().getId());
    event.getHook().editOriginal(Texts.content(answer)).queue();
  }
}
