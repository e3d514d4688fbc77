package dev.lookout.bench;

import dev.lookout.Lookout;
import dev.lookout.config.ConfigLoader;
import dev.lookout.demo.DemoWorld;
import dev.lookout.operations.ProposalStatus;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordConfig;
import dev.lookout.simulator.discord.DiscordModel.Message;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time from an approver's Approve click to the change being live on the simulated Cloud Run
 * service, and to the proposal being recorded as applied. The simulated rollout takes no time, so
 * the figures are Lookout's own path: the interaction through JDA, the conditional state change,
 * the service read, the update with its etag, and following the long-running operation. Run with
 * {@code ./lookout bench scale}.
 */
public final class ScaleBenchmark {
  private static final Pattern PROPOSAL = Pattern.compile("Proposal \\*\\*#(\\d+)\\*\\*");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int WARMUP = 5;
  private static final int ROUNDS = 40;

  public static void main(String[] args) throws Exception {
    DemoWorld world =
        DemoWorld.start(
            SimulatorConfig.demo().withRolloutDelay(Duration.ZERO), DiscordConfig.defaults());
    Lookout bot =
        Lookout.start(
            world
                .configure(ConfigLoader.demoDefaults(Map.of()))
                .withDataDirectory(Files.createTempDirectory("lookout-bench"))
                .withHttpPort(0),
            world.clock());
    try {
      double[] updated = new double[ROUNDS];
      double[] applied = new double[ROUNDS];
      for (int i = 0; i < WARMUP + ROUNDS; i++) {
        int max = i % 2 == 0 ? 11 : 10;
        double[] t = approve(world, bot, max);
        if (i >= WARMUP) {
          updated[i - WARMUP] = t[0];
          applied[i - WARMUP] = t[1];
        }
      }
      BenchmarkReport report = new BenchmarkReport("Approve click to scaled service (issue 5)");
      report.row(
          "Approve click to the service updated in the simulator (p50 / p99)",
          ms(BenchmarkReport.percentile(updated, 50))
              + " / "
              + ms(BenchmarkReport.percentile(updated, 99)),
          ROUNDS
              + " approvals of /scale consumer max 10↔11 by carol; the clock starts when the click"
              + " is injected and stops when GetService shows the new max");
      report.row(
          "Approve click to the proposal recorded as applied (p50 / p99)",
          ms(BenchmarkReport.percentile(applied, 50))
              + " / "
              + ms(BenchmarkReport.percentile(applied, 99)),
          "adds following the long-running operation to done; the simulated rollout itself"
              + " takes no time");
      report.publish();
    } finally {
      bot.close();
      world.close();
    }
    System.exit(0);
  }

  /** Proposes max → {@code max}, approves it, returns [ms to updated, ms to applied]. */
  private static double[] approve(DemoWorld world, Lookout bot, int max) throws Exception {
    Message reply =
        world
            .discord()
            .command("alice", "ops", "scale", Map.of("service", "consumer", "max", max), null)
            .awaitReply(WAIT);
    Matcher m = PROPOSAL.matcher(reply.body().path("content").asText());
    if (!m.find()) {
      throw new IllegalStateException("no proposal: " + reply.body());
    }
    long id = Long.parseLong(m.group(1));
    Message card =
        world
            .discord()
            .awaitMessage(
                "ops",
                c ->
                    !c.ephemeral()
                        && c.body().path("embeds").size() > 0
                        && c.body()
                            .path("embeds")
                            .get(0)
                            .path("title")
                            .asText()
                            .contains("#" + id + " ·"),
                WAIT);
    long start = System.nanoTime();
    world
        .discord()
        .click("carol", card.id(), dev.lookout.BotFixture.button(card, "Approve"), List.of(), null);
    double updated = -1;
    long deadline = start + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (updated < 0
          && world.cloud().run().get("consumer").getTemplate().getScaling().getMaxInstanceCount()
              == max) {
        updated = (System.nanoTime() - start) / 1e6;
      }
      ProposalStatus status = bot.features().proposals().find(id).orElseThrow().status();
      if (status == ProposalStatus.APPLIED && updated >= 0) {
        return new double[] {updated, (System.nanoTime() - start) / 1e6};
      }
      if (status == ProposalStatus.FAILED) {
        throw new IllegalStateException("proposal #" + id + " failed");
      }
      LockSupport.parkNanos(200_000);
    }
    throw new IllegalStateException("proposal #" + id + " was not applied within " + WAIT);
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f ms" : "%.1f ms", v);
  }
}
