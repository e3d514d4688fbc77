package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.operations.AuditEntry;
import dev.lookout.operations.ProposalOrigin;
import dev.lookout.operations.ProposalStatus;
import dev.lookout.operations.ScaleProposal;
import dev.lookout.operations.ScaleSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProposalStoreTest {
  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
  private static final ScaleSettings BEFORE = new ScaleSettings(1, 10, 80, 1000, 512);
  private static final ScaleSettings AFTER = new ScaleSettings(1, 15, 80, 1000, 512);

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.lookout.store.TestDatabases#both")
  @DisplayName(
      "a rollback applied while the change it undoes is still marked applied is found, until the"
          + " change is marked rolled back")
  void rollbackLeftHalfWay(Supplier<Database> open) {
    try (Database db = open.get()) {
      ProposalStore store = new ProposalStore(db, new Outbox(db));
      long change = applied(store, BEFORE, AFTER, Optional.empty());
      assertThat(store.rollbacksLeftHalfWay()).isEmpty();
      long rollback = applied(store, AFTER, BEFORE, Optional.of(change));
      // As after a crash between the rollback's apply and the mark on the change it undid.
      assertThat(store.rollbacksLeftHalfWay())
          .extracting(ScaleProposal::id)
          .containsExactly(rollback);
      assertThat(
              store.move(
                  change,
                  ProposalStatus.APPLIED,
                  ProposalStatus.ROLLED_BACK,
                  dev.lookout.operations.ProposalChange.none(),
                  Optional.empty(),
                  audit("rolled-back")))
          .isPresent();
      assertThat(store.rollbacksLeftHalfWay()).isEmpty();
    }
  }

  private static long applied(
      ProposalStore store, ScaleSettings from, ScaleSettings to, Optional<Long> rollbackOf) {
    ScaleProposal p =
        store.create(
            ScaleProposal.draft(
                "g",
                "api",
                rollbackOf.isPresent() ? ProposalOrigin.ROLLBACK : ProposalOrigin.COMMAND,
                "alice",
                "1",
                "test",
                from,
                to,
                "etag",
                "",
                T,
                T.plus(Duration.ofMinutes(15)),
                rollbackOf),
            audit("requested"),
            List.of());
    for (ProposalStatus[] step :
        new ProposalStatus[][] {
          {ProposalStatus.PENDING, ProposalStatus.APPROVED},
          {ProposalStatus.APPROVED, ProposalStatus.APPLYING},
          {ProposalStatus.APPLYING, ProposalStatus.APPLIED}
        }) {
      assertThat(
              store.move(
                  p.id(),
                  step[0],
                  step[1],
                  dev.lookout.operations.ProposalChange.none(),
                  Optional.empty(),
                  audit("step")))
          .isPresent();
    }
    return p.id();
  }

  private static AuditEntry audit(String action) {
    return new AuditEntry(0, T, "g", "api", "alice", action, "", "");
  }
}
