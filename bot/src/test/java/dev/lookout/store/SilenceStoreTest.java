package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alerts.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SilenceStoreTest {
  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.lookout.store.TestDatabases#both")
  @DisplayName("silences are in force until they expire, and each expiry is taken once")
  void lifecycle(Supplier<Database> open) {
    try (Database db = open.get()) {
      SilenceStore store = new SilenceStore(db);
      Silence s =
          store.add(
              "g",
              new Silence(
                  0,
                  Optional.of("api"),
                  Optional.empty(),
                  Optional.empty(),
                  T,
                  T.plus(Duration.ofMinutes(10)),
                  "alice",
                  "deploy"));
      assertThat(s.id()).isPositive();
      assertThat(store.active(T.plusSeconds(60))).extracting(Silence::id).containsExactly(s.id());
      assertThat(store.takeExpired(T.plusSeconds(60))).isEmpty();
      assertThat(store.active(T.plus(Duration.ofMinutes(10)))).isEmpty();
      assertThat(store.takeExpired(T.plus(Duration.ofMinutes(10))))
          .extracting(Silence::id)
          .containsExactly(s.id());
      assertThat(store.takeExpired(T.plus(Duration.ofMinutes(11)))).isEmpty();
      assertThat(store.remove("g", s.id())).isTrue();
      assertThat(store.remove("g", s.id())).isFalse();
    }
  }
}
