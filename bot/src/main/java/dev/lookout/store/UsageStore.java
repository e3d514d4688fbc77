package dev.lookout.store;

import dev.lookout.reports.HourlyUsage;
import dev.lookout.reports.LatencyHistogram;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hourly usage rollups and the hours that have been read. An hour is saved with all its services'
 * rows in one transaction, so a report never sees half an hour.
 */
public final class UsageStore implements dev.lookout.reports.UsageHistory {
  private final Database db;

  public UsageStore(Database db) {
    this.db = db;
  }

  /** Of {@code hours}, those that have been read already. */
  @Override
  public Set<Instant> readHours(Instant from, Instant to) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT hour_start FROM usage_hour WHERE hour_start >= ? AND hour_start < ?")) {
            Sql.instant(st, 1, from);
            Sql.instant(st, 2, to);
            Set<Instant> out = new HashSet<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(Sql.instant(rs, "hour_start"));
              }
            }
            return out;
          }
        });
  }

  /** Saves the rows read for {@code hours} and marks those hours read, in one transaction. */
  @Override
  public void save(List<Instant> hours, List<HourlyUsage> rows, Instant now) {
    db.transaction(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  Sql.upsert(
                      c,
                      "usage_rollup",
                      "service, hour_start",
                      "service, hour_start, active_instance_seconds, idle_instance_seconds, billable_seconds, vcpu_seconds, gib_seconds, requests, errors, latency",
                      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?"))) {
            for (HourlyUsage u : rows) {
              st.setString(1, u.service());
              Sql.instant(st, 2, u.hourStart());
              st.setDouble(3, u.activeInstanceSeconds());
              st.setDouble(4, u.idleInstanceSeconds());
              st.setDouble(5, u.billableSeconds());
              st.setDouble(6, u.vcpuSeconds());
              st.setDouble(7, u.gibSeconds());
              st.setLong(8, u.requests());
              st.setLong(9, u.errors());
              st.setString(10, u.latency().encode());
              st.addBatch();
            }
            st.executeBatch();
          }
          try (PreparedStatement st =
              c.prepareStatement(
                  Sql.upsert(c, "usage_hour", "hour_start", "hour_start, read_at", "?, ?"))) {
            for (Instant h : hours) {
              Sql.instant(st, 1, h);
              Sql.instant(st, 2, now);
              st.addBatch();
            }
            st.executeBatch();
          }
          return null;
        });
  }

  /** The rollups of hours starting in {@code [from, to)}, of every service. */
  public List<HourlyUsage> rollups(Instant from, Instant to) {
    return rollups(from, to, java.util.Optional.empty());
  }

  /** The rollups of hours starting in {@code [from, to)}, of one service or of all. */
  @Override
  public List<HourlyUsage> rollups(Instant from, Instant to, java.util.Optional<String> service) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT service, hour_start, active_instance_seconds, idle_instance_seconds,"
                      + " billable_seconds, vcpu_seconds, gib_seconds, requests, errors, latency"
                      + " FROM usage_rollup WHERE hour_start >= ? AND hour_start < ?"
                      + (service.isPresent() ? " AND service = ?" : "")
                      + " ORDER BY hour_start, service")) {
            Sql.instant(st, 1, from);
            Sql.instant(st, 2, to);
            if (service.isPresent()) {
              st.setString(3, service.get());
            }
            List<HourlyUsage> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(row(rs));
              }
            }
            return out;
          }
        });
  }

  /** Drops rollups older than {@code before}; reports never reach back that far. */
  @Override
  public int forget(Instant before) {
    return db.write(
        c -> {
          int n;
          try (PreparedStatement st =
              c.prepareStatement("DELETE FROM usage_rollup WHERE hour_start < ?")) {
            Sql.instant(st, 1, before);
            n = st.executeUpdate();
          }
          try (PreparedStatement st =
              c.prepareStatement("DELETE FROM usage_hour WHERE hour_start < ?")) {
            Sql.instant(st, 1, before);
            st.executeUpdate();
          }
          return n;
        });
  }

  private static HourlyUsage row(ResultSet rs) throws SQLException {
    return new HourlyUsage(
        rs.getString(1),
        Sql.instant(rs, "hour_start"),
        rs.getDouble(3),
        rs.getDouble(4),
        rs.getDouble(5),
        rs.getDouble(6),
        rs.getDouble(7),
        rs.getLong(8),
        rs.getLong(9),
        LatencyHistogram.decode(rs.getString(10)));
  }
}
