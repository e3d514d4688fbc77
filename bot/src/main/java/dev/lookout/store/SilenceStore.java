package dev.lookout.store;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.Silence;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Silences, by guild. Expired ones stay for the record until removed. */
public final class SilenceStore implements dev.lookout.alerts.Silences {
  private final Database db;

  public SilenceStore(Database db) {
    this.db = db;
  }

  /** Stores a silence and returns it with its id. */
  public Silence add(String guildId, Silence s) {
    long id =
        db.write(
            c -> {
              try (PreparedStatement st =
                  c.prepareStatement(
                      "INSERT INTO silence (guild_id, service, rule_id, severity, created_at, expires_at, author, comment)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      new String[] {"id"})) {
                st.setString(1, guildId);
                st.setString(2, s.service().orElse(null));
                st.setString(3, s.ruleId().orElse(null));
                st.setString(4, s.severity().map(Enum::name).orElse(null));
                Sql.instant(st, 5, s.createdAt());
                Sql.instant(st, 6, s.expiresAt());
                st.setString(7, s.author());
                st.setString(8, s.comment());
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                  keys.next();
                  return keys.getLong(1);
                }
              }
            });
    return new Silence(
        id,
        s.service(),
        s.ruleId(),
        s.severity(),
        s.createdAt(),
        s.expiresAt(),
        s.author(),
        s.comment());
  }

  /** Silences in force at {@code now}, in every guild. */
  @Override
  public List<Silence> active(Instant now) {
    return query(
        "SELECT * FROM silence WHERE NOT removed AND expires_at > ? AND created_at <= ?",
        now,
        now,
        null);
  }

  public List<Silence> inGuild(String guildId, Instant now) {
    return query(
        "SELECT * FROM silence WHERE NOT removed AND expires_at > ? AND created_at <= ? AND guild_id = ? ORDER BY id",
        now,
        now,
        guildId);
  }

  /**
   * @return whether a silence in force was removed
   */
  public boolean remove(String guildId, long id) {
    return db.write(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE silence SET removed = TRUE WHERE id = ? AND guild_id = ? AND NOT removed")) {
            st.setLong(1, id);
            st.setString(2, guildId);
            return st.executeUpdate() > 0;
          }
        });
  }

  /** Silences that expired and have not been noticed yet; each is returned once. */
  @Override
  public List<Silence> takeExpired(Instant now) {
    return db.transaction(
        c -> {
          List<Silence> expired = new ArrayList<>();
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT * FROM silence WHERE NOT removed AND NOT expiry_noticed AND expires_at <= ?")) {
            Sql.instant(st, 1, now);
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                expired.add(row(rs));
              }
            }
          }
          try (PreparedStatement st =
              c.prepareStatement("UPDATE silence SET expiry_noticed = TRUE WHERE id = ?")) {
            for (Silence s : expired) {
              st.setLong(1, s.id());
              st.executeUpdate();
            }
          }
          return expired;
        });
  }

  private List<Silence> query(String sql, Instant a, Instant b, String guild) {
    return db.read(
        c -> {
          try (PreparedStatement st = c.prepareStatement(sql)) {
            Sql.instant(st, 1, a);
            Sql.instant(st, 2, b);
            if (guild != null) {
              st.setString(3, guild);
            }
            List<Silence> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(row(rs));
              }
            }
            return out;
          }
        });
  }

  private static Silence row(ResultSet rs) throws SQLException {
    return new Silence(
        rs.getLong("id"),
        Optional.ofNullable(rs.getString("service")),
        Optional.ofNullable(rs.getString("rule_id")),
        Optional.ofNullable(rs.getString("severity")).map(AlertSeverity::valueOf),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "expires_at"),
        rs.getString("author"),
        rs.getString("comment"));
  }
}
