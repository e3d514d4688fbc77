package dev.lookout.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory fakes of the scaling ports, for unit tests of the workflows without a database. */
final class ScaleFakes {
  private ScaleFakes() {}

  /** Proposals with conditional moves, as the store keeps them; ids are never reused. */
  static final class ProposalBook implements Proposals {
    final Map<Long, ScaleProposal> rows = new TreeMap<>();
    final Map<Long, String> operations = new TreeMap<>();
    final List<String> audit = new ArrayList<>();
    private long next = 1;

    @Override
    public ScaleProposal create(ScaleProposal draft, AuditEntry entry, List<String> postTo) {
      for (ScaleProposal p : rows.values()) {
        if (p.service().equals(draft.service()) && open(p.status())) {
          throw new OpenProposalException(p.id());
        }
      }
      long id = next++;
      ScaleProposal p = with(draft, id, "t" + id, draft.status());
      rows.put(id, p);
      audit.add(entry.action());
      return p;
    }

    private static boolean open(ProposalStatus s) {
      return s == ProposalStatus.PENDING
          || s == ProposalStatus.APPROVED
          || s == ProposalStatus.APPLYING;
    }

    @Override
    public Optional<ScaleProposal> move(
        long id,
        ProposalStatus from,
        ProposalStatus to,
        ProposalChange change,
        Optional<Instant> unexpiredAt,
        AuditEntry entry) {
      ScaleProposal p = rows.get(id);
      if (p == null || p.status() != from) {
        return Optional.empty();
      }
      if (unexpiredAt.isPresent() && !p.expiresAt().isAfter(unexpiredAt.get())) {
        return Optional.empty();
      }
      ScaleProposal moved =
          new ScaleProposal(
              p.id(),
              p.token(),
              p.guildId(),
              p.service(),
              to,
              p.origin(),
              p.requester(),
              p.requesterId(),
              p.reason(),
              p.current(),
              p.proposed(),
              p.etag(),
              p.evidence(),
              p.createdAt(),
              p.expiresAt(),
              change.decidedBy().or(p::decidedBy),
              change.decidedAt().or(p::decidedAt),
              change.revision().or(p::revision),
              change.finishedAt().or(p::finishedAt),
              change.failure().or(p::failure),
              p.rollbackOf(),
              change.rolledBackBy().or(p::rolledBackBy));
      rows.put(id, moved);
      audit.add(entry.action());
      return Optional.of(moved);
    }

    @Override
    public Optional<ScaleProposal> find(long id) {
      return Optional.ofNullable(rows.get(id));
    }

    @Override
    public List<ScaleProposal> inStatus(ProposalStatus status) {
      return rows.values().stream().filter(p -> p.status() == status).toList();
    }

    @Override
    public List<ScaleProposal> expiredAt(Instant now) {
      return rows.values().stream()
          .filter(p -> p.status() == ProposalStatus.PENDING && !p.expiresAt().isAfter(now))
          .toList();
    }

    @Override
    public List<ScaleProposal> rollbacksLeftHalfWay() {
      return rows.values().stream()
          .filter(r -> r.status() == ProposalStatus.APPLIED && r.rollbackOf().isPresent())
          .filter(r -> rows.get(r.rollbackOf().get()).status() == ProposalStatus.APPLIED)
          .sorted(Comparator.comparingLong(ScaleProposal::id))
          .toList();
    }

    @Override
    public void recordOperation(long id, String operation) {
      operations.put(id, operation);
    }

    @Override
    public Optional<String> operation(long id) {
      return Optional.ofNullable(operations.get(id));
    }

    ScaleProposal get(long id) {
      return rows.get(id);
    }

    private static ScaleProposal with(ScaleProposal d, long id, String token, ProposalStatus s) {
      return new ScaleProposal(
          id,
          token,
          d.guildId(),
          d.service(),
          s,
          d.origin(),
          d.requester(),
          d.requesterId(),
          d.reason(),
          d.current(),
          d.proposed(),
          d.etag(),
          d.evidence(),
          d.createdAt(),
          d.expiresAt(),
          d.decidedBy(),
          d.decidedAt(),
          d.revision(),
          d.finishedAt(),
          d.failure(),
          d.rollbackOf(),
          d.rolledBackBy());
    }
  }

  /**
   * One Cloud Run service whose etag changes with every update; calls can be made to fail the way
   * Google's do, and every update is counted.
   */
  static final class Service implements ScalingTarget {
    ScaleSettings settings;
    int generation = 1;
    int updates;

    /** The next update call fails with this, once. */
    RuntimeException failNextUpdate;

    /** The next update goes through but its answer is lost, as when the connection drops. */
    boolean loseNextAnswer;

    /** The rollout of the next update fails. */
    String failRollout;

    boolean unreachable;

    Service(ScaleSettings settings) {
      this.settings = settings;
    }

    private String etag() {
      return "\"e" + generation + "\"";
    }

    private String revision() {
      return "api-0000" + generation;
    }

    @Override
    public Deployed read(String service) {
      if (unreachable) {
        throw new TargetUnavailableException("Cloud Run: UNAVAILABLE", null);
      }
      return new Deployed(settings, etag(), revision());
    }

    @Override
    public void validate(String service, ScaleSettings proposed, String etag) {
      read(service);
    }

    /** Someone changes the service outside Lookout. */
    void changedElsewhere(ScaleSettings to) {
      settings = to;
      generation++;
    }

    @Override
    public String update(String service, ScaleSettings proposed, String etag) {
      if (unreachable) {
        throw new TargetUnavailableException("Cloud Run: UNAVAILABLE", null);
      }
      if (failNextUpdate != null) {
        RuntimeException e = failNextUpdate;
        failNextUpdate = null;
        throw e;
      }
      if (!etag.equals(etag())) {
        throw new ConflictException("etag " + etag + " is not " + etag());
      }
      updates++;
      settings = proposed;
      generation++;
      if (loseNextAnswer) {
        loseNextAnswer = false;
        throw new TargetUnavailableException("connection reset", null);
      }
      return "op-" + generation;
    }

    @Override
    public Applied await(String operation) {
      if (failRollout != null) {
        String why = failRollout;
        failRollout = null;
        throw new ChangeRefusedException(why);
      }
      return new Applied(revision());
    }
  }
}
