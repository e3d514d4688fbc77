package dev.lookout.store;

import dev.lookout.alerts.EscalationPolicy;
import dev.lookout.alerts.EscalationStep;
import dev.lookout.alerts.OnCallSchedule;
import dev.lookout.operations.AuditEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * On-call schedules and their overrides, and who each schedule's last handoff notice named. Every
 * change is written with its audit entry in one transaction.
 */
public final class OnCallStore
    implements dev.lookout.alerts.OnCallBook, dev.lookout.alerts.OnCallNotices {
  private final Database db;
  private final Outbox outbox;

  public OnCallStore(Database db, Outbox outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  @Override
  public void handoff(
      OnCallSchedule s, Optional<String> from, OnCallSchedule.Shift to, Instant now) {
    announce(
        s.id(),
        from.orElse(null),
        to.userId(),
        c -> {
          outbox.enqueue(
              c,
              s.channelId(),
              new dev.lookout.outbox.OutboxMessage.Handoff(
                  s.name(),
                  from.orElse(null),
                  to.userId(),
                  to.until(),
                  s.zone().getId(),
                  to.override().isPresent()),
              now);
          return null;
        });
  }

  @Override
  public List<EscalationStep> steps(String incident, Instant firedAt) {
    return db.read(c -> steps(c, incident, firedAt));
  }

  private static List<EscalationStep> steps(Connection c, String incident, Instant firedAt)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT step, at, policy, step_kind, target_kind, target_id, note FROM escalation_step"
                + " WHERE incident = ? AND fired_at = ? ORDER BY step")) {
      st.setString(1, incident);
      Sql.instant(st, 2, firedAt);
      List<EscalationStep> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String targetKind = rs.getString(5);
          Optional<EscalationPolicy.Target> target =
              targetKind.equals("NONE")
                  ? Optional.empty()
                  : Optional.of(
                      new EscalationPolicy.Target(
                          EscalationPolicy.Target.Kind.valueOf(targetKind), rs.getString(6)));
          out.add(
              new EscalationStep(
                  incident,
                  firedAt,
                  rs.getInt(1),
                  Sql.instant(rs, "at"),
                  rs.getString(3),
                  EscalationPolicy.Step.valueOf(rs.getString(4)),
                  target,
                  rs.getString(7)));
        }
      }
      return out;
    }
  }

  @Override
  public void escalate(
      dev.lookout.alerts.Alert alert, EscalationStep step, String channelId, boolean dm) {
    db.transaction(
        c -> {
          if (steps(c, step.incident(), step.firedAt()).stream()
              .anyMatch(s -> s.number() == step.number())) {
            return null; // taken already, by another instance or before a restart
          }
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO escalation_step (incident, fired_at, step, at, policy, step_kind,"
                      + " target_kind, target_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, step.incident());
            Sql.instant(st, 2, step.firedAt());
            st.setInt(3, step.number());
            Sql.instant(st, 4, step.at());
            st.setString(5, step.policy());
            st.setString(6, step.kind().name());
            st.setString(7, step.target().map(t -> t.kind().name()).orElse("NONE"));
            st.setString(8, step.target().map(EscalationPolicy.Target::value).orElse(null));
            st.setString(
                9, step.note().length() > 200 ? step.note().substring(0, 200) : step.note());
            st.executeUpdate();
          }
          outbox.enqueue(
              c, channelId, new dev.lookout.outbox.OutboxMessage.Escalated(alert, step), step.at());
          if (dm) {
            // Its own delivery, with its own nonce: a repeated channel post never repeats the DM.
            outbox.enqueue(
                c,
                channelId,
                new dev.lookout.outbox.OutboxMessage.EscalatedDirectly(alert, step),
                step.at());
          }
          return null;
        });
  }

  @Override
  public Optional<String> cardChannel(String incident) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT channel_id FROM alert_message WHERE incident = ? ORDER BY outbox_id"
                      + " LIMIT 1")) {
            st.setString(1, incident);
            try (ResultSet rs = st.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  /** Why a schedule could not be stored. */
  public static final class Taken extends RuntimeException {
    public Taken(String message) {
      super(message);
    }
  }

  /**
   * Stores a new schedule, noting who is on call now as already announced.
   *
   * @throws Taken when the guild has a schedule of that name
   */
  public OnCallSchedule create(OnCallSchedule s, String by, Instant now) {
    return db.transaction(
        c -> {
          if (find(c, s.guildId(), s.name()).isPresent()) {
            throw new Taken("a schedule named " + s.name() + " exists already");
          }
          long id;
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO oncall_schedule (guild_id, name, rotation, handoff_time, handoff_day,"
                      + " zone, start_date, members, role_id, channel_id, created_by, created_at,"
                      + " announced_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  new String[] {"id"})) {
            st.setString(1, s.guildId());
            st.setString(2, s.name());
            st.setString(3, s.rotation().name());
            st.setString(4, s.handoff().toString());
            st.setString(5, s.handoffDay().name());
            st.setString(6, s.zone().getId());
            st.setObject(7, s.start());
            st.setString(8, String.join(" ", s.members()));
            st.setString(9, s.role().orElse(null));
            st.setString(10, s.channelId());
            st.setString(11, by);
            Sql.instant(st, 12, now);
            st.setString(13, s.at(now).userId());
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
          audit(
              c,
              s.guildId(),
              s.name(),
              by,
              "oncall-create",
              s.rotation().name().toLowerCase(java.util.Locale.ROOT)
                  + " at "
                  + s.handoff()
                  + " "
                  + s.zone().getId()
                  + ": "
                  + String.join(", ", s.members()),
              now);
          return find(c, s.guildId(), s.name()).orElseThrow();
        });
  }

  /** Removes a schedule and its overrides; false when there is none of that name. */
  public boolean delete(String guildId, String name, String by, Instant now) {
    return db.transaction(
        c -> {
          Optional<OnCallSchedule> s = find(c, guildId, name);
          if (s.isEmpty()) {
            return false;
          }
          try (PreparedStatement st =
              c.prepareStatement("DELETE FROM oncall_override WHERE schedule_id = ?")) {
            st.setLong(1, s.get().id());
            st.executeUpdate();
          }
          try (PreparedStatement st =
              c.prepareStatement("DELETE FROM oncall_schedule WHERE id = ?")) {
            st.setLong(1, s.get().id());
            st.executeUpdate();
          }
          audit(c, guildId, name, by, "oncall-delete", "deleted", now);
          return true;
        });
  }

  /** Adds an override to a schedule and returns the schedule with it. */
  public OnCallSchedule.Override override(
      OnCallSchedule s, String userId, Instant from, Instant until, String by, Instant now) {
    return db.transaction(
        c -> {
          long id;
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO oncall_override (schedule_id, user_id, starts_at, ends_at,"
                      + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                  new String[] {"id"})) {
            st.setLong(1, s.id());
            st.setString(2, userId);
            Sql.instant(st, 3, from);
            Sql.instant(st, 4, until);
            st.setString(5, by);
            Sql.instant(st, 6, now);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
          audit(
              c,
              s.guildId(),
              s.name(),
              by,
              "oncall-override",
              "#" + id + ": " + userId + " from " + from + " until " + until,
              now);
          return new OnCallSchedule.Override(id, userId, from, until, by, now);
        });
  }

  /** Cancels an override of a schedule; false when it has no such override in force or ahead. */
  public boolean cancelOverride(OnCallSchedule s, long overrideId, String by, Instant now) {
    return db.transaction(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE oncall_override SET removed = TRUE WHERE id = ? AND schedule_id = ?"
                      + " AND removed = FALSE AND ends_at > ?")) {
            st.setLong(1, overrideId);
            st.setLong(2, s.id());
            Sql.instant(st, 3, now);
            if (st.executeUpdate() == 0) {
              return false;
            }
          }
          audit(
              c,
              s.guildId(),
              s.name(),
              by,
              "oncall-cancel",
              "override #" + overrideId + " cancelled",
              now);
          return true;
        });
  }

  public Optional<OnCallSchedule> find(String guildId, String name) {
    return db.read(c -> find(c, guildId, name));
  }

  /** The schedules of a guild, by name. */
  public List<OnCallSchedule> ofGuild(String guildId) {
    return db.read(c -> all(c).stream().filter(s -> s.guildId().equals(guildId)).toList());
  }

  @Override
  public List<OnCallSchedule> all() {
    return db.read(OnCallStore::all);
  }

  @Override
  public Optional<String> announced(long scheduleId) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("SELECT announced_user FROM oncall_schedule WHERE id = ?")) {
            st.setLong(1, scheduleId);
            try (ResultSet rs = st.executeQuery()) {
              return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  /**
   * Records that a handoff to {@code to} was announced, with the outbox row that announces it, if
   * the last announcement still named {@code from}: two instances or a restart announce it once.
   */
  public boolean announce(long scheduleId, String from, String to, Database.Work<Void> alongside) {
    return db.transaction(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE oncall_schedule SET announced_user = ? WHERE id = ?"
                      + " AND (announced_user = ? OR (announced_user IS NULL AND ? IS NULL))")) {
            st.setString(1, to);
            st.setLong(2, scheduleId);
            st.setString(3, from);
            st.setString(4, from);
            if (st.executeUpdate() == 0) {
              return false;
            }
          }
          alongside.run(c);
          return true;
        });
  }

  /** The audit entry of a change to a schedule, written in the change's transaction. */
  private static void audit(
      Connection c,
      String guildId,
      String schedule,
      String by,
      String action,
      String detail,
      Instant now)
      throws SQLException {
    AuditLog.append(c, new AuditEntry(0, now, guildId, "", by, action, schedule, detail));
  }

  private static Optional<OnCallSchedule> find(Connection c, String guildId, String name)
      throws SQLException {
    return all(c).stream()
        .filter(s -> s.guildId().equals(guildId) && s.name().equals(name))
        .findFirst();
  }

  private static List<OnCallSchedule> all(Connection c) throws SQLException {
    List<OnCallSchedule> out = new ArrayList<>();
    try (PreparedStatement st =
            c.prepareStatement("SELECT * FROM oncall_schedule ORDER BY guild_id, name");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.add(
            new OnCallSchedule(
                rs.getLong("id"),
                rs.getString("guild_id"),
                rs.getString("name"),
                OnCallSchedule.Rotation.valueOf(rs.getString("rotation")),
                LocalTime.parse(rs.getString("handoff_time")),
                DayOfWeek.valueOf(rs.getString("handoff_day")),
                ZoneId.of(rs.getString("zone")),
                rs.getObject("start_date", LocalDate.class),
                Arrays.asList(rs.getString("members").split(" ")),
                Optional.ofNullable(rs.getString("role_id")),
                rs.getString("channel_id"),
                List.of()));
      }
    }
    List<OnCallSchedule> withOverrides = new ArrayList<>();
    for (OnCallSchedule s : out) {
      withOverrides.add(withOverrides(c, s));
    }
    return withOverrides;
  }

  private static OnCallSchedule withOverrides(Connection c, OnCallSchedule s) throws SQLException {
    List<OnCallSchedule.Override> overrides = new ArrayList<>();
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT id, user_id, starts_at, ends_at, created_by, created_at FROM oncall_override"
                + " WHERE schedule_id = ? AND removed = FALSE ORDER BY id")) {
      st.setLong(1, s.id());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          overrides.add(
              new OnCallSchedule.Override(
                  rs.getLong(1),
                  rs.getString(2),
                  Sql.instant(rs, "starts_at"),
                  Sql.instant(rs, "ends_at"),
                  rs.getString(5),
                  Sql.instant(rs, "created_at")));
        }
      }
    }
    return new OnCallSchedule(
        s.id(),
        s.guildId(),
        s.name(),
        s.rotation(),
        s.handoff(),
        s.handoffDay(),
        s.zone(),
        s.start(),
        s.members(),
        s.role(),
        s.channelId(),
        overrides);
  }
}
