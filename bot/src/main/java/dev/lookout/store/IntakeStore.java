package dev.lookout.store;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.ExternalAlert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * External alerts as deliveries arrive: each delivery once (by the digest of its identity), each
 * incident's newest state (an older delivery arriving late never undoes a newer one). Evaluation
 * reads the open ones, and the closed ones for a day so that their closing resolves the alert.
 */
public final class IntakeStore implements dev.lookout.alerts.ExternalAlerts {
  /** How long a closed incident stays a rule, so the tick that resolves it surely runs. */
  static final Duration KEPT_CLOSED = Duration.ofDays(1);

  /** A delivery: its identity and the alert state it carries. */
  public record Delivery(String identity, ExternalAlert alert) {}

  /** What a batch did: deliveries stored, deliveries already seen. */
  public record Outcome(int accepted, int duplicates) {}

  private final Database db;
  private final Clock clock;

  public IntakeStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Records a batch from one source in one transaction: all of it, or nothing. Any instance may
   * take a delivery (Cloud Run sends a request to whichever runs), so this write is outside the
   * leader's fence: it records what another system said, and the leader acts on it. Two instances
   * taking the same delivery at once collide on its key; the loser fails and the sender retries.
   */
  public Outcome record(String source, List<Delivery> deliveries) {
    Instant now = clock.instant();
    return db.unfenced(
        c -> {
          int accepted = 0;
          int duplicates = 0;
          for (Delivery d : deliveries) {
            if (!firstTime(c, source, ExternalAlert.digest(d.identity()), now)) {
              duplicates++;
              continue;
            }
            accepted++;
            upsert(c, d.alert(), now);
          }
          return new Outcome(accepted, duplicates);
        });
  }

  private static boolean firstTime(Connection c, String source, String key, Instant now)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("SELECT 1 FROM intake_delivery WHERE source = ? AND dedup_key = ?")) {
      st.setString(1, source);
      st.setString(2, key);
      try (ResultSet rs = st.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO intake_delivery (source, dedup_key, received_at) VALUES (?, ?, ?)")) {
      st.setString(1, source);
      st.setString(2, key);
      Sql.instant(st, 3, now);
      st.executeUpdate();
    }
    return true;
  }

  private static void upsert(Connection c, ExternalAlert a, Instant now) throws SQLException {
    String incident = ExternalAlert.digest(a.key());
    Instant storedAt = null;
    boolean storedOpen = false;
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT changed_at, is_open FROM intake_alert WHERE source = ? AND incident_key = ?"
                + " FOR UPDATE")) {
      st.setString(1, a.source());
      st.setString(2, incident);
      try (ResultSet rs = st.executeQuery()) {
        if (rs.next()) {
          storedAt = Sql.instant(rs, "changed_at");
          storedOpen = rs.getBoolean("is_open");
        }
      }
    }
    if (storedAt != null) {
      // The sender's newest word stands; at the same time, closing beats opening.
      boolean older = a.changedAt().isBefore(storedAt);
      boolean sameTimeReopen = a.changedAt().equals(storedAt) && a.open() && !storedOpen;
      if (older || sameTimeReopen) {
        return;
      }
      try (PreparedStatement st =
          c.prepareStatement(
              "UPDATE intake_alert SET service = ?, title = ?, severity = ?, is_open = ?,"
                  + " detail = ?, runbook = ?, started_at = ?, changed_at = ?, received_at = ?"
                  + " WHERE source = ? AND incident_key = ?")) {
        bind(st, a, now);
        st.setString(10, a.source());
        st.setString(11, incident);
        st.executeUpdate();
      }
      return;
    }
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO intake_alert (service, title, severity, is_open, detail, runbook,"
                + " started_at, changed_at, received_at, source, incident_key, natural_key, family)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bind(st, a, now);
      st.setString(10, a.source());
      st.setString(11, incident);
      st.setString(12, cut(a.key(), 500));
      st.setString(13, cut(a.family(), 500));
      st.executeUpdate();
    }
  }

  private static void bind(PreparedStatement st, ExternalAlert a, Instant now) throws SQLException {
    st.setString(1, cut(a.service(), 64));
    st.setString(2, cut(a.title(), 200));
    st.setString(3, a.severity().name());
    st.setBoolean(4, a.open());
    st.setString(5, cut(a.detail(), 1000));
    st.setString(6, cut(a.runbook(), 2000));
    Sql.instant(st, 7, a.startedAt());
    Sql.instant(st, 8, a.changedAt());
    Sql.instant(st, 9, now);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  @Override
  public List<ExternalAlert> ofService(String service) {
    Instant since = clock.instant().minus(KEPT_CLOSED);
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT * FROM intake_alert WHERE service = ? AND (is_open OR received_at >= ?)"
                      + " ORDER BY started_at, changed_at, natural_key")) {
            st.setString(1, service);
            Sql.instant(st, 2, since);
            // An alert's newest incident stands for it: an older one of the same alert is over.
            java.util.Map<String, ExternalAlert> newest = new java.util.LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                String family = rs.getString("family");
                ExternalAlert a =
                    new ExternalAlert(
                        rs.getString("source"),
                        rs.getString("natural_key"),
                        family == null ? rs.getString("natural_key") : family,
                        rs.getString("service"),
                        rs.getString("title"),
                        AlertSeverity.valueOf(rs.getString("severity")),
                        rs.getBoolean("is_open"),
                        rs.getString("detail"),
                        rs.getString("runbook"),
                        Sql.instant(rs, "started_at"),
                        Sql.instant(rs, "changed_at"));
                newest.remove(a.ruleId());
                newest.put(a.ruleId(), a);
              }
            }
            return List.copyOf(newest.values());
          }
        });
  }

  @Override
  public Set<String> services() {
    Instant since = clock.instant().minus(KEPT_CLOSED);
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT DISTINCT service FROM intake_alert WHERE is_open OR received_at >= ?")) {
            Sql.instant(st, 1, since);
            Set<String> out = new TreeSet<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
            return out;
          }
        });
  }

  /** Rows stored, for tests and metrics: deliveries and incidents. */
  public long[] counts() {
    return db.read(c -> new long[] {count(c, "intake_delivery"), count(c, "intake_alert")});
  }

  private static long count(Connection c, String table) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM " + table);
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
