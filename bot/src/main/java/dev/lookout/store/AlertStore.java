package dev.lookout.store;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.AlertEvent;
import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.AlertStatus;
import dev.lookout.alerts.Flapping;
import dev.lookout.alerts.NotificationPipeline.Notified;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alerts (one row per incident), what was last told about each, and which message carries an
 * incident in which channel. Writes take the caller's connection so that an alert's change and the
 * outbox rows it causes commit together.
 */
public final class AlertStore implements dev.lookout.reports.AlertHistory {
  private final Database db;

  public AlertStore(Database db) {
    this.db = db;
  }

  public Map<String, Alert> ofService(String service) {
    return db.read(c -> ofService(c, service));
  }

  Map<String, Alert> ofService(Connection c, String service) throws SQLException {
    Map<String, Alert> out = new LinkedHashMap<>();
    try (PreparedStatement st = c.prepareStatement("SELECT * FROM alert WHERE service = ?")) {
      st.setString(1, service);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Alert a = row(rs);
          out.put(a.ruleId(), a);
        }
      }
    }
    return out;
  }

  /** Every alert now firing, oldest first. */
  public List<Alert> firing() {
    return db.read(
        c -> {
          List<Alert> out = new ArrayList<>();
          try (PreparedStatement st =
                  c.prepareStatement(
                      "SELECT * FROM alert WHERE status = 'FIRING' ORDER BY firing_since");
              ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              out.add(row(rs));
            }
          }
          return out;
        });
  }

  public Optional<Alert> find(String service, String ruleId) {
    return Optional.ofNullable(ofService(service).get(ruleId));
  }

  public Optional<Notified> notified(String incident) {
    int slash = incident.indexOf('/');
    return db.read(c -> notified(c, incident.substring(0, slash), incident.substring(slash + 1)));
  }

  Optional<Notified> notified(Connection c, String service, String ruleId) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT notified_severity, notified_status, notified_at, notified_spell_since,"
                + " notified_spell_fires FROM alert WHERE service = ? AND rule_id = ?")) {
      st.setString(1, service);
      st.setString(2, ruleId);
      try (ResultSet rs = st.executeQuery()) {
        if (rs.next() && rs.getString(1) != null) {
          Instant spellSince = Sql.instant(rs, "notified_spell_since");
          return Optional.of(
              new Notified(
                  AlertSeverity.valueOf(rs.getString(1)),
                  AlertStatus.valueOf(rs.getString(2)),
                  Sql.instant(rs, "notified_at"),
                  spellSince == null ? null : new Flapping.Spell(spellSince, rs.getInt(5))));
        }
      }
    }
    return Optional.empty();
  }

  /** Writes an alert's state, keeping what was last told about it. */
  void save(Connection c, Alert a) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            Sql.upsert(
                c,
                "alert",
                "service, rule_id",
                "service, rule_id, title, status, severity, breach_since, fatal_since, firing_since, resolved_at, reading_value, threshold, detail, runbook, acknowledged_by, last_data_at",
                "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"))) {
      st.setString(1, a.service());
      st.setString(2, a.ruleId());
      st.setString(3, a.title());
      st.setString(4, a.status().name());
      st.setString(5, a.severity().name());
      Sql.instant(st, 6, a.breachSince());
      Sql.instant(st, 7, a.fatalSince());
      Sql.instant(st, 8, a.firingSince());
      Sql.instant(st, 9, a.resolvedAt());
      st.setDouble(10, Double.isNaN(a.value()) ? 0 : a.value());
      st.setDouble(11, Double.isNaN(a.threshold()) ? 0 : a.threshold());
      st.setString(12, a.detail());
      st.setString(13, a.runbook());
      st.setString(14, a.acknowledgedBy());
      Sql.instant(st, 15, a.lastDataAt());
      st.executeUpdate();
    }
    remember(c, a);
  }

  /** Keeps the incident in the history once it fired, with its latest severity and resolution. */
  private void remember(Connection c, Alert a) throws SQLException {
    if (a.firingSince() == null) {
      return;
    }
    try (PreparedStatement st =
        c.prepareStatement(
            Sql.upsert(
                c,
                "alert_history",
                "incident, fired_at",
                "incident, fired_at, service, rule_id, title, severity, resolved_at",
                "?, ?, ?, ?, ?, ?, ?"))) {
      st.setString(1, a.incident());
      Sql.instant(st, 2, a.firingSince());
      st.setString(3, a.service());
      st.setString(4, a.ruleId());
      st.setString(5, a.title());
      st.setString(6, a.severity().name());
      Sql.instant(st, 7, a.resolvedAt());
      st.executeUpdate();
    }
  }

  /** Incidents that fired in {@code [from, to)}, oldest first. */
  @Override
  public List<dev.lookout.reports.AlertRecord> history(Instant from, Instant to) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT service, rule_id, title, severity, fired_at, acknowledged_at, resolved_at"
                      + " FROM alert_history WHERE fired_at >= ? AND fired_at < ? ORDER BY fired_at")) {
            Sql.instant(st, 1, from);
            Sql.instant(st, 2, to);
            List<dev.lookout.reports.AlertRecord> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new dev.lookout.reports.AlertRecord(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        Sql.instant(rs, "fired_at"),
                        Sql.instant(rs, "acknowledged_at"),
                        Sql.instant(rs, "resolved_at")));
              }
            }
            return out;
          }
        });
  }

  void delete(Connection c, String service, String ruleId) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("DELETE FROM alert WHERE service = ? AND rule_id = ?")) {
      st.setString(1, service);
      st.setString(2, ruleId);
      st.executeUpdate();
    }
  }

  /** Records what {@code told} said of its alert, and the flapping spell it was part of. */
  void markNotified(Connection c, AlertEvent told, Instant at) throws SQLException {
    Alert a = told.alert();
    try (PreparedStatement st =
        c.prepareStatement(
            "UPDATE alert SET notified_severity = ?, notified_status = ?, notified_at = ?,"
                + " notified_spell_since = ?, notified_spell_fires = ?"
                + " WHERE service = ? AND rule_id = ?")) {
      st.setString(1, a.severity().name());
      st.setString(2, a.status().name());
      Sql.instant(st, 3, at);
      Sql.instant(st, 4, told.spell() == null ? null : told.spell().since());
      if (told.spell() == null) {
        st.setNull(5, java.sql.Types.INTEGER);
      } else {
        st.setInt(5, told.spell().fires());
      }
      st.setString(6, a.service());
      st.setString(7, a.ruleId());
      st.executeUpdate();
    }
  }

  /** When an incident fired in {@code [from, before)}, oldest first. */
  public List<Instant> firings(String incident, Instant from, Instant before) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT fired_at FROM alert_history WHERE incident = ? AND fired_at >= ?"
                      + " AND fired_at < ? ORDER BY fired_at")) {
            st.setString(1, incident);
            Sql.instant(st, 2, from);
            Sql.instant(st, 3, before);
            List<Instant> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(Sql.instant(rs, "fired_at"));
              }
            }
            return out;
          }
        });
  }

  /**
   * Records who acknowledged a firing alert; reminders stop.
   *
   * @return false when the alert is not firing (already resolved, or never was)
   */
  public boolean acknowledge(String service, String ruleId, String by, Instant at) {
    return db.transaction(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE alert SET acknowledged_by = ? WHERE service = ? AND rule_id = ?"
                      + " AND status = 'FIRING' AND acknowledged_by IS NULL")) {
            st.setString(1, by);
            st.setString(2, service);
            st.setString(3, ruleId);
            if (st.executeUpdate() == 0) {
              return false;
            }
          }
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE alert_history SET acknowledged_at = ?, acknowledged_by = ?"
                      + " WHERE incident = ? AND acknowledged_at IS NULL AND fired_at ="
                      + " (SELECT firing_since FROM alert WHERE service = ? AND rule_id = ?)")) {
            Sql.instant(st, 1, at);
            st.setString(2, by);
            st.setString(3, service + "/" + ruleId);
            st.setString(4, service);
            st.setString(5, ruleId);
            st.executeUpdate();
          }
          return true;
        });
  }

  /** The message carrying an incident in a channel, and its thread if it has one. */
  public record CarryingMessage(String messageId, String threadId, long outboxId) {}

  public Optional<CarryingMessage> message(String channelId, String incident) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT message_id, thread_id, outbox_id FROM alert_message WHERE channel_id = ? AND incident = ?")) {
            st.setString(1, channelId);
            st.setString(2, incident);
            try (ResultSet rs = st.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new CarryingMessage(rs.getString(1), rs.getString(2), rs.getLong(3)))
                  : Optional.empty();
            }
          }
        });
  }

  void recordMessage(
      Connection c,
      String channelId,
      String incident,
      String messageId,
      String threadId,
      long outboxId)
      throws SQLException {
    // The message that carried the incident until now (a warn before its fatal) is kept.
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT message_id, outbox_id FROM alert_message WHERE channel_id = ? AND incident = ?")) {
      st.setString(1, channelId);
      st.setString(2, incident);
      try (ResultSet rs = st.executeQuery()) {
        if (rs.next() && !rs.getString(1).equals(messageId)) {
          keepEarlier(c, channelId, incident, rs.getString(1), rs.getLong(2));
        }
      }
    }
    try (PreparedStatement st =
        c.prepareStatement(
            Sql.upsert(
                c,
                "alert_message",
                "channel_id, incident",
                "channel_id, incident, message_id, thread_id, outbox_id",
                "?, ?, ?, ?, ?"))) {
      st.setString(1, channelId);
      st.setString(2, incident);
      st.setString(3, messageId);
      st.setString(4, threadId);
      st.setLong(5, outboxId);
      st.executeUpdate();
    }
  }

  private static void keepEarlier(
      Connection c, String channelId, String incident, String messageId, long outboxId)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            Sql.upsert(
                c,
                "alert_message_earlier",
                "channel_id, message_id",
                "channel_id, incident, message_id, outbox_id",
                "?, ?, ?, ?"))) {
      st.setString(1, channelId);
      st.setString(2, incident);
      st.setString(3, messageId);
      st.setLong(4, outboxId);
      st.executeUpdate();
    }
  }

  /** The messages that carry an incident, in every channel, by channel id. */
  public Map<String, CarryingMessage> messagesOf(String incident) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT channel_id, message_id, thread_id, outbox_id FROM alert_message"
                      + " WHERE incident = ? ORDER BY outbox_id")) {
            st.setString(1, incident);
            Map<String, CarryingMessage> out = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.put(
                    rs.getString(1),
                    new CarryingMessage(rs.getString(2), rs.getString(3), rs.getLong(4)));
              }
            }
            return out;
          }
        });
  }

  /** Messages that announced an incident in a channel before the one that carries it now. */
  public List<CarryingMessage> earlierMessages(String channelId, String incident) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT message_id, outbox_id FROM alert_message_earlier"
                      + " WHERE channel_id = ? AND incident = ? ORDER BY outbox_id")) {
            st.setString(1, channelId);
            st.setString(2, incident);
            List<CarryingMessage> out = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(new CarryingMessage(rs.getString(1), null, rs.getLong(2)));
              }
            }
            return out;
          }
        });
  }

  /** Forgets the earlier messages of an incident once its resolution has edited them. */
  public void forgetEarlier(Connection c, String channelId, String incident) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "DELETE FROM alert_message_earlier WHERE channel_id = ? AND incident = ?")) {
      st.setString(1, channelId);
      st.setString(2, incident);
      st.executeUpdate();
    }
  }

  private static Alert row(ResultSet rs) throws SQLException {
    return new Alert(
        rs.getString("service"),
        rs.getString("rule_id"),
        rs.getString("title"),
        AlertStatus.valueOf(rs.getString("status")),
        AlertSeverity.valueOf(rs.getString("severity")),
        Sql.instant(rs, "breach_since"),
        Sql.instant(rs, "fatal_since"),
        Sql.instant(rs, "firing_since"),
        Sql.instant(rs, "resolved_at"),
        rs.getDouble("reading_value"),
        rs.getDouble("threshold"),
        rs.getString("detail"),
        rs.getString("runbook"),
        rs.getString("acknowledged_by"),
        Sql.instant(rs, "last_data_at"));
  }
}
