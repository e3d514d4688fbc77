package dev.lookout.store;

import dev.lookout.reports.DigestSchedule;
import dev.lookout.reports.HeldAlert;
import dev.lookout.reports.QuietHours;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Digest schedules and the digests queued for them, quiet hours, and the warn alerts held during
 * quiet hours. Queueing a digest and recording it happen in one transaction keyed by channel and
 * due time, so a digest is queued once, whatever restarts in between.
 */
public final class DigestStore {

  private final Database db;
  private final Outbox outbox;

  public DigestStore(Database db, Outbox outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  public void schedule(DigestSchedule s) {
    db.write(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  Sql.upsert(
                      c,
                      "digest_schedule",
                      "channel_id",
                      "channel_id, guild_id, cadence, local_time, weekday, zone, created_at, created_by",
                      "?, ?, ?, ?, ?, ?, ?, ?"))) {
            st.setString(1, s.channelId());
            st.setString(2, s.guildId());
            st.setString(3, s.cadence().name());
            st.setString(4, s.time().toString());
            st.setString(5, s.weekday() == null ? null : s.weekday().name());
            st.setString(6, s.zone().getId());
            Sql.instant(st, 7, s.createdAt());
            st.setString(8, s.createdBy());
            st.executeUpdate();
          }
          return null;
        });
  }

  /**
   * @return whether the channel had a digest
   */
  public boolean unschedule(String channelId) {
    return db.write(c -> delete(c, "digest_schedule", channelId));
  }

  public Optional<DigestSchedule> schedule(String channelId) {
    return schedules("WHERE channel_id = ?", channelId).stream().findFirst();
  }

  public List<DigestSchedule> schedules() {
    return schedules("", null);
  }

  private List<DigestSchedule> schedules(String where, String arg) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT channel_id, guild_id, cadence, local_time, weekday, zone, created_at,"
                      + " created_by FROM digest_schedule "
                      + where
                      + " ORDER BY channel_id")) {
            if (arg != null) {
              st.setString(1, arg);
            }
            List<DigestSchedule> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new DigestSchedule(
                        rs.getString(1),
                        rs.getString(2),
                        DigestSchedule.Cadence.valueOf(rs.getString(3)),
                        LocalTime.parse(rs.getString(4)),
                        rs.getString(5) == null ? null : DayOfWeek.valueOf(rs.getString(5)),
                        ZoneId.of(rs.getString(6)),
                        Sql.instant(rs, "created_at"),
                        rs.getString(8)));
              }
            }
            return out;
          }
        });
  }

  /** The newest digest queued for the channel, if any. */
  public Optional<Instant> lastQueued(String channelId) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT MAX(due_at) AS due_at FROM digest_delivery WHERE channel_id = ?")) {
            st.setString(1, channelId);
            try (ResultSet rs = st.executeQuery()) {
              return rs.next() ? Optional.ofNullable(Sql.instant(rs, "due_at")) : Optional.empty();
            }
          }
        });
  }

  /**
   * Queues the digest due at {@code due} for the channel, with its payload, unless it was queued
   * already.
   *
   * @return whether this call queued it
   */
  public boolean queue(
      String channelId, Instant due, boolean late, dev.lookout.reports.Digest digest, Instant now) {
    return db.transaction(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO digest_delivery (channel_id, due_at, queued_at, late)"
                      + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM digest_delivery"
                      + " WHERE channel_id = ? AND due_at = ?)")) {
            st.setString(1, channelId);
            Sql.instant(st, 2, due);
            Sql.instant(st, 3, now);
            st.setBoolean(4, late);
            st.setString(5, channelId);
            Sql.instant(st, 6, due);
            if (st.executeUpdate() == 0) {
              return false;
            }
          }
          outbox.enqueue(
              c, channelId, new dev.lookout.outbox.OutboxMessage.DigestPosted(digest), now);
          return true;
        });
  }

  public void quiet(QuietHours q) {
    db.write(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  Sql.upsert(
                      c,
                      "quiet_hours",
                      "channel_id",
                      "channel_id, starts_at, ends_at, zone, created_by",
                      "?, ?, ?, ?, ?"))) {
            st.setString(1, q.channelId());
            st.setString(2, q.starts().toString());
            st.setString(3, q.ends().toString());
            st.setString(4, q.zone().getId());
            st.setString(5, q.createdBy());
            st.executeUpdate();
          }
          return null;
        });
  }

  /**
   * @return whether the channel had quiet hours
   */
  public boolean unquiet(String channelId) {
    return db.write(c -> delete(c, "quiet_hours", channelId));
  }

  public List<QuietHours> quietHours() {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT channel_id, starts_at, ends_at, zone, created_by FROM quiet_hours")) {
            List<QuietHours> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new QuietHours(
                        rs.getString(1),
                        LocalTime.parse(rs.getString(2)),
                        LocalTime.parse(rs.getString(3)),
                        ZoneId.of(rs.getString(4)),
                        rs.getString(5)));
              }
            }
            return out;
          }
        });
  }

  public Optional<QuietHours> quietHours(String channelId) {
    return quietHours().stream().filter(q -> q.channelId().equals(channelId)).findFirst();
  }

  /** Holds a warn alert, in the transaction that would otherwise have queued its post. */
  void hold(Connection c, HeldAlert h) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO held_alert (channel_id, incident, service, title, event, held_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      st.setString(1, h.channelId());
      st.setString(2, h.incident());
      st.setString(3, h.service());
      st.setString(4, h.title());
      st.setString(5, h.event());
      Sql.instant(st, 6, h.at());
      st.executeUpdate();
    }
  }

  /** Channels with held alerts not yet summarized. */
  public List<String> channelsHolding() {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT DISTINCT channel_id FROM held_alert WHERE summarized_at IS NULL")) {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
            return out;
          }
        });
  }

  public List<HeldAlert> held(String channelId) {
    return db.read(c -> held(c, channelId));
  }

  private static List<HeldAlert> held(Connection c, String channelId) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT channel_id, incident, service, title, event, held_at FROM held_alert"
                + " WHERE channel_id = ? AND summarized_at IS NULL ORDER BY id")) {
      st.setString(1, channelId);
      List<HeldAlert> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(
              new HeldAlert(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  Sql.instant(rs, "held_at")));
        }
      }
      return out;
    }
  }

  /**
   * Queues the summary of what the channel held and marks those alerts summarized, in one
   * transaction; a second call finds nothing left to summarize.
   *
   * @return whether a summary was queued
   */
  public boolean summarize(
      String channelId,
      java.util.function.Function<List<HeldAlert>, dev.lookout.reports.QuietSummary> summary,
      Instant now) {
    return db.transaction(
        c -> {
          List<HeldAlert> held = held(c, channelId);
          if (held.isEmpty()) {
            return false;
          }
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE held_alert SET summarized_at = ? WHERE channel_id = ?"
                      + " AND summarized_at IS NULL")) {
            Sql.instant(st, 1, now);
            st.setString(2, channelId);
            st.executeUpdate();
          }
          outbox.enqueue(
              c,
              channelId,
              new dev.lookout.outbox.OutboxMessage.QuietSummaryPosted(summary.apply(held)),
              now);
          return true;
        });
  }

  private static boolean delete(Connection c, String table, String channelId) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("DELETE FROM " + table + " WHERE channel_id = ?")) {
      st.setString(1, channelId);
      return st.executeUpdate() > 0;
    }
  }
}
