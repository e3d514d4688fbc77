package dev.lookout.demo;

import dev.lookout.config.LookoutConfig;
import dev.lookout.simulator.Simulator;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordConfig;
import dev.lookout.simulator.discord.SimulatedDiscord;
import java.util.Optional;

/**
 * The world demo mode runs in: the simulated Cloud Run project and the simulated Discord, both
 * in-process, and the configuration that points the bot's normal code path at them.
 */
public final class DemoWorld implements AutoCloseable {
  private final Simulator cloud;
  private final SimulatedDiscord discord;

  private DemoWorld(Simulator cloud, SimulatedDiscord discord) {
    this.cloud = cloud;
    this.discord = discord;
  }

  public static DemoWorld start(SimulatorConfig cloudConfig, DiscordConfig discordConfig) {
    Simulator cloud = Simulator.start(cloudConfig);
    try {
      return new DemoWorld(cloud, SimulatedDiscord.start(discordConfig));
    } catch (RuntimeException e) {
      cloud.close();
      throw e;
    }
  }

  public Simulator cloud() {
    return cloud;
  }

  public SimulatedDiscord discord() {
    return discord;
  }

  /** The simulator's virtual clock: the bot's "now" in demo mode. */
  public java.time.Clock clock() {
    return cloud.project().clock();
  }

  /** {@code base} with Discord and Google pointed at this world. */
  public LookoutConfig configure(LookoutConfig base) {
    return base.withDiscord(
            new LookoutConfig.Discord(
                discord.botToken(),
                Optional.of(Long.toString(discord.guildId())),
                Optional.of(discord.restBaseUrl()),
                Optional.of(discord.gatewayUrl())))
        .withGoogle(
            new LookoutConfig.Google(
                cloud.config().projectId(),
                cloud.config().region(),
                Optional.of(cloud.grpcEndpoint())));
  }

  @Override
  public void close() {
    discord.close();
    cloud.close();
  }
}
