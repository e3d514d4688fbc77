package dev.lookout.discord;

import dev.lookout.lifecycle.Shutdown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  static final String STALE = "This control is no longer valid. Run the command again.";

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

  /** The handler of a component id, if the id is well formed and names a feature of this bot. */
  Optional<Routed> route(String componentId) {
    return ComponentId.parse(componentId)
        .flatMap(
            id -> Optional.ofNullable(components.get(id.feature())).map(h -> new Routed(h, id)));
  }

  /** A component's handler and its parsed id. */
  record Routed(ComponentHandler handler, ComponentId id) {}

  /** How a handler's run ended, as the member is answered. */
  sealed interface Outcome {
    /** The handler answered the member itself. */
    record Answered() implements Outcome {}

    /** The member's own mistake: they are told, nothing was changed. */
    record Mistake(String text) implements Outcome {}

    /** Our failure; {@code saved} when the handler had committed something before it. */
    record Failed(RuntimeException error, boolean saved) implements Outcome {}
  }

  /** Runs {@code handler} and says how it ended; nothing it throws escapes. */
  static Outcome guard(Runnable handler, LongSupplier commits) {
    long before = commits.getAsLong();
    try {
      handler.run();
      return new Outcome.Answered();
    } catch (UserMistake e) {
      return new Outcome.Mistake(e.getMessage() + " Nothing was changed.");
    } catch (RuntimeException e) {
      return new Outcome.Failed(e, commits.getAsLong() > before);
    }
  }

  /**
   * The choices offered for what is typed: at most Discord's 25, none longer than its 100, and none
   * at all when the suggestion fails.
   */
  static List<String> choices(Function<String, List<String>> suggest, String typed) {
    List<String> out = new ArrayList<>();
    if (suggest == null) {
      return out;
    }
    try {
      for (String value : suggest.apply(typed)) {
        if (out.size() < OptionData.MAX_CHOICES && !value.isEmpty() && value.length() <= 100) {
          out.add(value);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("autocomplete for '{}' failed; suggesting nothing", typed, e);
      return List.of();
    }
    return out;
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
          var focused = event.getFocusedOption();
          List<Command.Choice> choices =
              choices(suggestions.get(focused.getName()), focused.getValue()).stream()
                  .map(v -> new Command.Choice(v, v))
                  .toList();
          event.replyChoices(choices).queue(ok -> {}, err -> {});
        });
  }

  @Override
  public void onGenericComponentInteractionCreate(GenericComponentInteractionCreateEvent event) {
    Optional<Routed> routed = route(event.getComponentId());
    if (routed.isEmpty()) {
      event.reply(STALE).setEphemeral(true).queue();
      return;
    }
    ComponentId id = routed.get().id();
    run(
        event,
        event.getComponentId(),
        id.feature() + ":" + id.action(),
        () -> routed.get().handler().handle(event, id));
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
          Outcome outcome = guard(handler, commits);
          switch (outcome) {
            case Outcome.Answered a -> {}
            case Outcome.Mistake m -> answerPrivately(event, m.text());
            case Outcome.Failed f -> {
              LOG.error("interaction {} ({}) failed", event.getId(), what, f.error());
              answerPrivately(event, failure(event.getId(), f.saved()));
            }
          }
          metrics.record(metric, System.nanoTime() - start, outcome instanceof Outcome.Failed);
        });
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
    // A command under way finishes (its answer and what it writes) before the database closes.
    Shutdown.gracefully(executor, Shutdown.GRACE);
  }
}
