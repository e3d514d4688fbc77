package dev.lookout.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The proposal life cycle over in-memory fakes: decisions, refusals, applying and resuming. */
class ScaleWorkflowTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final ScaleSettings NOW = new ScaleSettings(1, 10, 80, 1000, 512);
  private static final ScaleSettings MORE = new ScaleSettings(2, 20, 80, 1000, 512);
  private static final ScaleWorkflow.Actor ALICE = new ScaleWorkflow.Actor("alice", "1", true);
  private static final ScaleWorkflow.Actor BOB = new ScaleWorkflow.Actor("bob", "2", true);
  private static final ScaleWorkflow.Actor GUEST = new ScaleWorkflow.Actor("eve", "3", false);

  private final HandClock clock = new HandClock(T0);
  private final ScaleFakes.ProposalBook book = new ScaleFakes.ProposalBook();
  private final ScaleFakes.Service service = new ScaleFakes.Service(NOW);
  private ScaleWorkflow workflow;

  @BeforeEach
  void setUp() {
    workflow =
        new ScaleWorkflow(
            book,
            service,
            s -> ScaleBounds.defaults(),
            ProposalSettings.defaults(),
            new dev.lookout.discord.ProposalTexts(),
            clock);
  }

  private long proposeMore() {
    return propose(MORE).id();
  }

  /** Alice asks for exactly {@code settings} on api, as a command does. */
  private ScaleProposal propose(ScaleSettings settings) {
    return workflow.proposeSettings(
        "guild",
        "api",
        service.read("api"),
        settings,
        ProposalOrigin.COMMAND,
        ALICE,
        "traffic",
        "",
        Optional.empty(),
        List.of());
  }

  /** A way to act on a proposal, set up by what happened before it. */
  record Attempt(String setup, BiFunction<ScaleWorkflowTest, Long, ScaleWorkflow.Decision> act) {}

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "a member without the approver role",
            (Attempt) new Attempt("", (t, id) -> t.workflow.approve(id, GUEST)),
            new Refusal.NotApprover("operator")),
        Arguments.of(
            "the requester approving their own change",
            new Attempt("", (t, id) -> t.workflow.approve(id, ALICE)),
            new Refusal.OwnRequest(1)),
        Arguments.of(
            "a proposal that does not exist",
            new Attempt("", (t, id) -> t.workflow.reject(id + 41, BOB)),
            new Refusal.NoSuchProposal(42)),
        Arguments.of(
            "a proposal whose time ran out",
            new Attempt("expire", (t, id) -> t.workflow.approve(id, BOB)),
            new Refusal.Expired(1, ProposalStatus.APPROVED)),
        Arguments.of(
            "a second click after another approver rejected it",
            new Attempt("rejected", (t, id) -> t.workflow.approve(id, BOB)),
            new Refusal.AlreadyDecided(1, ProposalStatus.REJECTED, Optional.of("bob"))));
  }

  @ParameterizedTest(name = "refused: {0}")
  @MethodSource("refusals")
  void refusalsChangeNothing(String name, Attempt attempt, Refusal expected) {
    long id = proposeMore();
    switch (attempt.setup()) {
      case "expire" -> clock.advance(Duration.ofMinutes(16));
      case "rejected" -> assertThat(workflow.reject(id, BOB).ok()).isTrue();
      default -> {}
    }
    ProposalStatus before = attempt.setup().equals("expire") ? ProposalStatus.EXPIRED : null;
    ScaleWorkflow.Decision d = attempt.act().apply(this, id);
    assertThat(d.ok()).isFalse();
    assertThat(d.refusal()).contains(expected);
    assertThat(service.updates).isZero();
    if (before != null) {
      assertThat(book.get(id).status()).isEqualTo(before);
    }
  }

  @Test
  @DisplayName("approved and applied once, however many times apply is called")
  void appliesOnce() {
    long id = proposeMore();
    assertThat(workflow.approve(id, BOB).ok()).isTrue();
    ScaleProposal p = workflow.apply(id).orElseThrow();
    assertThat(workflow.apply(id)).isEmpty();
    workflow.resume();
    assertThat(p.status()).isEqualTo(ProposalStatus.APPLIED);
    assertThat(p.revision()).contains("api-00002");
    assertThat(service.updates).isEqualTo(1);
    assertThat(service.settings).isEqualTo(MORE);
    assertThat(book.audit).containsExactly("requested", "approved", "applying", "applied");
  }

  @Test
  @DisplayName("a service changed by someone else since the proposal fails it, applying nothing")
  void conflictFails() {
    long id = proposeMore();
    workflow.approve(id, BOB);
    ScaleSettings theirs = new ScaleSettings(1, 12, 80, 1000, 512);
    service.changedElsewhere(theirs);
    ScaleProposal p = workflow.apply(id).orElseThrow();
    assertThat(p.status()).isEqualTo(ProposalStatus.FAILED);
    assertThat(p.failure().orElseThrow()).contains("changed by someone else");
    assertThat(service.settings).isEqualTo(theirs);
  }

  @Test
  @DisplayName("Cloud Run unreachable while applying: it stays applying and resume finishes it")
  void unreachableThenResumed() {
    long id = proposeMore();
    workflow.approve(id, BOB);
    service.failNextUpdate = new ScalingTarget.TargetUnavailableException("UNAVAILABLE", null);
    assertThat(workflow.apply(id).orElseThrow().status()).isEqualTo(ProposalStatus.APPLYING);
    workflow.resume();
    assertThat(book.get(id).status()).isEqualTo(ProposalStatus.APPLIED);
    assertThat(service.updates).isEqualTo(1);
  }

  @Test
  @DisplayName("an update that went through but whose answer was lost is not sent twice")
  void lostAnswerIsNotResent() {
    long id = proposeMore();
    workflow.approve(id, BOB);
    service.loseNextAnswer = true;
    workflow.apply(id);
    assertThat(book.get(id).status()).isEqualTo(ProposalStatus.APPLYING);
    workflow.resume();
    assertThat(book.get(id).status()).isEqualTo(ProposalStatus.APPLIED);
    assertThat(service.updates).isEqualTo(1);
  }

  @Test
  @DisplayName("a failed rollout is recorded with Cloud Run's reason")
  void failedRollout() {
    long id = proposeMore();
    workflow.approve(id, BOB);
    service.failRollout = "revision api-00002 failed its health check";
    ScaleProposal p = workflow.apply(id).orElseThrow();
    assertThat(p.status()).isEqualTo(ProposalStatus.FAILED);
    assertThat(p.failure().orElseThrow()).contains("health check");
  }

  @Test
  @DisplayName("a rollback needs approval, restores the old values and marks the original")
  void rollback() {
    long id = proposeMore();
    workflow.approve(id, BOB);
    workflow.apply(id);
    long back = workflow.proposeRollback(id, ALICE, List.of()).id();
    assertThat(book.get(back).proposed()).isEqualTo(NOW);
    assertThat(workflow.approve(back, BOB).ok()).isTrue();
    workflow.apply(back);
    assertThat(service.settings).isEqualTo(NOW);
    assertThat(book.get(id).status()).isEqualTo(ProposalStatus.ROLLED_BACK);
    assertThat(book.get(id).rolledBackBy()).contains(back);
    assertThatThrownBy(() -> workflow.proposeRollback(id, ALICE, List.of()))
        .isInstanceOfSatisfying(
            InvalidScaleException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(new ScaleProblem.NotApplied(id, ProposalStatus.ROLLED_BACK)));
  }

  @Test
  @DisplayName("a second open proposal for the same service is refused")
  void oneOpenProposalPerService() {
    proposeMore();
    assertThatThrownBy(this::proposeMore).isInstanceOf(Proposals.OpenProposalException.class);
  }

  @Test
  @DisplayName("nothing to change and out-of-bounds settings are refused before anything is kept")
  void invalidProposals() {
    assertThatThrownBy(() -> propose(NOW))
        .isInstanceOfSatisfying(
            InvalidScaleException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(new ScaleProblem.NothingToChange(Optional.empty())));
    assertThatThrownBy(() -> propose(new ScaleSettings(1, 90, 80, 1000, 512)))
        .isInstanceOfSatisfying(
            InvalidScaleException.class,
            e ->
                assertThat(e.problems())
                    .contains(new ScaleProblem.StepTooBig(ScaleSettings.Field.MAX, 10, 90, 20)));
    assertThat(book.rows).isEmpty();
  }

  @Test
  @DisplayName("pending proposals expire when their time runs out, once")
  void expiry() {
    long id = proposeMore();
    clock.advance(Duration.ofMinutes(14));
    assertThat(workflow.expireDue()).isZero();
    clock.advance(Duration.ofMinutes(2));
    assertThat(workflow.expireDue()).isEqualTo(1);
    assertThat(workflow.expireDue()).isZero();
    assertThat(book.get(id).status()).isEqualTo(ProposalStatus.EXPIRED);
  }
}
