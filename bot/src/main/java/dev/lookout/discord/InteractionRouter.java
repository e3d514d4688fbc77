package dev.lookout.discord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's only JDA listener: routes slash commands by name and components by feature, each on its
 * own virtual thread, and is the one error boundary. A failure is logged with the interaction id
 * and answered politely; nothing a handler throws reaches JDA.
 */
public final class InteractionRouter extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(InteractionRouter.class);

  private final Map<String, SlashCommand> commands = new LinkedHashMap<>();
  private final Map<String, ComponentHandler> components = new LinkedHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final InteractionMetrics metrics;

  public InteractionRouter(
      List<SlashCommand> commands, List<ComponentHandler> components, InteractionMetrics metrics) {
    commands.forEach(c -> this.commands.put(c.definition().getName(), c));
    components.forEach(c -> this.components.put(c.feature(), c));
    this.metrics = metrics;
  }

  public List<SlashCommand> commands() {
    return List.copyOf(commands.values());
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    SlashCommand command = commands.get(event.getName());
    if (command == null) {
      event
          .reply("That command is not known to this version of Lookout.")
          .setEphemeral(true)
          .queue();
      return;
    }
    String what = "/" + event.getName();
    run(event, what, what, () -> command.handle(event));
  }

  @Override
  public void onGenericComponentInteractionCreate(GenericComponentInteractionCreateEvent event) {
    var id = ComponentId.parse(event.getComponentId());
    ComponentHandler handler = id.map(i -> components.get(i.feature())).orElse(null);
    if (handler == null) {
      event
          .reply("This control is no longer valid. Run the command again.")
          .setEphemeral(true)
          .queue();
      return;
    }
    run(
        event,
        event.getComponentId(),
        id.get().feature() + ":" + id.get().action(),
        () -> handler.handle(event, id.get()));
  }

  /**
   * Runs a handler on its own virtual thread inside the error boundary, and times it.
   *
   * @param what how the logs name the interaction
   * @param metric how the metrics name it
   */
  private void run(IReplyCallback event, String what, String metric, Runnable handler) {
    executor.execute(
        () -> {
          long start = System.nanoTime();
          boolean failed = false;
          try {
            handler.run();
          } catch (RuntimeException e) {
            failed = true;
            fail(event, what, e);
          } finally {
            metrics.record(metric, System.nanoTime() - start, failed);
          }
        });
  }

  private static void fail(IReplyCallback event, String what, RuntimeException e) {
    LOG.error("interaction {} ({}) failed", event.getId(), what, e);
    String text =
        "Something went wrong on our side (reference "
            + event.getId()
            + "). Nothing was changed; please try again.";
    if (event.isAcknowledged()) {
      event.getHook().sendMessage(text).setEphemeral(true).queue(ok -> {}, err -> {});
    } else {
      event.reply(text).setEphemeral(true).queue(ok -> {}, err -> {});
    }
  }

  public void close() {
    executor.shutdownNow();
  }
}
