package dev.lookout.commands;

import dev.lookout.discord.ScaleProblems;
import dev.lookout.discord.SlashCommand;
import dev.lookout.discord.Texts;
import dev.lookout.discord.UserMistake;
import dev.lookout.discord.UserText;
import dev.lookout.operations.InvalidScaleException;
import dev.lookout.operations.Proposals;
import dev.lookout.operations.ScaleProposal;
import dev.lookout.operations.ScaleRequest;
import dev.lookout.operations.ScaleWorkflow;
import dev.lookout.operations.ScalingTarget;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * {@code /scale}: proposes a change to a service's scaling or resources. The change is checked
 * against the service's bounds and Cloud Run's rules, dry-run by Cloud Run, and posted as a card
 * that someone with the approver role approves or rejects.
 */
public final class ScaleCommand implements SlashCommand {
  static final int MAX_REASON = 500;

  /** The largest instance counts and concurrency the options take (Cloud Run's own limit). */
  static final long MOST = 1000;

  private final ScaleWorkflow workflow;
  private final ServiceDirectory directory;
  private final String operatorRole;

  public ScaleCommand(ScaleWorkflow workflow, ServiceDirectory directory, String operatorRole) {
    this.workflow = workflow;
    this.directory = directory;
    this.operatorRole = operatorRole;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("scale", "Propose a scaling change for approval")
        .addOptions(
            ServiceOption.of("The Cloud Run service", true),
            new OptionData(OptionType.INTEGER, "min", "Min instances (kept warm, billed idle)")
                .setRequiredRange(0, MOST),
            new OptionData(OptionType.INTEGER, "max", "Max instances").setRequiredRange(1, MOST),
            new OptionData(OptionType.STRING, "cpu", "vCPU per instance: 0.08-1, 1, 2, 4, 6 or 8")
                .setMaxLength(12),
            new OptionData(OptionType.STRING, "memory", "Memory per instance, such as 512Mi or 2Gi")
                .setMaxLength(12),
            new OptionData(OptionType.INTEGER, "concurrency", "Requests per instance (1-1000)")
                .setRequiredRange(1, MOST),
            new OptionData(OptionType.STRING, "reason", "Why (shown on the proposal)")
                .setMaxLength(MAX_REASON));
  }

  @Override
  public String help() {
    return "`/scale service [min] [max] [cpu] [memory] [concurrency] [reason]` — propose a"
        + " scaling change; someone with the `"
        + workflow.settings().approverRole()
        + "` role approves it.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    if (!Permissions.hasRole(event.getMember(), operatorRole)) {
      event
          .reply(Permissions.roleRefusal(operatorRole, "propose scaling changes"))
          .setEphemeral(true)
          .queue();
      return;
    }
    String service = event.getOption("service", "", OptionMapping::getAsString).strip();
    Optional<List<String>> known = directory.cached();
    if (known.isPresent() && !known.get().contains(service)) {
      event
          .reply(
              "Not proposed: there is no service `"
                  + Texts.fit(service, 60)
                  + "`. Known services: "
                  + String.join(", ", known.get())
                  + ". Nothing was changed.")
          .setEphemeral(true)
          .queue();
      return;
    }
    String reason;
    try {
      reason = UserText.option(event, "reason", "the reason", MAX_REASON, false);
    } catch (UserText.Refused e) {
      event
          .reply("Not proposed: " + e.getMessage() + ". Nothing was changed.")
          .setEphemeral(true)
          .queue();
      return;
    }
    ScaleRequest request;
    try {
      request =
          new ScaleRequest(
              NumberOption.whole(event, "min", 0, MOST),
              NumberOption.whole(event, "max", 1, MOST),
              Optional.ofNullable(event.getOption("cpu", null, OptionMapping::getAsString)),
              Optional.ofNullable(event.getOption("memory", null, OptionMapping::getAsString)),
              NumberOption.whole(event, "concurrency", 1, MOST));
    } catch (UserMistake e) {
      event
          .reply("Not proposed: " + e.getMessage() + " Nothing was changed.")
          .setEphemeral(true)
          .queue();
      return;
    }
    event.deferReply(true).queue();
    String answer;
    try {
      ScaleProposal p =
          workflow.propose(
              event.getGuild() == null ? "" : event.getGuild().getId(),
              service,
              request,
              new ScaleWorkflow.Actor(event.getUser().getName(), event.getUser().getId(), false),
              reason,
              List.of(event.getChannel().getId()));
      answer =
          "Proposal **"
              + p.label()
              + "** for "
              + service
              + " is posted in this channel; someone with the `"
              + workflow.settings().approverRole()
              + "` role must approve it within "
              + workflow.settings().expiry().toMinutes()
              + " min.";
    } catch (InvalidScaleException e) {
      answer = "Not proposed: " + ScaleProblems.text(e.problems()) + "\nNothing was changed.";
    } catch (Proposals.OpenProposalException e) {
      answer =
          "Not proposed: "
              + service
              + " already has an open proposal, #"
              + e.openId()
              + ". Approve or reject it first. Nothing was changed.";
    } catch (ScalingTarget.NoSuchServiceException e) {
      answer = "Not proposed: " + e.getMessage() + ". Nothing was changed.";
    } catch (ScalingTarget.TargetUnavailableException e) {
      answer =
          "Not proposed: Cloud Run cannot be reached right now ("
              + e.getMessage()
              + "). Nothing was changed; try again shortly.";
    }
    event.getHook().editOriginal(Texts.content(answer)).queue();
  }
}
