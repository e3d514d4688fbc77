package dev.lookout.store;

import dev.lookout.operations.AuditEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The append-only audit trail. Entries are written in the same transaction as the change they
 * record, and this class offers no way to change or remove one.
 */
public final class AuditLog {
  private final Database db;

  public AuditLog(Database db) {
    this.db = db;
  }

  static void append(Connection c, AuditEntry e) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO audit_entry (at, guild_id, service, actor, action, subject, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      Sql.instant(st, 1, e.at());
      st.setString(2, e.guildId());
      st.setString(3, e.service());
      st.setString(4, cut(e.actor(), 100));
      st.setString(5, e.action());
      st.setString(6, e.subject());
      st.setString(7, cut(e.detail(), 1000));
      st.executeUpdate();
    }
  }

  /** Appends one entry on its own. */
  public void append(AuditEntry e) {
    db.write(
        c -> {
          append(c, e);
          return null;
        });
  }

  /** The newest {@code limit} entries of a guild, newest first, of one service or all. */
  public List<AuditEntry> recent(String guildId, Optional<String> service, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT id, at, guild_id, service, actor, action, subject, detail FROM audit_entry"
                      + " WHERE guild_id = ? AND (? IS NULL OR service = ?)"
                      + " ORDER BY id DESC LIMIT ?")) {
            st.setString(1, guildId);
            st.setString(2, service.orElse(null));
            st.setString(3, service.orElse(null));
            st.setInt(4, limit);
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new AuditEntry(
                        rs.getLong(1),
                        Sql.instant(rs, "at"),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)));
              }
            }
            return out;
          }
        });
  }

  static String cut(String s, int max) {
    return s.length() > max ? s.substring(0, max - 1) + "…" : s;
  }
}
