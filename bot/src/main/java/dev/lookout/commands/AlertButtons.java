package dev.lookout.commands;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.Silence;
import dev.lookout.discord.AlertCards;
import dev.lookout.discord.AskCards;
import dev.lookout.discord.ComponentHandler;
import dev.lookout.discord.ComponentId;
import dev.lookout.discord.Texts;
import dev.lookout.knowledge.Answer;
import dev.lookout.knowledge.Explainer;
import dev.lookout.store.AlertStore;
import dev.lookout.store.SilenceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/** The alert message's buttons: Acknowledge, Silence 1h, Explain. */
public final class AlertButtons implements ComponentHandler {
  /** Explain looks this far before the alert started firing. */
  static final Duration EXPLAIN_BEFORE = Duration.ofMinutes(15);

  private final AlertStore alerts;
  private final dev.lookout.store.IncidentRecords incidents;
  private final SilenceStore silences;
  private final String operatorRole;
  private final Clock clock;
  private final dev.lookout.operations.ScaleWorkflow proposals;
  private final Explainer explainer;

  /** Why the logs read are behind, if they are (Cloud Logging could not be read). */
  private final java.util.function.Supplier<Optional<String>> logsBehind;

  private final AskCards askCards;
  private final AnswerCache answers;

  public AlertButtons(
      AlertStore alerts,
      dev.lookout.store.IncidentRecords incidents,
      SilenceStore silences,
      String operatorRole,
      Clock clock,
      dev.lookout.operations.ScaleWorkflow proposals,
      Explainer explainer,
      java.util.function.Supplier<Optional<String>> logsBehind,
      AskCards askCards,
      AnswerCache answers) {
    this.proposals = proposals;
    this.alerts = alerts;
    this.incidents = incidents;
    this.silences = silences;
    this.operatorRole = operatorRole;
    this.clock = clock;
    this.explainer = explainer;
    this.logsBehind = logsBehind;
    this.askCards = askCards;
    this.answers = answers;
  }

  @Override
  public String feature() {
    return AlertCards.FEATURE;
  }

  @Override
  public void handle(GenericComponentInteractionCreateEvent event, ComponentId id) {
    if (id.args().size() != 3) {
      event
          .reply("This control is no longer valid: it names no alert. Nothing was changed.")
          .setEphemeral(true)
          .queue();
      return;
    }
    String service = id.arg(0);
    String rule = id.arg(1);
    String occurrence = id.arg(2);
    boolean sameFiring =
        alerts
            .find(service, rule)
            .filter(a -> AlertCards.occurrence(a.firingSince()).equals(occurrence))
            .isPresent();
    if (!sameFiring && !id.action().equals("explain")) {
      event
          .reply(
              "This control is no longer valid: that alert has resolved or fired again since this"
                  + " message was posted; use the newest one. Nothing was changed.")
          .setEphemeral(true)
          .queue();
      return;
    }
    switch (id.action()) {
      case "ack" -> {
        if (alerts.acknowledge(service, rule, event.getUser().getName(), clock.instant())) {
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
      case "explain" -> explain(event, service, rule);
      case "propose" -> propose(event, service, rule);
      default -> event.reply("This control is no longer valid.").setEphemeral(true).queue();
    }
  }

  /**
   * "What is going on with the service", answered from its logs over the alert's window (from a
   * little before it started firing), posted in the alert's thread when it has one.
   */
  private void explain(GenericComponentInteractionCreateEvent event, String service, String rule) {
    event.deferReply(true).queue();
    Instant now = clock.instant();
    Optional<Alert> alert = alerts.find(service, rule);
    Instant from =
        alert
            .map(a -> a.firingSince() != null ? a.firingSince() : a.breachSince())
            .filter(t -> t != null && t.isBefore(now))
            .orElse(now.minus(Duration.ofMinutes(45)))
            .minus(EXPLAIN_BEFORE);
    String question = Explainer.explainQuestion(service);
    Answer a = explainer.explain(service, from, now);
    alert
        .filter(al -> al.firingSince() != null)
        .ifPresent(
            al ->
                incidents.note(
                    al.incident(),
                    al.firingSince(),
                    now,
                    "explained",
                    event.getUser().getName(),
                    noted(a)));
    var card = askCards.answer(question, a, answers.put(a), logsBehind.get());
    Optional<ThreadChannel> thread =
        alert
            .flatMap(al -> alerts.message(event.getChannel().getId(), al.incident()))
            .map(AlertStore.CarryingMessage::threadId)
            .map(id -> event.getJDA().getThreadChannelById(id));
    if (thread.isPresent()) {
      thread.get().sendMessage(card).queue();
      event
          .getHook()
          .editOriginal("Posted the explanation in " + thread.get().getAsMention() + ".")
          .queue();
    } else {
      event.getHook().editOriginal(MessageEditData.fromCreateData(card)).queue();
    }
  }

  /** An Explain answer as the timeline keeps it: its summary, then the lines it cited. */
  private static String noted(Answer a) {
    StringBuilder b = new StringBuilder("Explain: ").append(a.summary().replace('\n', ' '));
    for (Answer.Citation c : a.citations()) {
      if (b.length() > 3_500) {
        break;
      }
      b.append('\n')
          .append(c.time())
          .append(' ')
          .append(c.severity())
          .append(' ')
          .append(c.service())
          .append(' ')
          .append(c.text().replace('\n', ' '));
    }
    return b.toString();
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
    String answer =
        ProposalRequests.open(
            proposals,
            event.getGuild() == null ? "" : event.getGuild().getId(),
            service,
            (deployed, why) -> {
              var up =
                  dev.lookout.operations.ScalePolicy.stepUp(deployed, proposals.bounds(service));
              if (up.isEmpty()) {
                why.append(service)
                    .append(" already runs at the highest max instances allowed here (")
                    .append(deployed.maxInstances())
                    .append(").");
              }
              return up;
            },
            dev.lookout.operations.ProposalOrigin.ALERT,
            new dev.lookout.operations.ScaleWorkflow.Actor(
                event.getUser().getName(), event.getUser().getId(), false),
            "proposed from the " + rule + " alert",
            s ->
                alerts
                    .find(s, rule)
                    .map(a -> a.severity().id() + " alert \"" + a.title() + "\": " + a.detail())
                    .orElse(""),
            event.getChannel().getId());
    event.getHook().editOriginal(Texts.content(answer)).queue();
  }
}
