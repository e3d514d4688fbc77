package dev.lookout.store;

import dev.lookout.outbox.OutboxEntry;
import dev.lookout.outbox.OutboxMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages the bot must post or edit. Rows are written in the same transaction as the change that
 * caused them and drained by the sender, which records delivery; a crash, a restart or a Discord
 * outage delays a message and never loses it.
 */
public final class Outbox implements dev.lookout.outbox.OutboxQueue {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Outbox.class);
  private final Database db;

  public Outbox(Database db) {
    this.db = db;
  }

  void enqueue(Connection c, String channelId, OutboxMessage message, Instant now)
      throws SQLException {
    OutboxCodec.Row row = OutboxCodec.encode(message);
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO outbox (created_at, channel_id, kind, payload, nonce)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      Sql.instant(st, 1, now);
      st.setString(2, channelId);
      st.setString(3, row.kind());
      st.setString(4, row.payload());
      st.setString(5, "lk" + Tokens.random(20));
      st.executeUpdate();
    }
  }

  /** Enqueues on its own, for messages not tied to other state (notices). */
  public void enqueue(String channelId, OutboxMessage message, Instant now) {
    db.write(
        c -> {
          enqueue(c, channelId, message, now);
          return null;
        });
  }

  /** Entries not yet delivered, oldest first; each says when it may next be tried. */
  @Override
  public List<OutboxEntry> pending(int limit) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT id, created_at, channel_id, kind, payload, attempts, next_attempt_at, nonce"
                      + " FROM outbox"
                      + " WHERE sent_at IS NULL AND gave_up IS NULL ORDER BY id LIMIT ?")) {
            st.setInt(1, limit);
            List<OutboxEntry> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new OutboxEntry(
                        rs.getLong(1),
                        Sql.instant(rs, "created_at"),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(6),
                        Sql.instant(rs, "next_attempt_at"),
                        nonce(rs.getString(8), rs.getLong(1)),
                        read(rs.getLong(1), rs.getString(4), rs.getString(5))));
              }
            }
            return out;
          }
        });
  }

  /** The message a row carries; empty (and logged) for a kind or shape this version cannot read. */
  private static java.util.Optional<OutboxMessage> read(long id, String kind, String payload) {
    try {
      return java.util.Optional.of(OutboxCodec.decode(kind, payload));
    } catch (IllegalArgumentException e) {
      LOG.error("outbox entry {} ({}) cannot be read: {}", id, kind, e.getMessage());
      return java.util.Optional.empty();
    }
  }

  /** Rows written before nonces existed send the nonce they were sent with then. */
  private static String nonce(String stored, long id) {
    return stored == null ? "lookout-" + id : stored;
  }

  /**
   * Claims an entry for sending by the leader holding {@code fence}: it succeeds unless the entry
   * was delivered, given up, or claimed by a newer leader. The claim is written in a fenced
   * transaction, so a leader that lost its lease claims nothing.
   */
  @Override
  public boolean claim(long id, long fence) {
    return db.write(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE outbox SET claimed_fence = ? WHERE id = ? AND sent_at IS NULL"
                      + " AND gave_up IS NULL AND (claimed_fence IS NULL OR claimed_fence <= ?)")) {
            st.setLong(1, fence);
            st.setLong(2, id);
            st.setLong(3, fence);
            return st.executeUpdate() == 1;
          }
        });
  }

  /** The alerts an entry posted, which a later edit re-renders; empty for another entry. */
  public java.util.Optional<dev.lookout.alerts.AlertPost> alertPost(long id) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("SELECT kind, payload FROM outbox WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
              if (!rs.next()) {
                return java.util.Optional.empty();
              }
              return switch (OutboxCodec.decode(rs.getString(1), rs.getString(2))) {
                case OutboxMessage.AlertPosted posted -> java.util.Optional.of(posted.post());
                case OutboxMessage.AlertFlapping flapping -> java.util.Optional.of(flapping.post());
                default -> java.util.Optional.empty();
              };
            }
          }
        });
  }

  /** Records delivery, with whatever else must be written with it, in one transaction. */
  public void delivered(long id, String messageId, Instant at, Database.Work<Void> alongside) {
    db.transaction(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE outbox SET sent_at = ?, message_id = ?, attempts = attempts + 1 WHERE id = ? AND sent_at IS NULL")) {
            Sql.instant(st, 1, at);
            st.setString(2, messageId);
            st.setLong(3, id);
            if (st.executeUpdate() == 0) {
              return null; // delivered already: nothing more to record
            }
          }
          alongside.run(c);
          return null;
        });
  }

  @Override
  public void retryAt(long id, Instant next) {
    db.write(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?")) {
            Sql.instant(st, 1, next);
            st.setLong(2, id);
            st.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Makes every waiting entry due now and starts its backoff again, for when Discord answers again:
   * a backoff earned during an outage must not delay what is sent after it.
   *
   * @return how many entries were waiting
   */
  @Override
  public int resetBackoff() {
    return db.write(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE outbox SET next_attempt_at = NULL, attempts = 0"
                      + " WHERE sent_at IS NULL AND gave_up IS NULL AND next_attempt_at IS NOT NULL")) {
            return st.executeUpdate();
          }
        });
  }

  @Override
  public void giveUp(long id, String reason) {
    db.write(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("UPDATE outbox SET gave_up = ? WHERE id = ?")) {
            st.setString(1, reason.length() > 300 ? reason.substring(0, 300) : reason);
            st.setLong(2, id);
            st.executeUpdate();
          }
          return null;
        });
  }

  /** How many entries wait to be delivered. */
  public int backlog() {
    return db.read(
        c -> {
          try (PreparedStatement st =
                  c.prepareStatement(
                      "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND gave_up IS NULL");
              ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }
}
