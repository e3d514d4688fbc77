package dev.lookout.store;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.operations.AuditEntry;
import dev.lookout.operations.DrillKind;
import dev.lookout.operations.DrillStatus;
import dev.lookout.operations.Drills;
import dev.lookout.operations.Drills.DeliveredAlert;
import dev.lookout.operations.Drills.DrillRunningException;
import dev.lookout.operations.LoadDrill;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Load drills. A running drill holds its service (one drill per service at a time, enforced by a
 * unique index); finishing is one conditional UPDATE written with its audit entry and the edit of
 * its card.
 */
public final class DrillStore implements Drills {
  private final Database db;
  private final Outbox outbox;

  public DrillStore(Database db, Outbox outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /**
   * Records a drill as running, with its audit entry and its card queued to the drill's channel.
   *
   * @throws DrillRunningException when the service already has a running drill
   */
  @Override
  public LoadDrill start(LoadDrill d, AuditEntry audit) {
    try {
      return db.transaction(
          c -> {
            long id;
            try (PreparedStatement st =
                c.prepareStatement(
                    "INSERT INTO load_drill (guild_id, channel_id, service, open_service, kind,"
                        + " intensity, started_by, started_at, ends_at, status, expect, token)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
              st.setString(1, d.guildId());
              st.setString(2, d.channelId());
              st.setString(3, d.service());
              st.setString(4, d.service());
              st.setString(5, d.kind().key());
              st.setDouble(6, d.intensity());
              st.setString(7, AuditLog.cut(d.startedBy(), 100));
              Sql.instant(st, 8, d.startedAt());
              Sql.instant(st, 9, d.endsAt());
              st.setString(10, DrillStatus.RUNNING.key());
              st.setString(11, d.expect().map(AlertSeverity::id).orElse(null));
              st.setString(12, Tokens.next());
              st.executeUpdate();
              try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
              }
            }
            AuditLog.append(c, subject(audit, id));
            outbox.enqueue(
                c,
                d.channelId(),
                new dev.lookout.outbox.OutboxMessage.CardUpdate(
                    dev.lookout.outbox.OutboxMessage.Card.DRILL, id),
                audit.at());
            return find(c, id).orElseThrow();
          });
    } catch (Database.StoreException e) {
      if (e.getCause() instanceof SQLException s && s.getSQLState().equals("23505")) {
        Optional<LoadDrill> running = running(d.service());
        if (running.isPresent()) {
          throw new DrillRunningException(running.get());
        }
      }
      throw e;
    }
  }

  private static AuditEntry subject(AuditEntry a, long id) {
    return new AuditEntry(
        a.id(),
        a.at(),
        a.guildId(),
        a.service(),
        a.actor(),
        a.action(),
        "drill #" + id,
        a.detail());
  }

  /**
   * Ends a running drill, with its outcome, audit entry and card edit in one transaction.
   *
   * @return the drill as ended, or empty when it was no longer running
   */
  @Override
  public Optional<LoadDrill> finish(
      long id,
      DrillStatus status,
      Optional<String> verdict,
      Optional<String> peak,
      Optional<String> detail,
      AuditEntry audit) {
    return db.transaction(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE load_drill SET status = ?, open_service = NULL, verdict = ?, peak = ?,"
                      + " detail = ?, finished_at = ? WHERE id = ? AND status = 'running'")) {
            st.setString(1, status.key());
            st.setString(2, verdict.orElse(null));
            st.setString(3, peak.map(p -> AuditLog.cut(p, 1000)).orElse(null));
            st.setString(4, detail.map(p -> AuditLog.cut(p, 1000)).orElse(null));
            Sql.instant(st, 5, audit.at());
            st.setLong(6, id);
            if (st.executeUpdate() == 0) {
              return Optional.<LoadDrill>empty();
            }
          }
          AuditLog.append(c, subject(audit, id));
          CardMessages.queueEdits(c, outbox, CardMessages.DRILL, id, audit.at());
          return find(c, id);
        });
  }

  @Override
  public Optional<LoadDrill> find(long id) {
    return db.read(c -> find(c, id));
  }

  private static Optional<LoadDrill> find(Connection c, long id) throws SQLException {
    List<LoadDrill> one = query(c, "id = ?", id);
    return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
  }

  @Override
  public Optional<LoadDrill> running(String service) {
    return db.read(
        c -> {
          List<LoadDrill> one = query(c, "open_service = ?", service);
          return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
        });
  }

  /** Every running drill, oldest first. */
  @Override
  public List<LoadDrill> running() {
    return db.read(c -> query(c, "status = 'running' ORDER BY id"));
  }

  /**
   * Alert messages about {@code service} delivered to a channel whose alerts were raised between
   * {@code from} and {@code to}: the evidence a fire drill is judged by.
   */
  @Override
  public List<DeliveredAlert> alertsDelivered(String service, Instant from, Instant to) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT m.channel_id, o.created_at, h.title, h.severity FROM alert_history h"
                      + " JOIN alert_message m ON m.incident = h.incident"
                      + " JOIN outbox o ON o.id = m.outbox_id"
                      + " WHERE h.service = ? AND h.fired_at >= ? AND h.fired_at <= ?"
                      + " AND o.sent_at IS NOT NULL ORDER BY o.created_at")) {
            st.setString(1, service);
            Sql.instant(st, 2, from);
            Sql.instant(st, 3, to);
            List<DeliveredAlert> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new DeliveredAlert(
                        rs.getString(1),
                        Sql.instant(rs, "created_at"),
                        rs.getString(3),
                        AlertSeverity.valueOf(rs.getString(4))));
              }
            }
            return out;
          }
        });
  }

  private static List<LoadDrill> query(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT id, token, guild_id, channel_id, service, kind, intensity, started_by, started_at,"
                + " ends_at, status, expect, verdict, peak, detail, finished_at FROM load_drill"
                + " WHERE "
                + where)) {
      Sql.bind(st, args);
      List<LoadDrill> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(
              new LoadDrill(
                  rs.getLong("id"),
                  Tokens.orNone(rs.getString("token")),
                  rs.getString("guild_id"),
                  rs.getString("channel_id"),
                  rs.getString("service"),
                  DrillKind.parse(rs.getString("kind")),
                  rs.getDouble("intensity"),
                  rs.getString("started_by"),
                  Sql.instant(rs, "started_at"),
                  Sql.instant(rs, "ends_at"),
                  DrillStatus.parse(rs.getString("status")),
                  Optional.ofNullable(rs.getString("expect")).map(AlertSeverity::parse),
                  Optional.ofNullable(rs.getString("verdict")),
                  Optional.ofNullable(rs.getString("peak")),
                  Optional.ofNullable(rs.getString("detail")),
                  Optional.ofNullable(Sql.instant(rs, "finished_at"))));
        }
      }
      return out;
    }
  }
}
