package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.lookout.store.TestDatabases#both")
  @DisplayName("opening a database applies every migration in the migrations folder")
  void migrates(Supplier<Database> open) throws IOException {
    long files;
    try (Stream<Path> sql = Files.list(Path.of("../migrations"))) {
      files = sql.filter(p -> p.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
    }
    try (Database db = open.get()) {
      long applied =
          db.read(
              c -> {
                try (ResultSet rs =
                    c.createStatement()
                        .executeQuery(
                            "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND"
                                + " \"type\" = 'SQL'")) {
                  rs.next();
                  return rs.getLong(1);
                }
              });
      assertThat(applied).isEqualTo(files);
    }
  }

  @Test
  @DisplayName("a failed transaction leaves nothing behind")
  void rollsBack(@TempDir Path dir) {
    try (Database db = Database.inDirectory(dir)) {
      db.write(c -> c.createStatement().execute("CREATE TABLE scratch (id INT PRIMARY KEY)"));
      assertThatThrownBy(
              () ->
                  db.transaction(
                      c -> {
                        c.createStatement().execute("INSERT INTO scratch VALUES (1)");
                        c.createStatement().execute("INSERT INTO scratch VALUES (1)");
                        return null;
                      }))
          .isInstanceOf(Database.StoreException.class);
      long rows =
          db.read(
              c -> {
                try (ResultSet rs =
                    c.createStatement().executeQuery("SELECT COUNT(*) FROM scratch")) {
                  rs.next();
                  return rs.getLong(1);
                }
              });
      assertThat(rows).isZero();
    }
  }

  @Test
  @DisplayName(
      "the commits of this thread are counted, so an error boundary can say whether anything was"
          + " saved; a rolled-back transaction is not")
  void commitsCounted() {
    try (Database db = Database.inMemory()) {
      long before = Database.commitsOnThisThread();
      db.write(c -> c.createStatement().execute("CREATE TABLE t (x INT)"));
      assertThat(Database.commitsOnThisThread()).isEqualTo(before + 1);
      assertThatThrownBy(
              () ->
                  db.write(
                      c -> {
                        c.createStatement().execute("INSERT INTO t VALUES (1)");
                        throw new IllegalStateException("fails before the commit");
                      }))
          .isInstanceOf(IllegalStateException.class);
      assertThat(Database.commitsOnThisThread()).isEqualTo(before + 1);
      db.read(c -> c.createStatement().executeQuery("SELECT COUNT(*) FROM t").next());
      assertThat(Database.commitsOnThisThread()).as("reads are not commits").isEqualTo(before + 1);
    }
  }
}
