package dev.lookout.store;

import dev.lookout.alerts.AlertEvent;
import dev.lookout.alerts.AlertPost;
import dev.lookout.operations.ScaleCheck;
import dev.lookout.outbox.OutboxMessage;
import dev.lookout.outbox.OutboxMessage.AlertFlapping;
import dev.lookout.outbox.OutboxMessage.AlertPosted;
import dev.lookout.outbox.OutboxMessage.AlertResolved;
import dev.lookout.outbox.OutboxMessage.Card;
import dev.lookout.outbox.OutboxMessage.CardUpdate;
import dev.lookout.outbox.OutboxMessage.DigestPosted;
import dev.lookout.outbox.OutboxMessage.MonitoringDegraded;
import dev.lookout.outbox.OutboxMessage.MonitoringRecovered;
import dev.lookout.outbox.OutboxMessage.Notice;
import dev.lookout.outbox.OutboxMessage.QuietSummaryPosted;
import dev.lookout.outbox.OutboxMessage.ScaleCheckPosted;
import dev.lookout.outbox.OutboxMessage.SilenceExpired;
import dev.lookout.reports.Digest;
import dev.lookout.reports.QuietSummary;
import java.util.Map;

/**
 * The one place outbox messages become rows (a kind fits the table's 16 characters) and rows become
 * messages again: a kind, and the message as JSON. The kinds and payloads of rows written by
 * earlier versions read as before.
 */
public final class OutboxCodec {
  static final String ALERT = "alert";
  static final String RESOLVE = "resolve";
  static final String FLAPPING = "alert-flapping";
  static final String ESCALATED = "escalated";
  static final String ESCALATED_DM = "escalated-dm";
  static final String HANDOFF = "handoff";
  static final String NOTICE = "notice";
  static final String SILENCE_EXPIRED = "silence-expired";
  static final String DEGRADED = "degraded";
  static final String RECOVERED = "recovered";
  static final String SCALE_CHECK = "scale-check";
  static final String DIGEST = "digest";
  static final String QUIET_SUMMARY = "quiet-summary";

  private OutboxCodec() {}

  /** A row's kind and payload. */
  record Row(String kind, String payload) {}

  static Row encode(OutboxMessage message) {
    return switch (message) {
      case AlertPosted m -> new Row(ALERT, Json.write(m.post()));
      case AlertResolved m -> new Row(RESOLVE, Json.write(m.event()));
      case AlertFlapping m -> new Row(FLAPPING, Json.write(m.post()));
      case OutboxMessage.Escalated m -> new Row(ESCALATED, Json.write(m));
      case OutboxMessage.EscalatedDirectly m -> new Row(ESCALATED_DM, Json.write(m));
      case OutboxMessage.Handoff m -> new Row(HANDOFF, Json.write(m));
      case Notice m -> new Row(NOTICE, Json.write(Map.of("text", m.text())));
      case MonitoringDegraded m ->
          new Row(DEGRADED, Json.write(Map.of("problem", String.valueOf(m.problem()))));
      case MonitoringRecovered m -> new Row(RECOVERED, "{}");
      case SilenceExpired m -> new Row(SILENCE_EXPIRED, Json.write(m));
      case CardUpdate m -> new Row(CardMessages.name(m.card()), "{\"id\":" + m.subject() + "}");
      case ScaleCheckPosted m -> new Row(SCALE_CHECK, Json.write(m.check()));
      case DigestPosted m -> new Row(DIGEST, Json.write(m.digest()));
      case QuietSummaryPosted m -> new Row(QUIET_SUMMARY, Json.write(m.summary()));
    };
  }

  /**
   * @throws IllegalArgumentException for a kind this version does not know
   */
  public static OutboxMessage decode(String kind, String payload) {
    return switch (kind) {
      case ALERT -> new AlertPosted(Json.read(payload, AlertPost.class));
      case RESOLVE -> new AlertResolved(Json.read(payload, AlertEvent.class));
      case FLAPPING -> new AlertFlapping(Json.read(payload, AlertPost.class));
      case ESCALATED -> Json.read(payload, OutboxMessage.Escalated.class);
      case ESCALATED_DM -> Json.read(payload, OutboxMessage.EscalatedDirectly.class);
      case HANDOFF -> Json.read(payload, OutboxMessage.Handoff.class);
      case NOTICE -> new Notice(String.valueOf(Json.read(payload, Map.class).get("text")));
      case DEGRADED ->
          new MonitoringDegraded(String.valueOf(Json.read(payload, Map.class).get("problem")));
      case RECOVERED -> new MonitoringRecovered();
      case SILENCE_EXPIRED -> Json.read(payload, SilenceExpired.class);
      case CardMessages.PROPOSAL, CardMessages.DRILL ->
          new CardUpdate(
              CardMessages.card(kind),
              ((Number) Json.read(payload, Map.class).get("id")).longValue());
      case SCALE_CHECK -> new ScaleCheckPosted(Json.read(payload, ScaleCheck.class));
      case DIGEST -> new DigestPosted(Json.read(payload, Digest.class));
      case QUIET_SUMMARY -> new QuietSummaryPosted(Json.read(payload, QuietSummary.class));
      default -> throw new IllegalArgumentException("unknown outbox kind " + kind);
    };
  }

  /** Whether rows of {@code kind} carry alerts, for what reads alert deliveries back. */
  static boolean isAlert(String kind) {
    return ALERT.equals(kind);
  }

  static Card card(String kind) {
    return CardMessages.card(kind);
  }
}
