package dev.lookout;

import dev.lookout.commands.HelpCommand;
import dev.lookout.commands.LiveCards;
import dev.lookout.commands.ServiceDirectory;
import dev.lookout.commands.StatusBoard;
import dev.lookout.commands.StatusButtons;
import dev.lookout.commands.StatusCommand;
import dev.lookout.config.LookoutConfig;
import dev.lookout.discord.ChartRenderer;
import dev.lookout.discord.ComponentHandler;
import dev.lookout.discord.InteractionMetrics;
import dev.lookout.discord.InteractionRouter;
import dev.lookout.discord.SlashCommand;
import dev.lookout.discord.StatusCards;
import dev.lookout.health.HealthReports;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The single explicit list of Lookout's features, with their dependencies passed by hand: no
 * scanning, no container. Adding a command means adding it here.
 */
public final class Features implements AutoCloseable {
  private final InteractionRouter router;
  private final LiveCards live;

  public Features(
      LookoutConfig config, HealthReports reports, Clock clock, InteractionMetrics metrics) {
    ServiceDirectory directory = new ServiceDirectory(config, reports, clock);
    directory.warmUp();
    StatusBoard board =
        new StatusBoard(config, reports, directory, new StatusCards(new ChartRenderer()));
    this.live = new LiveCards(board, clock);

    List<SlashCommand> commands = new ArrayList<>();
    commands.add(new StatusCommand(board, live));
    commands.add(new HelpCommand(() -> List.copyOf(commands)));

    List<ComponentHandler> components = List.of(new StatusButtons(board));
    this.router = new InteractionRouter(commands, components, metrics);
  }

  public InteractionRouter router() {
    return router;
  }

  @Override
  public void close() {
    live.close();
    router.close();
  }
}
