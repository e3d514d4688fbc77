package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LeaderLeaseTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.lookout.store.TestDatabases#both")
  @DisplayName("one instance leads; the other takes over only when the lease is handed over")
  void oneLeader(Supplier<Database> open) {
    try (Database db = open.get()) {
      LeaderLease a = new LeaderLease(db, "a", Duration.ofSeconds(30));
      LeaderLease b = new LeaderLease(db, "b", Duration.ofSeconds(30));
      OptionalLong fenceA = a.tryAcquire();
      assertThat(fenceA).isPresent();
      assertThat(b.tryAcquire()).isEmpty();
      assertThat(a.renew(fenceA.getAsLong())).isTrue();
      a.release(fenceA.getAsLong());
      OptionalLong fenceB = b.tryAcquire();
      assertThat(fenceB).isPresent();
      assertThat(fenceB.getAsLong()).isGreaterThan(fenceA.getAsLong());
      assertThat(a.renew(fenceA.getAsLong())).isFalse();
      assertThat(b.current().orElseThrow().name()).isEqualTo("b");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.lookout.store.TestDatabases#both")
  @DisplayName("an old leader's fence fails its writes once another instance leads")
  void fencedWrites(Supplier<Database> open) {
    try (Database db = open.get()) {
      LeaderLease a = new LeaderLease(db, "a", Duration.ofSeconds(30));
      long fence = a.tryAcquire().orElseThrow();
      db.fence(a.fenceFor(fence));
      Outbox outbox = new Outbox(db);
      outbox.enqueue("1", new dev.lookout.outbox.OutboxMessage.Notice("first"), T);
      // Another instance takes over (the old one was paused past its lease, say).
      db.unfenced(
          c ->
              c.createStatement()
                  .executeUpdate(
                      "UPDATE leader_lease SET expires_at = expires_at - INTERVAL '60' SECOND"));
      LeaderLease b = new LeaderLease(db, "b", Duration.ofSeconds(30));
      long newer = b.tryAcquire().orElseThrow();
      assertThatThrownBy(
              () -> outbox.enqueue("1", new dev.lookout.outbox.OutboxMessage.Notice("second"), T))
          .isInstanceOf(Database.StoreException.class)
          .hasMessageContaining("no longer the leader");
      db.fence(b.fenceFor(newer));
      assertThat(outbox.pending(10)).hasSize(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.lookout.store.TestDatabases#both")
  @DisplayName(
      "an outbox entry is claimed by one leader; a newer leader may take it over, an older may not")
  void claims(Supplier<Database> open) {
    try (Database db = open.get()) {
      Outbox outbox = new Outbox(db);
      outbox.enqueue("1", new dev.lookout.outbox.OutboxMessage.Notice("x"), T);
      long id = outbox.pending(1).get(0).id();
      assertThat(outbox.claim(id, 5)).isTrue();
      assertThat(outbox.claim(id, 5)).isTrue();
      assertThat(outbox.claim(id, 4)).isFalse();
      assertThat(outbox.claim(id, 6)).isTrue();
      outbox.delivered(id, "m1", T, c -> null);
      assertThat(outbox.claim(id, 7)).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.lookout.store.TestDatabases#both")
  @DisplayName("every outbox row has its own nonce, and ids are not reused after rows are gone")
  void noncesAndIds(Supplier<Database> open) {
    try (Database db = open.get()) {
      Outbox outbox = new Outbox(db);
      outbox.enqueue("1", new dev.lookout.outbox.OutboxMessage.Notice("a"), T);
      outbox.enqueue("1", new dev.lookout.outbox.OutboxMessage.Notice("b"), T);
      var rows = outbox.pending(10);
      assertThat(rows).extracting(dev.lookout.outbox.OutboxEntry::nonce).doesNotHaveDuplicates();
      assertThat(rows).allSatisfy(e -> assertThat(e.nonce()).hasSizeBetween(3, 25));
      long last = rows.get(1).id();
      db.write(c -> c.createStatement().executeUpdate("DELETE FROM outbox"));
      outbox.enqueue("1", new dev.lookout.outbox.OutboxMessage.Notice("c"), T);
      assertThat(outbox.pending(10).get(0).id()).isGreaterThan(last);
    }
  }
}
