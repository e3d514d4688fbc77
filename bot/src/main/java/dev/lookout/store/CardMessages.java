package dev.lookout.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which message shows a proposal or a drill in which channel, so each later step edits the card
 * people already see instead of posting another.
 */
public final class CardMessages {
  public static final String PROPOSAL = "proposal";
  public static final String DRILL = "drill";

  /** How the table and the outbox name a kind of card. */
  static String name(dev.lookout.outbox.OutboxMessage.Card card) {
    return switch (card) {
      case PROPOSAL -> PROPOSAL;
      case DRILL -> DRILL;
    };
  }

  static dev.lookout.outbox.OutboxMessage.Card card(String name) {
    return switch (name) {
      case PROPOSAL -> dev.lookout.outbox.OutboxMessage.Card.PROPOSAL;
      case DRILL -> dev.lookout.outbox.OutboxMessage.Card.DRILL;
      default -> throw new IllegalArgumentException("unknown card " + name);
    };
  }

  private final Database db;

  public CardMessages(Database db) {
    this.db = db;
  }

  /** Records a card's message; a second record for the same channel keeps the first. */
  public void record(String card, long subject, String channelId, String messageId) {
    db.write(c -> record(c, card, subject, channelId, messageId));
  }

  static Void record(Connection c, String card, long subject, String channelId, String messageId)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            Sql.upsert(
                c,
                "card_message",
                "card, subject_id, channel_id",
                "card, subject_id, channel_id, message_id",
                "?, ?, ?, ?"))) {
      st.setString(1, card);
      st.setLong(2, subject);
      st.setString(3, channelId);
      st.setString(4, messageId);
      st.executeUpdate();
    }
    return null;
  }

  /** Records a delivered card, as part of the outbox's delivery transaction. */
  public Database.Work<Void> recording(
      String card, long subject, String channelId, String messageId) {
    return c -> record(c, card, subject, channelId, messageId);
  }

  public Optional<String> message(String card, long subject, String channelId) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT message_id FROM card_message WHERE card = ? AND subject_id = ? AND"
                      + " channel_id = ?")) {
            st.setString(1, card);
            st.setLong(2, subject);
            st.setString(3, channelId);
            try (ResultSet rs = st.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  static List<String> channels(Connection c, String card, long subject) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT channel_id FROM card_message WHERE card = ? AND subject_id = ? ORDER BY"
                + " channel_id")) {
      st.setString(1, card);
      st.setLong(2, subject);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  /**
   * Queues an edit of the card in every channel showing it, in the caller's transaction; the sender
   * renders the card from its row when it delivers.
   */
  static void queueEdits(
      Connection c, Outbox outbox, String card, long subject, java.time.Instant now)
      throws SQLException {
    for (String channel : channels(c, card, subject)) {
      outbox.enqueue(
          c, channel, new dev.lookout.outbox.OutboxMessage.CardUpdate(card(card), subject), now);
    }
  }
}
