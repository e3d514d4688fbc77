package dev.lookout.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lease that elects one leader among the instances sharing a database. The leader holds the
 * Discord gateway session and runs the routines; the others stand by. Each acquisition increments
 * the fence, a fencing token: every write of the leader checks it in its own transaction ({@link
 * #fenceFor}), and on PostgreSQL holds a share lock on the lease row while it does, so a takeover
 * waits for the old leader's writes in flight and the old leader's later writes fail. Expiry is
 * judged by the database's clock, so instances with skewed clocks agree.
 */
public final class LeaderLease {
  private static final String NAME = "lookout";

  private final Database db;
  private final String holder;
  private final Duration ttl;

  /**
   * @param holder this instance's name (host and process), shown in {@code /healthz}
   * @param ttl how long a lease lasts without renewal: the longest a dead leader is waited for
   */
  public LeaderLease(Database db, String holder, Duration ttl) {
    this.db = db;
    this.holder = holder.length() > 100 ? holder.substring(0, 100) : holder;
    this.ttl = ttl;
  }

  /** Who holds the lease now, and until when. */
  public record Holder(String name, long fence, Instant expiresAt) {}

  /** The leader, taken away or stopped. */
  public static final class LostException extends SQLException {
    LostException(long fence) {
      super("this instance is no longer the leader (fence " + fence + ")", "LK001");
    }
  }

  public String holder() {
    return holder;
  }

  public Duration ttl() {
    return ttl;
  }

  /** Takes the lease if it is free or expired; returns the new fence when this instance leads. */
  public OptionalLong tryAcquire() {
    return take(" AND (holder IS NULL OR expires_at < CURRENT_TIMESTAMP)");
  }

  /**
   * Takes the lease whoever holds it. Only for embedded H2, whose file lock already guarantees that
   * no other live process uses the database: a restart after a crash need not wait out the dead
   * process's lease.
   */
  public long seize() {
    return take("").orElseThrow();
  }

  private OptionalLong take(String condition) {
    return db.unfenced(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE leader_lease SET holder = ?, fence = fence + 1, expires_at = "
                      + expiry()
                      + " WHERE name = ?"
                      + condition)) {
            st.setString(1, holder);
            st.setString(2, NAME);
            if (st.executeUpdate() == 0) {
              return OptionalLong.empty();
            }
          }
          return OptionalLong.of(current(c).orElseThrow().fence());
        });
  }

  /** Extends the lease held with {@code fence}; false when another instance took it over. */
  public boolean renew(long fence) {
    return db.unfenced(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE leader_lease SET expires_at = "
                      + expiry()
                      + " WHERE name = ? AND fence = ? AND holder = ?")) {
            st.setString(1, NAME);
            st.setLong(2, fence);
            st.setString(3, holder);
            return st.executeUpdate() == 1;
          }
        });
  }

  /**
   * Gives the lease up at once, as a graceful stop does, so a standby takes over without waiting.
   */
  public void release(long fence) {
    db.unfenced(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE leader_lease SET holder = NULL, expires_at = CURRENT_TIMESTAMP"
                      + " WHERE name = ? AND fence = ? AND holder = ?")) {
            st.setString(1, NAME);
            st.setLong(2, fence);
            st.setString(3, holder);
            st.executeUpdate();
          }
          return null;
        });
  }

  public Optional<Holder> current() {
    return db.read(LeaderLease::current);
  }

  private static Optional<Holder> current(java.sql.Connection c) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("SELECT holder, fence, expires_at FROM leader_lease WHERE name = ?")) {
      st.setString(1, NAME);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next()
            ? Optional.of(new Holder(rs.getString(1), rs.getLong(2), Sql.instant(rs, "expires_at")))
            : Optional.empty();
      }
    }
  }

  /**
   * The check every write of the leader holding {@code fence} makes before it commits: the lease is
   * still this one's and unexpired.
   */
  public Database.Fence fenceFor(long fence) {
    // A share lock on PostgreSQL makes a takeover wait for this leader's writes in flight.
    String lock = db.dialect() == Database.Dialect.POSTGRESQL ? " FOR SHARE" : "";
    return c -> {
      try (PreparedStatement st =
          c.prepareStatement(
              "SELECT 1 FROM leader_lease WHERE name = ? AND fence = ? AND holder = ?"
                  + " AND expires_at > CURRENT_TIMESTAMP"
                  + lock)) {
        st.setString(1, NAME);
        st.setLong(2, fence);
        st.setString(3, holder);
        try (ResultSet rs = st.executeQuery()) {
          if (!rs.next()) {
            throw new LostException(fence);
          }
        }
      }
    };
  }

  /** A fence that fails every write: set when the lease is lost, until the process stops. */
  public static Database.Fence lost(long fence) {
    return c -> {
      throw new LostException(fence);
    };
  }

  private String expiry() {
    return "CURRENT_TIMESTAMP + INTERVAL '" + Math.max(1, ttl.toSeconds()) + "' SECOND";
  }
}
