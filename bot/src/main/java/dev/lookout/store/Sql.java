package dev.lookout.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Small JDBC conversions the stores share. */
final class Sql {
  private Sql() {}

  static void instant(PreparedStatement st, int index, Instant value) throws SQLException {
    if (value == null) {
      st.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      st.setObject(index, value.atOffset(java.time.ZoneOffset.UTC));
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** Binds {@code args} in order; instants as UTC timestamps, anything else as an object. */
  static void bind(PreparedStatement st, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof Instant t) {
        instant(st, i + 1, t);
      } else {
        st.setObject(i + 1, args[i]);
      }
    }
  }

  /**
   * An insert that replaces the row with the same key: H2's {@code MERGE ... KEY} or PostgreSQL's
   * {@code INSERT ... ON CONFLICT ... DO UPDATE}, each atomic against a concurrent insert of the
   * same key.
   *
   * @param keys the key columns, comma-separated
   * @param columns every column written, comma-separated
   * @param values the values in the same order, usually {@code ?} marks
   */
  static String upsert(Connection c, String table, String keys, String columns, String values)
      throws SQLException {
    if (!isPostgres(c)) {
      return "MERGE INTO "
          + table
          + " ("
          + columns
          + ") KEY ("
          + keys
          + ") VALUES ("
          + values
          + ")";
    }
    java.util.Set<String> keySet = java.util.Set.of(keys.split(",\\s*"));
    java.util.List<String> rest =
        java.util.Arrays.stream(columns.split(",\\s*")).filter(k -> !keySet.contains(k)).toList();
    return "INSERT INTO "
        + table
        + " ("
        + columns
        + ") VALUES ("
        + values
        + ") ON CONFLICT ("
        + keys
        + ") "
        + (rest.isEmpty()
            ? "DO NOTHING"
            : "DO UPDATE SET "
                + String.join(", ", rest.stream().map(k -> k + " = EXCLUDED." + k).toList()));
  }

  static boolean isPostgres(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
  }
}
