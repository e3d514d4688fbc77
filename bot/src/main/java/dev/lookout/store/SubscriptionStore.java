package dev.lookout.store;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.Subscription;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Which channels want which alerts. One row per channel. */
public final class SubscriptionStore implements dev.lookout.outbox.ChannelAccess {
  private final Database db;

  public SubscriptionStore(Database db) {
    this.db = db;
  }

  /** Subscribes the channel, replacing an earlier subscription of it. */
  public void save(Subscription s) {
    db.write(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  Sql.upsert(
                      c,
                      "subscription",
                      "channel_id",
                      "channel_id, guild_id, min_severity, services, created_by, created_at, broken_since, broken_reason",
                      "?, ?, ?, ?, ?, ?, NULL, NULL"))) {
            st.setString(1, s.channelId());
            st.setString(2, s.guildId());
            st.setString(3, s.minSeverity().name());
            st.setString(4, String.join(",", s.services()));
            st.setString(5, s.createdBy());
            Sql.instant(st, 6, s.createdAt());
            st.executeUpdate();
          }
          return null;
        });
  }

  /**
   * @return whether there was a subscription to remove
   */
  public boolean remove(String channelId) {
    return db.write(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("DELETE FROM subscription WHERE channel_id = ?")) {
            st.setString(1, channelId);
            return st.executeUpdate() > 0;
          }
        });
  }

  public List<Subscription> inGuild(String guildId) {
    return query("SELECT * FROM subscription WHERE guild_id = ? ORDER BY created_at", guildId);
  }

  public List<Subscription> all() {
    return query("SELECT * FROM subscription ORDER BY created_at");
  }

  public Optional<Subscription> of(String channelId) {
    return query("SELECT * FROM subscription WHERE channel_id = ?", channelId).stream().findFirst();
  }

  /**
   * Marks a channel the bot can no longer post in.
   *
   * @return true the first time, so it is reported once
   */
  @Override
  public boolean markBroken(String channelId, String reason, Instant at) {
    return db.write(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE subscription SET broken_since = ?, broken_reason = ?"
                      + " WHERE channel_id = ? AND broken_since IS NULL")) {
            Sql.instant(st, 1, at);
            st.setString(2, reason);
            st.setString(3, channelId);
            return st.executeUpdate() > 0;
          }
        });
  }

  private List<Subscription> query(String sql, String... args) {
    return db.read(
        c -> {
          try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              st.setString(i + 1, args[i]);
            }
            List<Subscription> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(row(rs));
              }
            }
            return out;
          }
        });
  }

  private static Subscription row(ResultSet rs) throws SQLException {
    String services = rs.getString("services");
    return new Subscription(
        rs.getString("channel_id"),
        rs.getString("guild_id"),
        AlertSeverity.valueOf(rs.getString("min_severity")),
        services.isEmpty()
            ? java.util.Set.of()
            : new LinkedHashSet<>(Arrays.asList(services.split(","))),
        rs.getString("created_by"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "broken_since"));
  }
}
