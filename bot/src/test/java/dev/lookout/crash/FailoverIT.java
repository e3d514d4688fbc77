package dev.lookout.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.BotFixture;
import dev.lookout.demo.DemoWorld;
import dev.lookout.simulator.discord.DiscordModel.Message;
import dev.lookout.store.Database;
import dev.lookout.store.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two bot processes on one PostgreSQL: one leads, the other stands by and takes over when the
 * leader stops (SIGTERM hands the lease over) or dies (SIGKILL: when its lease runs out).
 */
class FailoverIT {
  @Test
  @DisplayName("a standby takes over when the leader stops or is killed, and answers as it did")
  void standbyTakesOver() throws Exception {
    Database.Location l = PostgresServer.get().freshDatabase();
    Map<String, String> env =
        Map.of("LOOKOUT_DATABASE_URL", l.url(), "LOOKOUT_DATABASE_USER", l.user());
    Path dir = Files.createTempDirectory("lookout-failover");
    try (DemoWorld world = CrashIT.world();
        BotProcess a = new BotProcess("a", world, env, CrashIT.yaml(), dir);
        BotProcess b = new BotProcess("b", world, env, CrashIT.yaml(), dir)) {
      a.start();
      a.awaitRole("leader", CrashIT.READY);
      b.start();
      b.awaitRole("standby", CrashIT.READY);
      assertThat(silence(world, 1)).contains("Silence **#");

      a.stop(); // SIGTERM, as Cloud Run sends: the lease is handed over at once
      b.awaitRole("leader", Duration.ofSeconds(30));
      assertThat(silence(world, 2)).contains("Silence **#");

      a.start();
      a.awaitRole("standby", CrashIT.READY);
      b.kill(); // no hand-over: the standby waits out the lease (5 s here)
      a.awaitRole("leader", Duration.ofSeconds(30));
      assertThat(silence(world, 3)).contains("Silence **#");
    }
  }

  private static String silence(DemoWorld world, int n) {
    Message reply =
        world
            .discord()
            .command(
                "alice",
                "ops",
                "silence add",
                Map.of("duration", "1h", "comment", "failover " + n, "service", "consumer"),
                null)
            .awaitReply(BotFixture.REPLY);
    return reply.body().path("content").asText();
  }
}
