package dev.lookout.outbox;

import dev.lookout.alerts.AlertEvent;
import dev.lookout.alerts.AlertPost;
import dev.lookout.operations.ScaleCheck;
import dev.lookout.reports.Digest;
import dev.lookout.reports.QuietSummary;

/**
 * What the bot has to post or edit in a channel, written to the outbox in the same transaction as
 * the change it tells of. Each is a value; {@code discord/} renders it when it is delivered.
 */
public sealed interface OutboxMessage {
  /** Alerts of one service that fired, escalated or are reminded of, in one message. */
  record AlertPosted(AlertPost post) implements OutboxMessage {}

  /**
   * A flapping alert fired or resolved again: the card that carries it is edited in place (posted,
   * if there is none), with how often it fired.
   */
  record AlertFlapping(AlertPost post) implements OutboxMessage {}

  /**
   * An escalation step: the person or role it names is mentioned (and only they are pinged) in the
   * thread of the alert's card, or beside it, and the card lists the step.
   */
  record Escalated(dev.lookout.alerts.Alert alert, dev.lookout.alerts.EscalationStep step)
      implements OutboxMessage {}

  /**
   * The first step's person also gets a direct message, sent on its own (the entry's channel is
   * where the alert's card is, which the message names).
   */
  record EscalatedDirectly(dev.lookout.alerts.Alert alert, dev.lookout.alerts.EscalationStep step)
      implements OutboxMessage {}

  /**
   * The person on call changed: the notice names both and pings the one now on call.
   *
   * @param from who was on call before, or null for a schedule's first notice
   */
  record Handoff(
      String schedule,
      String from,
      String to,
      java.time.Instant until,
      String zone,
      boolean covering)
      implements OutboxMessage {}

  /** An alert resolved: its message is edited, and a notice says so. */
  record AlertResolved(AlertEvent event) implements OutboxMessage {}

  /** A line of text written by an earlier version, delivered as it was queued. */
  record Notice(String text) implements OutboxMessage {}

  /** Google has not answered for several ticks: alerts are delayed. */
  record MonitoringDegraded(String problem) implements OutboxMessage {}

  /** Google answers again after a degraded notice. */
  record MonitoringRecovered() implements OutboxMessage {}

  /**
   * A silence ran out while an alert it held still fires. Its author and comment are a member's
   * text.
   */
  record SilenceExpired(
      long silenceId,
      String matcher,
      String author,
      String comment,
      String service,
      String alertTitle)
      implements OutboxMessage {}

  /** A card (a proposal's or a drill's) to post or bring up to date, rendered from its row. */
  record CardUpdate(Card card, long subject) implements OutboxMessage {}

  /** The before/after comparison some minutes after a change was applied. */
  record ScaleCheckPosted(ScaleCheck check) implements OutboxMessage {}

  /** A scheduled digest. */
  record DigestPosted(Digest digest) implements OutboxMessage {}

  /** What quiet hours held, once they end. */
  record QuietSummaryPosted(QuietSummary summary) implements OutboxMessage {}

  /** The kinds of card kept current in channels. */
  enum Card {
    PROPOSAL,
    DRILL
  }
}
