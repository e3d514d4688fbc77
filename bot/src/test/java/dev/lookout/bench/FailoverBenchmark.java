package dev.lookout.bench;

import dev.lookout.crash.BotProcess;
import dev.lookout.demo.DemoWorld;
import dev.lookout.store.Database;
import dev.lookout.store.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How long Lookout is without a leader when the leader goes: two bot processes on one PostgreSQL,
 * the leader killed with SIGKILL (the standby waits out the lease) or stopped with SIGTERM (the
 * lease is handed over), ten times each. Measured from the signal to the standby's {@code /healthz}
 * saying leader, and to the first command it answers.
 */
public final class FailoverBenchmark {
  private static final int ROUNDS = 10;

  private FailoverBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchmarkReport report = new BenchmarkReport("Failover to the standby (issue 13)");
    String lease = System.getProperty("bench.lease", "15s");
    Database.Location l = PostgresServer.get().freshDatabase();
    Map<String, String> env =
        Map.of("LOOKOUT_DATABASE_URL", l.url(), "LOOKOUT_DATABASE_USER", l.user());
    Path dir = Files.createTempDirectory("lookout-failover-bench");
    String yaml = "database:\n  lease: " + lease + "\n";
    try (DemoWorld world = BotProcess.world();
        BotProcess a = new BotProcess("a", world, env, yaml, dir);
        BotProcess b = new BotProcess("b", world, env, yaml, dir)) {
      a.start();
      a.awaitRole("leader", Duration.ofSeconds(120));
      b.start();
      b.awaitRole("standby", Duration.ofSeconds(120));
      BotProcess leader = a;
      BotProcess standby = b;
      for (boolean kill : new boolean[] {true, false}) {
        double[] toLeader = new double[ROUNDS];
        double[] toAnswer = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
          answer(world); // the leader serves before it goes
          long start = System.nanoTime();
          if (kill) {
            leader.kill();
          } else {
            leader.stop();
          }
          standby.awaitRole("leader", Duration.ofSeconds(60));
          toLeader[i] = (System.nanoTime() - start) / 1e9;
          answer(world);
          toAnswer[i] = (System.nanoTime() - start) / 1e9;
          System.out.printf(
              "%s %d: leader after %.2f s, answering after %.2f s%n",
              kill ? "SIGKILL" : "SIGTERM", i + 1, toLeader[i], toAnswer[i]);
          BotProcess gone = leader;
          leader = standby;
          standby = gone;
          standby.start();
          standby.awaitRole("standby", Duration.ofSeconds(120));
        }
        String how = kill ? "SIGKILL of the leader" : "SIGTERM of the leader";
        report.row(
            how + ": standby leads, p50 / max",
            String.format(
                "%.2f s / %.2f s",
                BenchmarkReport.percentile(toLeader, 50),
                BenchmarkReport.percentile(toLeader, 100)),
            ROUNDS + " rounds, lease " + lease + "; until its /healthz says leader");
        report.row(
            how + ": first command answered, p50 / max",
            String.format(
                "%.2f s / %.2f s",
                BenchmarkReport.percentile(toAnswer, 50),
                BenchmarkReport.percentile(toAnswer, 100)),
            "/help sent once the new leader leads; includes its gateway login");
      }
    }
    report.publish();
    System.exit(0);
  }

  /** A member's /help, retried until a leader answers it. */
  private static void answer(DemoWorld world) {
    while (true) {
      try {
        world
            .discord()
            .command("alice", "ops", "help", Map.of(), null)
            .awaitReply(Duration.ofSeconds(5));
        return;
      } catch (AssertionError e) {
        // nobody holds the gateway yet: Discord drops the interaction; the member tries again
      }
    }
  }
}
