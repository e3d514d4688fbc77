package dev.lookout.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a scale proposal: proposing (checked against bounds and Cloud Run's dry run),
 * deciding, applying with the etag it was proposed against, following the rollout, and rolling
 * back. Every step is a conditional transition in {@link Proposals}, so a step taken twice does
 * nothing the second time; a step interrupted by a restart or a Google outage is picked up by
 * {@link #resume()}.
 */
public final class ScaleWorkflow {
  private static final Logger LOG = LoggerFactory.getLogger(ScaleWorkflow.class);
  static final String SYSTEM = "Lookout";

  private final Proposals store;
  private final ScalingTarget target;
  private final Function<String, ScaleBounds> bounds;
  private final ProposalSettings settings;
  private final Words words;
  private final Clock clock;
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

  public ScaleWorkflow(
      Proposals store,
      ScalingTarget target,
      Function<String, ScaleBounds> bounds,
      ProposalSettings settings,
      Words words,
      Clock clock) {
    this.store = store;
    this.target = target;
    this.bounds = bounds;
    this.settings = settings;
    this.words = words;
    this.clock = clock;
  }

  /**
   * What happened to a proposal, in the words its record and the audit keep; implemented where
   * rendering lives ({@code discord/}).
   */
  public interface Words {
    /**
     * Why an apply failed: the service changed since the proposal ({@code why}: Google's words).
     */
    String conflict(String why);

    /** Why an apply failed: Cloud Run refused the change. */
    String refused(String why);

    /** Why an apply failed: the rollout did not complete. */
    String rolloutFailed(String why);

    /** The audit detail of a change applied. */
    String applied(ScaleSettings settings, String revision);

    /** The audit detail of an apply begun. */
    String applying(ScaleSettings settings);

    /** The audit detail of a change undone by rollback proposal {@code by}. */
    String rolledBack(long by, ScaleSettings backTo);

    /** The audit detail of a proposal nobody decided on within {@code expiry}. */
    String expired(Duration expiry);

    /** The reason of a proposal that rolls proposal {@code id} back. */
    String rollbackReason(long id);
  }

  /** Who acts on a proposal, and whether they hold the approver role. */
  public record Actor(String name, String id, boolean approver) {}

  /** What a decision came to: done, or refused, saying why. */
  public record Decision(Optional<ScaleProposal> proposal, Optional<Refusal> refusal) {
    static Decision done(ScaleProposal p) {
      return new Decision(Optional.of(p), Optional.empty());
    }

    static Decision refused(Refusal why) {
      return new Decision(Optional.empty(), Optional.of(why));
    }

    public boolean ok() {
      return proposal.isPresent();
    }
  }

  public ProposalSettings settings() {
    return settings;
  }

  public ScaleBounds bounds(String service) {
    return bounds.apply(service);
  }

  /** The proposal with {@code id}, if there is one. */
  public Optional<ScaleProposal> find(long id) {
    return store.find(id);
  }

  /** The service's settings as deployed now. */
  public ScalingTarget.Deployed deployed(String service) {
    return target.read(service);
  }

  /**
   * Proposes {@code request} for {@code service}: checked against the bounds and Cloud Run's rules,
   * then by Cloud Run itself ({@code validate_only}), then written as pending.
   *
   * @param postTo channels the card is posted to through the outbox (empty when the caller posts
   *     it)
   * @throws InvalidScaleException when the change may not be made, saying why
   * @throws Proposals.OpenProposalException when the service already has an open proposal
   */
  public ScaleProposal propose(
      String guildId,
      String service,
      ScaleRequest request,
      Actor requester,
      String reason,
      List<String> postTo) {
    ScalingTarget.Deployed now = target.read(service);
    ScaleSettings proposed = request.against(now.settings(), bounds.apply(service));
    return proposeSettings(
        guildId,
        service,
        now,
        proposed,
        ProposalOrigin.COMMAND,
        requester,
        reason,
        "",
        Optional.empty(),
        postTo);
  }

  /**
   * Proposes exact settings, as the scheduler, an alert's button and a rollback do.
   *
   * @throws InvalidScaleException when Cloud Run or the bounds refuse them
   */
  public ScaleProposal proposeSettings(
      String guildId,
      String service,
      ScalingTarget.Deployed now,
      ScaleSettings proposed,
      ProposalOrigin origin,
      Actor requester,
      String reason,
      String evidence,
      Optional<Long> rollbackOf,
      List<String> postTo) {
    if (origin != ProposalOrigin.ROLLBACK) {
      List<ScaleProblem> problems =
          ScaleRequest.problems(now.settings(), proposed, bounds.apply(service));
      if (!problems.isEmpty()) {
        throw new InvalidScaleException(problems);
      }
    }
    if (proposed.changedFrom(now.settings()).isEmpty()) {
      throw new InvalidScaleException(new ScaleProblem.NothingToChange(Optional.empty()));
    }
    try {
      target.validate(service, proposed, now.etag());
    } catch (ScalingTarget.ChangeRefusedException e) {
      throw new InvalidScaleException(new ScaleProblem.DryRunRefused(e.getMessage()));
    }
    Instant at = clock.instant();
    ScaleProposal draft =
        ScaleProposal.draft(
            guildId,
            service,
            origin,
            requester.name(),
            requester.id(),
            reason,
            now.settings(),
            proposed,
            now.etag(),
            evidence,
            at,
            at.plus(settings.expiry()),
            rollbackOf);
    return store.create(
        draft,
        audit(
            at,
            guildId,
            service,
            requester.name(),
            origin == ProposalOrigin.ROLLBACK ? "rollback-requested" : "requested",
            now.settings() + " → " + proposed + (reason.isBlank() ? "" : "; reason: " + reason)),
        postTo);
  }

  /** Approves a pending proposal, if {@code actor} may. The caller then calls {@link #apply}. */
  public Decision approve(long id, Actor actor) {
    return decide(id, actor, ProposalStatus.APPROVED);
  }

  public Decision reject(long id, Actor actor) {
    return decide(id, actor, ProposalStatus.REJECTED);
  }

  private Decision decide(long id, Actor actor, ProposalStatus to) {
    Optional<ScaleProposal> found = store.find(id);
    if (found.isEmpty()) {
      return Decision.refused(new Refusal.NoSuchProposal(id));
    }
    ScaleProposal p = found.get();
    if (!actor.approver()) {
      return Decision.refused(new Refusal.NotApprover(settings.approverRole()));
    }
    if (to == ProposalStatus.APPROVED
        && !settings.allowSelfApproval()
        && !p.requesterId().isEmpty()
        && p.requesterId().equals(actor.id())) {
      return Decision.refused(new Refusal.OwnRequest(id));
    }
    Instant now = clock.instant();
    Optional<ScaleProposal> moved =
        store.move(
            id,
            ProposalStatus.PENDING,
            to,
            ProposalChange.decided(actor.name(), now),
            Optional.of(now),
            audit(now, p.guildId(), p.service(), actor.name(), to.key(), p.proposed().toString()));
    if (moved.isPresent()) {
      return Decision.done(moved.get());
    }
    ScaleProposal again = store.find(id).orElse(p);
    if (again.status() == ProposalStatus.PENDING) {
      expire(again, now);
      return Decision.refused(new Refusal.Expired(id, to));
    }
    return Decision.refused(new Refusal.AlreadyDecided(id, again.status(), again.decidedBy()));
  }

  /**
   * Applies an approved proposal: claims it (approved → applying), sends the change with the etag
   * it was proposed against, follows the rollout and records the outcome. Does nothing if another
   * caller claimed it first.
   */
  public Optional<ScaleProposal> apply(long id) {
    if (!inFlight.add(id)) {
      return Optional.empty();
    }
    try {
      Instant now = clock.instant();
      Optional<ScaleProposal> claimed =
          store
              .find(id)
              .flatMap(
                  p ->
                      store.move(
                          id,
                          ProposalStatus.APPROVED,
                          ProposalStatus.APPLYING,
                          ProposalChange.none(),
                          Optional.empty(),
                          byLookout(p, now, "applying", words.applying(p.proposed()))));
      if (claimed.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(send(claimed.get()));
    } finally {
      inFlight.remove(id);
    }
  }

  private ScaleProposal send(ScaleProposal p) {
    String operation;
    try {
      operation = target.update(p.service(), p.proposed(), p.etag());
    } catch (ScalingTarget.ConflictException e) {
      return fail(p, words.conflict(e.getMessage()));
    } catch (ScalingTarget.ChangeRefusedException | ScalingTarget.NoSuchServiceException e) {
      return fail(p, words.refused(e.getMessage()));
    } catch (ScalingTarget.TargetUnavailableException e) {
      LOG.warn("proposal #{}: Cloud Run unreachable while applying; will retry", p.id(), e);
      return p; // stays applying: resume() finds out whether it went through
    }
    store.recordOperation(p.id(), operation);
    return follow(p, operation);
  }

  private ScaleProposal follow(ScaleProposal p, String operation) {
    ScalingTarget.Applied applied;
    try {
      applied = target.await(operation);
    } catch (ScalingTarget.ChangeRefusedException e) {
      return fail(p, words.rolloutFailed(e.getMessage()));
    } catch (ScalingTarget.TargetUnavailableException e) {
      LOG.warn("proposal #{}: lost track of operation {}; will retry", p.id(), operation, e);
      return p;
    }
    return applied(p, applied.revision());
  }

  private ScaleProposal applied(ScaleProposal p, String revision) {
    Instant now = clock.instant();
    ScaleProposal done =
        store
            .move(
                p.id(),
                ProposalStatus.APPLYING,
                ProposalStatus.APPLIED,
                ProposalChange.applied(revision, now, now.plus(settings.checkAfter())),
                Optional.empty(),
                byLookout(p, now, "applied", words.applied(p.proposed(), revision)))
            .orElse(p);
    p.rollbackOf().ifPresent(original -> rolledBack(original, p, now));
    return done;
  }

  private void rolledBack(long original, ScaleProposal rollback, Instant now) {
    store
        .find(original)
        .ifPresent(
            o ->
                store.move(
                    original,
                    ProposalStatus.APPLIED,
                    ProposalStatus.ROLLED_BACK,
                    ProposalChange.rolledBackBy(rollback.id()),
                    Optional.empty(),
                    audit(
                        now,
                        o.guildId(),
                        o.service(),
                        rollback.decidedBy().orElse(SYSTEM),
                        "rolled-back",
                        words.rolledBack(rollback.id(), rollback.proposed()))));
  }

  private ScaleProposal fail(ScaleProposal p, String reason) {
    Instant now = clock.instant();
    return store
        .move(
            p.id(),
            ProposalStatus.APPLYING,
            ProposalStatus.FAILED,
            ProposalChange.failed(reason, now),
            Optional.empty(),
            byLookout(p, now, "failed", reason))
        .orElse(p);
  }

  /**
   * Picks up applies that a restart, a crash or a Google outage interrupted: approved proposals are
   * applied; for applying ones the recorded operation is followed, or, if none was recorded, the
   * service is read to learn whether the change went through before sending it again. A rollback
   * that went through marks the proposal it undid as rolled back, if a crash kept it from doing so.
   */
  public void resume() {
    for (ScaleProposal r : store.rollbacksLeftHalfWay()) {
      rolledBack(r.rollbackOf().orElseThrow(), r, r.finishedAt().orElse(clock.instant()));
    }
    for (ScaleProposal p : store.inStatus(ProposalStatus.APPROVED)) {
      apply(p.id());
    }
    for (ScaleProposal p : store.inStatus(ProposalStatus.APPLYING)) {
      if (!inFlight.add(p.id())) {
        continue;
      }
      try {
        Optional<String> operation = store.operation(p.id());
        if (operation.isPresent()) {
          follow(p, operation.get());
          continue;
        }
        ScalingTarget.Deployed now = target.read(p.service());
        if (now.settings().equals(p.proposed())) {
          applied(p, now.revision());
        } else {
          send(p);
        }
      } catch (ScalingTarget.TargetUnavailableException e) {
        LOG.warn("proposal #{}: Cloud Run still unreachable; will retry", p.id());
      } finally {
        inFlight.remove(p.id());
      }
    }
  }

  /** Expires pending proposals whose time ran out; returns how many. */
  public int expireDue() {
    Instant now = clock.instant();
    int n = 0;
    for (ScaleProposal p : store.expiredAt(now)) {
      if (expire(p, now)) {
        n++;
      }
    }
    return n;
  }

  private boolean expire(ScaleProposal p, Instant now) {
    return store
        .move(
            p.id(),
            ProposalStatus.PENDING,
            ProposalStatus.EXPIRED,
            ProposalChange.none(),
            Optional.empty(),
            byLookout(p, now, "expired", words.expired(settings.expiry())))
        .isPresent();
  }

  /**
   * Proposes to undo an applied proposal: back to the values it replaced, itself waiting for
   * approval.
   *
   * @throws InvalidScaleException when the proposal cannot be rolled back
   */
  public ScaleProposal proposeRollback(long id, Actor requester, List<String> postTo) {
    ScaleProposal p =
        store
            .find(id)
            .orElseThrow(() -> new InvalidScaleException(new ScaleProblem.NoSuchProposal(id)));
    if (p.status() != ProposalStatus.APPLIED) {
      throw new InvalidScaleException(new ScaleProblem.NotApplied(id, p.status()));
    }
    ScalingTarget.Deployed now = target.read(p.service());
    return proposeSettings(
        p.guildId(),
        p.service(),
        now,
        p.current(),
        ProposalOrigin.ROLLBACK,
        requester,
        words.rollbackReason(id),
        "",
        Optional.of(id),
        postTo);
  }

  /** An audit entry for a step Lookout took on its own. */
  private static AuditEntry byLookout(ScaleProposal p, Instant at, String action, String detail) {
    return audit(at, p.guildId(), p.service(), SYSTEM, action, detail);
  }

  static AuditEntry audit(
      Instant at, String guild, String service, String actor, String action, String detail) {
    return new AuditEntry(0, at, guild, service, actor, action, "", detail);
  }
}
