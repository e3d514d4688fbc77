package dev.lookout.commands;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Answers an interaction in one round trip when the answer is ready within a budget, and defers
 * ("thinking…") then edits when it is not: Discord drops an interaction not acknowledged within 3
 * s, and a slow Google read must not cost the member their answer.
 */
final class PromptReply {
  /** How long an answer may take before the interaction is deferred; well inside Discord's 3 s. */
  static final Duration BUDGET = Duration.ofMillis(1200);

  /** The previous path, always deferring, for the benchmark's before-and-after in one run. */
  private static final String ALWAYS_DEFER = "lookout.bench.deferred";

  private static final ExecutorService WORK = Executors.newVirtualThreadPerTaskExecutor();

  private PromptReply() {}

  /** What the member is answered: a message for the channel, or a private word. */
  sealed interface Answer {
    record Public(MessageCreateData message) implements Answer {}

    record Private(String text) implements Answer {}
  }

  /**
   * Makes the answer and sends it.
   *
   * @param shown called with the interaction's hook once a public answer is shown (live cards keep
   *     it to edit the message later)
   */
  static void answer(IReplyCallback event, Supplier<Answer> make, Consumer<InteractionHook> shown) {
    long start = System.nanoTime();
    Future<Answer> answer = WORK.submit(make::get);
    try {
      if (Boolean.getBoolean(ALWAYS_DEFER)) {
        throw new TimeoutException("deferred for the benchmark");
      }
      Answer ready =
          answer.get(BUDGET.toNanos() - (System.nanoTime() - start), TimeUnit.NANOSECONDS);
      switch (ready) {
        case Answer.Public p -> event.reply(p.message()).queue(shown::accept);
        case Answer.Private p -> event.reply(p.text()).setEphemeral(true).queue();
      }
      return;
    } catch (TimeoutException slow) {
      event.deferReply().queue();
    } catch (ExecutionException e) {
      throw rethrown(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    InteractionHook hook = event.getHook();
    try {
      switch (answer.get()) {
        case Answer.Public p ->
            hook.editOriginal(MessageEditData.fromCreateData(p.message()))
                .queue(m -> shown.accept(hook));
        case Answer.Private p -> {
          // The answer is only for the asker: the public "thinking" placeholder goes.
          hook.deleteOriginal().queue();
          hook.sendMessage(p.text()).setEphemeral(true).queue();
        }
      }
    } catch (ExecutionException e) {
      throw rethrown(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static RuntimeException rethrown(ExecutionException e) {
    return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
  }
}
