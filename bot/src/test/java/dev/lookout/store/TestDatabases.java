package dev.lookout.store;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The two databases store tests run on: embedded H2 and a real PostgreSQL. */
public final class TestDatabases {
  private TestDatabases() {}

  /** For {@code @MethodSource}: each opens a new, empty, migrated database. */
  public static Stream<Named<Supplier<Database>>> both() {
    return Stream.of(
        Named.of("H2", Database::inMemory),
        Named.of("PostgreSQL", () -> Database.open(PostgresServer.get().freshDatabase())));
  }
}
