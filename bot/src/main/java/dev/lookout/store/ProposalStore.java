package dev.lookout.store;

import dev.lookout.operations.AuditEntry;
import dev.lookout.operations.ProposalChange;
import dev.lookout.operations.ProposalOrigin;
import dev.lookout.operations.ProposalStatus;
import dev.lookout.operations.Proposals;
import dev.lookout.operations.ScaleProposal;
import dev.lookout.operations.ScaleSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scale proposals. Every transition is one conditional UPDATE on the expected status, written with
 * its audit entry and the edits of the cards that show it in one transaction: two clicks, or two
 * bot instances, move a proposal at most once.
 */
public final class ProposalStore implements Proposals, dev.lookout.reports.ScaleHistory {
  private static final String COLUMNS =
      "id, token, guild_id, service, status, origin, requester, requester_id, reason, current_spec,"
          + " proposed_spec, etag, evidence, created_at, expires_at, decided_by, decided_at,"
          + " revision, finished_at, failure, rollback_of, rolled_back_by, operation";

  private final Database db;
  private final Outbox outbox;

  public ProposalStore(Database db, Outbox outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /**
   * Writes a new pending proposal with its audit entry, and queues its card to {@code postTo}.
   *
   * @throws OpenProposalException when the service already has an open proposal
   */
  @Override
  public ScaleProposal create(ScaleProposal p, AuditEntry audit, List<String> postTo) {
    try {
      return db.transaction(
          c -> {
            long id;
            try (PreparedStatement st =
                c.prepareStatement(
                    "INSERT INTO scale_proposal (guild_id, service, open_service, status, origin,"
                        + " requester, requester_id, reason, current_spec, proposed_spec, etag,"
                        + " evidence, created_at, expires_at, rollback_of, token)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
              st.setString(1, p.guildId());
              st.setString(2, p.service());
              st.setString(3, p.service());
              st.setString(4, ProposalStatus.PENDING.key());
              st.setString(5, p.origin().key());
              st.setString(6, AuditLog.cut(p.requester(), 100));
              st.setString(7, p.requesterId());
              st.setString(8, AuditLog.cut(p.reason(), 500));
              st.setString(9, p.current().toString());
              st.setString(10, p.proposed().toString());
              st.setString(11, p.etag());
              st.setString(12, AuditLog.cut(p.evidence(), 2000));
              Sql.instant(st, 13, p.createdAt());
              Sql.instant(st, 14, p.expiresAt());
              st.setObject(15, p.rollbackOf().orElse(null));
              st.setString(16, Tokens.next());
              st.executeUpdate();
              try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
              }
            }
            AuditLog.append(c, withSubject(audit, id));
            for (String channel : postTo) {
              outbox.enqueue(
                  c,
                  channel,
                  new dev.lookout.outbox.OutboxMessage.CardUpdate(
                      dev.lookout.outbox.OutboxMessage.Card.PROPOSAL, id),
                  p.createdAt());
            }
            return find(c, id).orElseThrow();
          });
    } catch (Database.StoreException e) {
      if (e.getCause() instanceof SQLException s && s.getSQLState().equals("23505")) {
        throw new OpenProposalException(open(p.service()).map(ScaleProposal::id).orElse(0L));
      }
      throw e;
    }
  }

  private static AuditEntry withSubject(AuditEntry a, long id) {
    return new AuditEntry(
        a.id(),
        a.at(),
        a.guildId(),
        a.service(),
        a.actor(),
        a.action(),
        "proposal #" + id,
        a.detail());
  }

  /**
   * Moves a proposal from {@code from} to {@code to} if it is still in {@code from} (and, when
   * {@code unexpiredAt} is given, not expired at that time), setting {@code columns}, appending
   * {@code audit} and queueing edits of its cards, all in one transaction.
   *
   * @return the proposal after the move, or empty when it was not in {@code from}
   */
  @Override
  public Optional<ScaleProposal> move(
      long id,
      ProposalStatus from,
      ProposalStatus to,
      ProposalChange change,
      Optional<Instant> unexpiredAt,
      AuditEntry audit) {
    Map<String, Object> columns = columns(change);
    if (!from.next().contains(to)) {
      throw new IllegalStateException(from + " cannot move to " + to);
    }
    return db.transaction(
        c -> {
          StringBuilder sql = new StringBuilder("UPDATE scale_proposal SET status = ?");
          if (!to.isOpen()) {
            sql.append(", open_service = NULL");
          }
          for (String column : columns.keySet()) {
            sql.append(", ").append(column).append(" = ?");
          }
          sql.append(" WHERE id = ? AND status = ?");
          if (unexpiredAt.isPresent()) {
            sql.append(" AND expires_at > ?");
          }
          try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            int i = 1;
            st.setString(i++, to.key());
            for (Object value : columns.values()) {
              if (value instanceof Instant t) {
                Sql.instant(st, i++, t);
              } else {
                st.setObject(i++, value);
              }
            }
            st.setLong(i++, id);
            st.setString(i++, from.key());
            if (unexpiredAt.isPresent()) {
              Sql.instant(st, i, unexpiredAt.get());
            }
            if (st.executeUpdate() == 0) {
              return Optional.<ScaleProposal>empty();
            }
          }
          AuditLog.append(c, withSubject(audit, id));
          CardMessages.queueEdits(c, outbox, CardMessages.PROPOSAL, id, audit.at());
          return find(c, id);
        });
  }

  /** The columns a change sets; a column absent here keeps its value. */
  private static Map<String, Object> columns(ProposalChange change) {
    Map<String, Object> columns = new LinkedHashMap<>();
    change.decidedBy().ifPresent(v -> columns.put("decided_by", v));
    change.decidedAt().ifPresent(v -> columns.put("decided_at", v));
    change.revision().ifPresent(v -> columns.put("revision", v));
    change.finishedAt().ifPresent(v -> columns.put("finished_at", v));
    change.checkDueAt().ifPresent(v -> columns.put("check_due_at", v));
    if (change.clearCheck()) {
      columns.put("check_due_at", null);
    }
    change.failure().ifPresent(v -> columns.put("failure", v));
    change.rolledBackBy().ifPresent(v -> columns.put("rolled_back_by", v));
    return columns;
  }

  /** Sets the long-running operation an apply started, so a restart can follow it. */
  @Override
  public void recordOperation(long id, String operation) {
    db.write(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE scale_proposal SET operation = ? WHERE id = ? AND status = 'applying'")) {
            st.setString(1, operation);
            st.setLong(2, id);
            st.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<String> operation(long id) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("SELECT operation FROM scale_proposal WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
              return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Optional<ScaleProposal> find(long id) {
    return db.read(c -> find(c, id));
  }

  private static Optional<ScaleProposal> find(Connection c, long id) throws SQLException {
    List<ScaleProposal> one = query(c, "id = ?", id);
    return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
  }

  /** The service's open proposal, if any. */
  public Optional<ScaleProposal> open(String service) {
    return db.read(
        c -> {
          List<ScaleProposal> one = query(c, "open_service = ?", service);
          return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
        });
  }

  /** Proposals in {@code status}, oldest first. */
  @Override
  public List<ScaleProposal> inStatus(ProposalStatus status) {
    return db.read(c -> query(c, "status = ? ORDER BY id", status.key()));
  }

  /** Proposals applied in {@code [from, to)} (rollbacks included), counted per service. */
  @Override
  public java.util.Map<String, Integer> appliedPerService(Instant from, Instant to) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT service, COUNT(*) FROM scale_proposal WHERE status IN ('applied',"
                      + " 'rolled_back') AND finished_at >= ? AND finished_at < ? GROUP BY service")) {
            Sql.instant(st, 1, from);
            Sql.instant(st, 2, to);
            java.util.Map<String, Integer> out = new java.util.TreeMap<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
              }
            }
            return out;
          }
        });
  }

  /**
   * Rollbacks that reached Cloud Run while the proposal they undo is still marked applied: a crash
   * came between the two steps.
   */
  @Override
  public List<ScaleProposal> rollbacksLeftHalfWay() {
    return db.read(
        c ->
            query(
                c,
                "status = 'applied' AND rollback_of IN (SELECT o.id FROM scale_proposal o WHERE"
                    + " o.status = 'applied') ORDER BY id"));
  }

  /** Pending proposals whose time ran out at {@code now}. */
  @Override
  public List<ScaleProposal> expiredAt(Instant now) {
    return db.read(c -> query(c, "status = 'pending' AND expires_at <= ? ORDER BY id", now));
  }

  /** When the scheduler last proposed a change to {@code service}, if ever. */
  public Optional<Instant> lastProposedByScheduler(String service) {
    return db.read(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT MAX(created_at) AS last FROM scale_proposal WHERE service = ? AND"
                      + " origin = 'scheduler'")) {
            st.setString(1, service);
            try (ResultSet rs = st.executeQuery()) {
              rs.next();
              return Optional.ofNullable(Sql.instant(rs, "last"));
            }
          }
        });
  }

  /** Applied proposals whose before/after comparison is due at {@code now}. */
  public List<ScaleProposal> checksDue(Instant now) {
    return db.read(
        c -> query(c, "check_due_at IS NOT NULL AND check_due_at <= ? ORDER BY id", now));
  }

  /**
   * Clears a due check and queues its message in the same transaction, so it is posted once.
   *
   * @return whether this call claimed the check
   */
  public boolean checked(long id, dev.lookout.operations.ScaleCheck check, Instant now) {
    return db.transaction(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE scale_proposal SET check_due_at = NULL WHERE id = ? AND check_due_at IS"
                      + " NOT NULL")) {
            st.setLong(1, id);
            if (st.executeUpdate() == 0) {
              return false;
            }
          }
          for (String channel : CardMessages.channels(c, CardMessages.PROPOSAL, id)) {
            outbox.enqueue(
                c, channel, new dev.lookout.outbox.OutboxMessage.ScaleCheckPosted(check), now);
          }
          return true;
        });
  }

  private static List<ScaleProposal> query(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("SELECT " + COLUMNS + " FROM scale_proposal WHERE " + where)) {
      Sql.bind(st, args);
      List<ScaleProposal> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ScaleProposal(
                  rs.getLong("id"),
                  Tokens.orNone(rs.getString("token")),
                  rs.getString("guild_id"),
                  rs.getString("service"),
                  ProposalStatus.parse(rs.getString("status")),
                  ProposalOrigin.parse(rs.getString("origin")),
                  rs.getString("requester"),
                  rs.getString("requester_id"),
                  rs.getString("reason"),
                  ScaleSettings.parse(rs.getString("current_spec")),
                  ScaleSettings.parse(rs.getString("proposed_spec")),
                  rs.getString("etag"),
                  rs.getString("evidence"),
                  Sql.instant(rs, "created_at"),
                  Sql.instant(rs, "expires_at"),
                  Optional.ofNullable(rs.getString("decided_by")),
                  Optional.ofNullable(Sql.instant(rs, "decided_at")),
                  Optional.ofNullable(rs.getString("revision")),
                  Optional.ofNullable(Sql.instant(rs, "finished_at")),
                  Optional.ofNullable(rs.getString("failure")),
                  Optional.ofNullable((Long) rs.getObject("rollback_of", Long.class)),
                  Optional.ofNullable((Long) rs.getObject("rolled_back_by", Long.class))));
        }
      }
      return out;
    }
  }
}
