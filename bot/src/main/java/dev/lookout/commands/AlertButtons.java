package dev.lookout.commands;

import dev.lookout.alerts.Silence;
import dev.lookout.cloud.CloudRunLogs;
import dev.lookout.discord.AlertCards;
import dev.lookout.discord.ComponentHandler;
import dev.lookout.discord.ComponentId;
import dev.lookout.discord.Texts;
import dev.lookout.health.HealthSource;
import dev.lookout.store.AlertStore;
import dev.lookout.store.SilenceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;

/** The alert message's buttons: Acknowledge, Silence 1h, Explain. */
public final class AlertButtons implements ComponentHandler {
  private final AlertStore alerts;
  private final SilenceStore silences;
  private final CloudRunLogs logs;
  private final String operatorRole;
  private final Clock clock;
  private final dev.lookout.operations.ScaleWorkflow proposals;

  public AlertButtons(
      AlertStore alerts,
      SilenceStore silences,
      CloudRunLogs logs,
      String operatorRole,
      Clock clock,
      dev.lookout.operations.ScaleWorkflow proposals) {
    this.proposals = proposals;
    this.alerts = alerts;
    this.silences = silences;
    this.logs = logs;
    this.operatorRole = operatorRole;
    this.clock = clock;
  }

  /** A log entry's message: the text payload, or a JSON payload's message field. */
  private static String logText(com.google.logging.v2.LogEntry entry) {
    if (entry.hasJsonPayload()) {
      var fields = entry.getJsonPayload().getFieldsMap();
      for (String key : new String[] {"message", "msg"}) {
        if (fields.containsKey(key)) {
          return fields.get(key).getStringValue();
        }
      }
      return com.google.protobuf.TextFormat.shortDebugString(entry.getJsonPayload());
    }
    return entry.hasHttpRequest() && entry.getTextPayload().isEmpty()
        ? entry.getHttpRequest().getRequestMethod()
            + " "
            + entry.getHttpRequest().getRequestUrl()
            + " → "
            + entry.getHttpRequest().getStatus()
        : entry.getTextPayload();
  }

  @Override
  public String feature() {
    return AlertCards.FEATURE;
  }

  @Override
  public void handle(GenericComponentInteractionCreateEvent event, ComponentId id) {
    if (id.args().size() != 2) {
      event.reply("This control is no longer valid.").setEphemeral(true).queue();
      return;
    }
    String service = id.arg(0);
    String rule = id.arg(1);
    switch (id.action()) {
      case "ack" -> {
        if (alerts.acknowledge(service, rule, event.getUser().getName())) {
          event
              .reply(
                  "👍 "
                      + event.getUser().getName()
                      + " acknowledged "
                      + service
                      + " "
                      + rule
                      + "; no more reminders.")
              .queue();
        } else {
          String state =
              alerts
                  .find(service, rule)
                  .map(
                      a ->
                          a.acknowledgedBy() != null
                              ? "already acknowledged by " + a.acknowledgedBy()
                              : "no longer firing")
                  .orElse("no longer firing");
          event
              .reply("Nothing to acknowledge: this alert is " + state + ".")
              .setEphemeral(true)
              .queue();
        }
      }
      case "silence" -> {
        if (!Permissions.mayManageAlerts(event.getMember(), operatorRole)) {
          event.reply(Permissions.refusal(operatorRole)).setEphemeral(true).queue();
          return;
        }
        Instant now = clock.instant();
        Silence s =
            silences.add(
                event.getGuild() == null ? "" : event.getGuild().getId(),
                new Silence(
                    0,
                    Optional.of(service),
                    Optional.of(rule),
                    Optional.empty(),
                    now,
                    now.plus(Duration.ofHours(1)),
                    event.getUser().getName(),
                    "silenced from the alert message"));
        event
            .reply(
                "🔕 "
                    + event.getUser().getName()
                    + " silenced "
                    + service
                    + " "
                    + rule
                    + " for 1 h (silence #"
                    + s.id()
                    + ").")
            .queue();
      }
      case "explain" -> {
        event.deferReply(true).queue();
        try {
          var lines =
              logs.recent(
                  service, "severity>=ERROR", clock.instant().minus(Duration.ofMinutes(30)), 8);
          StringBuilder b =
              new StringBuilder("Recent ERROR and CRITICAL lines of **" + service + "**:\n");
          for (var entry : lines) {
            String text = logText(entry);
            b.append("> `")
                .append(entry.getSeverity().name())
                .append("` ")
                .append(Texts.fit(text.lines().findFirst().orElse(""), 180))
                .append('\n');
          }
          if (lines.isEmpty()) {
            b.append("No ERROR or CRITICAL lines in the last 30 minutes.");
          }
          event.getHook().editOriginal(Texts.fit(b.toString(), Texts.CONTENT)).queue();
        } catch (HealthSource.SourceUnavailableException e) {
          event
              .getHook()
              .editOriginal("Cloud Logging cannot be reached right now: " + e.getMessage())
              .queue();
        }
      }
      case "propose" -> propose(event, service, rule);
      default -> event.reply("This control is no longer valid.").setEphemeral(true).queue();
    }
  }

  /** Opens the /scale flow from an alert, prefilled with the next step up for max instances. */
  private void propose(GenericComponentInteractionCreateEvent event, String service, String rule) {
    if (!Permissions.hasRole(event.getMember(), operatorRole)) {
      event
          .reply(Permissions.roleRefusal(operatorRole, "propose scaling changes"))
          .setEphemeral(true)
          .queue();
      return;
    }
    event.deferReply(true).queue();
    String answer;
    try {
      var deployed = proposals.deployed(service);
      var up =
          dev.lookout.operations.ScalePolicy.stepUp(deployed.settings(), proposals.bounds(service));
      if (up.isEmpty()) {
        answer =
            "No proposal: "
                + service
                + " already runs at the highest max instances allowed here ("
                + deployed.settings().maxInstances()
                + "). Nothing was changed.";
      } else {
        String evidence =
            alerts
                .find(service, rule)
                .map(a -> a.severity().id() + " alert \"" + a.title() + "\": " + a.detail())
                .orElse("");
        var p =
            proposals.proposeSettings(
                event.getGuild() == null ? "" : event.getGuild().getId(),
                service,
                deployed,
                up.get(),
                dev.lookout.operations.ProposalOrigin.ALERT,
                new dev.lookout.operations.ScaleWorkflow.Actor(
                    event.getUser().getName(), event.getUser().getId(), false),
                "proposed from the " + rule + " alert",
                evidence,
                Optional.empty(),
                java.util.List.of(event.getChannel().getId()));
        answer =
            "Proposal **"
                + p.label()
                + "** (max "
                + deployed.settings().maxInstances()
                + " → "
                + up.get().maxInstances()
                + ") is posted for approval. For other values, use /scale.";
      }
    } catch (dev.lookout.operations.InvalidScaleException
        | dev.lookout.operations.ScalingTarget.NoSuchServiceException
        | dev.lookout.operations.ScalingTarget.TargetUnavailableException e) {
      answer = "No proposal: " + e.getMessage() + ". Nothing was changed.";
    } catch (dev.lookout.store.ProposalStore.OpenProposalException e) {
      answer =
          "No proposal: "
              + service
              + " already has an open proposal, #"
              + e.openId()
              + ". Nothing was changed.";
    }
    event.getHook().editOriginal(Texts.fit(answer, Texts.CONTENT)).queue();
  }
}
