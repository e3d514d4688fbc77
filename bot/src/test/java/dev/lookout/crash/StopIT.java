package dev.lookout.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.demo.DemoWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stopping as Cloud Run stops an instance (SIGTERM) while the bot works: what is under way
 * finishes, the embedded database is not broken by an interrupted write, and the lease is handed
 * over. Before, a stop interrupted threads in the middle of H2 writes, H2 closed its file, and the
 * log filled with "The database has been closed" from every routine still running.
 */
class StopIT {
  private static final Duration READY = Duration.ofMinutes(2);

  @Test
  @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
  @DisplayName(
      "SIGTERM at random moments while the bot works leaves no database error and hands"
          + " the lease over")
  void stoppedWhileWorking() throws Exception {
    Path dir = Files.createTempDirectory("lookout-stop");
    Random random = new Random(Long.getLong("crash.seed", System.nanoTime()));
    try (DemoWorld world = BotProcess.world();
        BotProcess bot =
            new BotProcess(
                "bot",
                world,
                Map.of("LOOKOUT_DATA_DIR", dir.resolve("data").toString()),
                CrashIT.yaml(),
                dir)) {
      for (int stop = 0; stop < 3; stop++) {
        bot.start();
        bot.awaitRole("leader", READY);
        // Work under way: commands that write, beside the routines (alerts, the logs' read-back).
        world.discord().command("alice", "alerts", "subscribe", Map.of(), null);
        world
            .discord()
            .command(
                "alice",
                "alerts",
                "silence add",
                Map.of("service", "consumer", "duration", "5m", "comment", "stop " + stop),
                null);
        long delay = random.nextInt(4000);
        Thread.sleep(delay);
        bot.stop();
        String log = Files.readString(bot.log());
        String when = "stop " + stop + ", " + delay + " ms after it led; see " + bot.log();
        assertThat(
                log.lines()
                    .filter(
                        l ->
                            l.contains("database has been closed")
                                || l.contains("ClosedByInterruptException")
                                || l.contains("could not hand the lease over"))
                    .limit(5))
            .as(when)
            .isEmpty();
        assertThat(log).as(when).contains("handed the lease over");
      }
    }
  }
}
