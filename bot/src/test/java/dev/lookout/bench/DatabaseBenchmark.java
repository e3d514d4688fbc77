package dev.lookout.bench;

import dev.lookout.store.Database;
import dev.lookout.store.Outbox;
import dev.lookout.store.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Commit latency and outbox drain rate on H2 before the durability change (its defaults, which lost
 * acknowledged commits on {@code kill -9}), on H2 as Lookout opens it now (every commit written and
 * appended before it returns) and on PostgreSQL, in one run.
 */
public final class DatabaseBenchmark {
  private static final int COMMITS = 3000;
  private static final int WARMUP = 300;

  private DatabaseBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchmarkReport report = new BenchmarkReport("Durable commits and the outbox (issue 13)");
    List<Object[]> cases = new ArrayList<>();
    Path before = Files.createTempDirectory("lookout-db-bench");
    cases.add(
        new Object[] {
          "H2 before (defaults: background writer, space reused)",
          new Database.Location(
              "jdbc:h2:file:" + before.resolve("lookout") + ";AUTO_SERVER=FALSE", "lookout", "")
        });
    cases.add(
        new Object[] {
          "H2 now (WRITE_DELAY=0, REUSE_SPACE=FALSE)",
          Database.Location.h2In(Files.createTempDirectory("lookout-db-bench"))
        });
    cases.add(new Object[] {"PostgreSQL 15 (Debian package, fsync on)", null});
    for (Object[] c : cases) {
      Database.Location location =
          c[1] == null ? PostgresServer.get().freshDatabase() : (Database.Location) c[1];
      try (Database db = Database.open(location)) {
        Outbox outbox = new Outbox(db);
        double[] commit = new double[COMMITS];
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < WARMUP + COMMITS; i++) {
          long start = System.nanoTime();
          outbox.enqueue("1", new dev.lookout.outbox.OutboxMessage.Notice("benchmark " + i), t);
          if (i >= WARMUP) {
            commit[i - WARMUP] = (System.nanoTime() - start) / 1e6;
          }
        }
        // Draining without Discord: what the sender does per entry besides the HTTP call.
        long start = System.nanoTime();
        int drained = 0;
        List<dev.lookout.outbox.OutboxEntry> batch;
        while (!(batch = outbox.pending(200)).isEmpty()) {
          for (dev.lookout.outbox.OutboxEntry e : batch) {
            if (outbox.claim(e.id(), 1)) {
              outbox.delivered(e.id(), "m" + e.id(), t, x -> null);
              drained++;
            }
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.row(
            (String) c[0] + ": commit p50 / p99",
            String.format(
                "%.2f ms / %.2f ms",
                BenchmarkReport.percentile(commit, 50), BenchmarkReport.percentile(commit, 99)),
            COMMITS + " outbox inserts, one transaction each, after " + WARMUP + " warm-up");
        report.row(
            (String) c[0] + ": outbox drain",
            String.format("%.0f entries/s", drained / seconds),
            "pending, claim under the fence, delivered: three transactions per entry, no Discord");
      }
    }
    report.publish();
    System.exit(0);
  }
}
