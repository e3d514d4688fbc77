package dev.lookout.discord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.LongSupplier;
import net.dv8tion.jda.api.entities.Message.MessageFlag;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's only JDA listener: routes slash commands by name and components by feature, each on its
 * own virtual thread, and is the one error boundary. A failure is logged with the interaction id
 * and answered privately with that reference, saying whether anything had been saved before it; a
 * "thinking" placeholder the handler had deferred is removed, so none is left behind. Nothing a
 * handler throws reaches JDA.
 */
public final class InteractionRouter extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(InteractionRouter.class);

  private final Map<String, SlashCommand> commands = new LinkedHashMap<>();
  private final Map<String, ComponentHandler> components = new LinkedHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final InteractionMetrics metrics;
  private final LongSupplier commits;
  private final Map<String, Function<String, List<String>>> suggestions;

  /**
   * @param commits how many database transactions the current thread has committed, to tell whether
   *     a failed handler had saved anything
   * @param suggestions for each option name that autocompletes, the values to suggest for what is
   *     typed so far
   */
  public InteractionRouter(
      List<SlashCommand> commands,
      List<ComponentHandler> components,
      InteractionMetrics metrics,
      LongSupplier commits,
      Map<String, Function<String, List<String>>> suggestions) {
    commands.forEach(c -> this.commands.put(c.definition().getName(), c));
    components.forEach(c -> this.components.put(c.feature(), c));
    this.metrics = metrics;
    this.commits = commits;
    this.suggestions = Map.copyOf(suggestions);
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

  /** Suggests values for the option being typed; Discord needs them within 3 s. */
  @Override
  public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
    executor.execute(
        () -> {
          List<Command.Choice> choices = new ArrayList<>();
          try {
            var focused = event.getFocusedOption();
            var suggest = suggestions.get(focused.getName());
            if (suggest != null) {
              for (String value : suggest.apply(focused.getValue())) {
                if (choices.size() < OptionData.MAX_CHOICES && value.length() <= 100) {
                  choices.add(new Command.Choice(value, value));
                }
              }
            }
          } catch (RuntimeException e) {
            LOG.warn("autocomplete {} failed; suggesting nothing", event.getId(), e);
          }
          event.replyChoices(choices).queue(ok -> {}, err -> {});
        });
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
          long before = commits.getAsLong();
          boolean failed = false;
          try {
            handler.run();
          } catch (UserMistake e) {
            answerPrivately(event, e.getMessage() + " Nothing was changed.");
          } catch (RuntimeException e) {
            failed = true;
            fail(event, what, e, commits.getAsLong() > before);
          } finally {
            metrics.record(metric, System.nanoTime() - start, failed);
          }
        });
  }

  private static void fail(IReplyCallback event, String what, RuntimeException e, boolean saved) {
    LOG.error("interaction {} ({}) failed", event.getId(), what, e);
    answerPrivately(event, failure(event.getId(), saved));
  }

  /** Answers only the member; a "thinking" placeholder the handler had deferred is removed. */
  private static void answerPrivately(IReplyCallback event, String text) {
    if (!event.isAcknowledged()) {
      event.reply(text).setEphemeral(true).queue(ok -> {}, err -> {});
      return;
    }
    // The handler deferred: a "thinking" placeholder may stand as the original response. It goes,
    // and the answer comes privately; an answer the handler had already given stays.
    var hook = event.getHook();
    hook.retrieveOriginal()
        .queue(
            original -> {
              if (original.getFlags().contains(MessageFlag.LOADING)) {
                hook.deleteOriginal().queue(ok -> {}, err -> {});
              }
              hook.sendMessage(text).setEphemeral(true).queue(ok -> {}, err -> {});
            },
            err -> hook.sendMessage(text).setEphemeral(true).queue(ok -> {}, x -> {}));
  }

  /** What a member is told when their command or click failed on our side. */
  static String failure(String reference, boolean saved) {
    return saved
        ? "Something went wrong on our side (reference "
            + reference
            + ") after part of this had been saved. Check the card or `/audit` before trying again."
        : "Something went wrong on our side (reference "
            + reference
            + "). Nothing was changed; please try again.";
  }

  public void close() {
    executor.shutdownNow();
  }
}
