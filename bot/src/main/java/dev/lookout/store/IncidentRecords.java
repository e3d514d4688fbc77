package dev.lookout.store;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.EscalationPolicy;
import dev.lookout.alerts.IncidentTimeline;
import dev.lookout.alerts.IncidentTimeline.Entry;
import dev.lookout.alerts.IncidentTimeline.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An incident's timeline, read from where each part is kept: the alert history (fired,
 * acknowledged, resolved), the escalation steps, the silences that covered it, the audit trail of
 * its service (proposals and their decisions, drills), and its notes (Explain answers).
 */
public final class IncidentRecords {
  /** Actions on the service shortly before it fired belong to the story too. */
  static final Duration BEFORE = Duration.ofMinutes(15);

  private final Database db;

  public IncidentRecords(Database db) {
    this.db = db;
  }

  /** Records what a member did about one firing (an Explain answer and what it cited). */
  public void note(
      String incident, Instant firedAt, Instant at, String kind, String actor, String text) {
    db.transaction(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO incident_note (incident, fired_at, at, kind, actor, text)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, incident);
            Sql.instant(st, 2, firedAt);
            Sql.instant(st, 3, at);
            st.setString(4, kind);
            st.setString(5, cut(actor, 100));
            st.setString(6, cut(text, 4000));
            st.executeUpdate();
          }
          return null;
        });
  }

  /** The incident whose alert card opened this thread, if it is one. */
  public Optional<String> incidentOfThread(String threadId) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("SELECT incident FROM alert_message WHERE thread_id = ?")) {
            st.setString(1, threadId);
            try (ResultSet rs = st.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  /** The latest firing of an incident, as a timeline up to {@code now}. */
  public Optional<IncidentTimeline> latest(String incident, Instant now) {
    return db.read(c -> latest(c, incident, now));
  }

  private static Optional<IncidentTimeline> latest(Connection c, String incident, Instant now)
      throws SQLException {
    String service;
    String rule;
    String title;
    AlertSeverity severity;
    Instant fired;
    Instant acked;
    String ackedBy;
    Instant resolved;
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT service, rule_id, title, severity, fired_at, acknowledged_at, acknowledged_by,"
                + " resolved_at FROM alert_history WHERE incident = ? ORDER BY fired_at DESC"
                + " LIMIT 1")) {
      st.setString(1, incident);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        service = rs.getString(1);
        rule = rs.getString(2);
        title = rs.getString(3);
        severity = AlertSeverity.valueOf(rs.getString(4));
        fired = Sql.instant(rs, "fired_at");
        acked = Sql.instant(rs, "acknowledged_at");
        ackedBy = rs.getString(7);
        resolved = Sql.instant(rs, "resolved_at");
      }
    }
    Instant end = resolved == null ? now : resolved;
    List<Entry> entries = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    entries.add(new Entry(fired, Kind.FIRED, Optional.empty(), "fired"));
    // A warn that escalated to fatal: the alert row of this firing knows when.
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT fatal_since, severity FROM alert WHERE service = ? AND rule_id = ?"
                + " AND firing_since = ?")) {
      st.setString(1, service);
      st.setString(2, rule);
      Sql.instant(st, 3, fired);
      try (ResultSet rs = st.executeQuery()) {
        Instant fatal = rs.next() ? Sql.instant(rs, "fatal_since") : null;
        if (fatal != null && fatal.isAfter(fired) && severity == AlertSeverity.FATAL) {
          entries.add(new Entry(fatal, Kind.ESCALATED, Optional.empty(), "escalated to fatal"));
        }
      }
    }
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT at, step, target_kind, target_id, note FROM escalation_step"
                + " WHERE incident = ? AND fired_at = ? ORDER BY step")) {
      st.setString(1, incident);
      Sql.instant(st, 2, fired);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String kind = rs.getString(3);
          Optional<EscalationPolicy.Target> woke =
              kind.equals("NONE")
                  ? Optional.empty()
                  : Optional.of(
                      new EscalationPolicy.Target(
                          EscalationPolicy.Target.Kind.valueOf(kind), rs.getString(4)));
          entries.add(
              new Entry(
                  Sql.instant(rs, "at"),
                  Kind.ESCALATED,
                  Optional.empty(),
                  "escalation step " + rs.getInt(2) + " (" + rs.getString(5) + ")",
                  woke));
        }
      }
    }
    if (acked != null) {
      entries.add(
          new Entry(acked, Kind.ACKNOWLEDGED, Optional.ofNullable(ackedBy), "acknowledged"));
    }
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT id, created_at, expires_at, author, comment FROM silence"
                + " WHERE created_at >= ? AND created_at <= ? AND (service IS NULL OR service = ?)"
                + " AND (rule_id IS NULL OR rule_id = ?) ORDER BY id")) {
      Sql.instant(st, 1, fired.minus(BEFORE));
      Sql.instant(st, 2, end);
      st.setString(3, service);
      st.setString(4, rule);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new Entry(
                  Sql.instant(rs, "created_at"),
                  Kind.SILENCED,
                  Optional.of(rs.getString(4)),
                  "silence #"
                      + rs.getLong(1)
                      + " until "
                      + Sql.instant(rs, "expires_at")
                      + ": "
                      + rs.getString(5)));
        }
      }
    }
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT at, actor, action, subject, detail FROM audit_entry WHERE service = ?"
                + " AND at >= ? AND at <= ? ORDER BY id")) {
      st.setString(1, service);
      Sql.instant(st, 2, fired.minus(BEFORE));
      Sql.instant(st, 3, end);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String subject = rs.getString(4);
          entries.add(
              new Entry(
                  Sql.instant(rs, "at"),
                  Kind.ACTION,
                  Optional.ofNullable(rs.getString(2)),
                  rs.getString(3)
                      + (subject == null || subject.isBlank() ? "" : " " + subject)
                      + ": "
                      + rs.getString(5)));
        }
      }
    }
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT at, kind, actor, text FROM incident_note WHERE incident = ? AND fired_at = ?"
                + " ORDER BY id")) {
      st.setString(1, incident);
      Sql.instant(st, 2, fired);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String text = rs.getString(4);
          String[] lines = text.split("\n");
          entries.add(
              new Entry(
                  Sql.instant(rs, "at"), Kind.EXPLAINED, Optional.of(rs.getString(3)), lines[0]));
          for (int i = 1; i < lines.length; i++) {
            evidence.add(lines[i]);
          }
        }
      }
    }
    if (resolved != null) {
      entries.add(new Entry(resolved, Kind.RESOLVED, Optional.empty(), "resolved"));
    }
    entries.sort(Comparator.comparing(Entry::at));
    return Optional.of(
        new IncidentTimeline(
            incident,
            service,
            title,
            severity,
            fired,
            Optional.ofNullable(acked),
            Optional.ofNullable(ackedBy),
            Optional.ofNullable(resolved),
            entries,
            evidence));
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
