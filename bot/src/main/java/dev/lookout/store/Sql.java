package dev.lookout.store;

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
}
