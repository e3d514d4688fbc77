package dev.lookout.commands;

import dev.lookout.discord.AskCards;
import dev.lookout.discord.SlashCommand;
import dev.lookout.discord.UserText;
import dev.lookout.knowledge.Answer;
import dev.lookout.knowledge.Durations;
import dev.lookout.knowledge.Explainer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * {@code /ask question [service] [window]}: answers from the recent logs, citing the lines it rests
 * on, or says the logs do not tell.
 */
public final class AskCommand implements SlashCommand {
  static final int MAX_QUESTION = 1000;
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

  private final Explainer explainer;

  /** Why the logs read are behind, if they are (Cloud Logging could not be read). */
  private final java.util.function.Supplier<Optional<String>> logsBehind;

  private final ServiceDirectory directory;
  private final Duration retention;
  private final AskCards cards;
  private final AnswerCache answers;
  private final Clock clock;

  public AskCommand(
      Explainer explainer,
      java.util.function.Supplier<Optional<String>> logsBehind,
      ServiceDirectory directory,
      Duration retention,
      AskCards cards,
      AnswerCache answers,
      Clock clock) {
    this.explainer = explainer;
    this.logsBehind = logsBehind;
    this.directory = directory;
    this.retention = retention;
    this.cards = cards;
    this.answers = answers;
    this.clock = clock;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("ask", "Ask the recent logs; the answer cites the lines it rests on")
        .addOptions(
            new OptionData(
                    OptionType.STRING,
                    "question",
                    "e.g. why did consumer restart? · errors on checkout-api at 10:32",
                    true)
                .setMaxLength(MAX_QUESTION),
            ServiceOption.of("Only this service's logs", false),
            new OptionData(OptionType.STRING, "window", "How far back: 15m, 1h, 6h (default 1h)")
                .setMaxLength(12));
  }

  @Override
  public String help() {
    return "`/ask question [service] [window]` — answers from the recent logs, citing the lines;"
        + " says so when the logs do not tell.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    String question =
        UserText.normalise(event.getOption("question", "", OptionMapping::getAsString));
    if (question.isEmpty()) {
      refuse(event, "Ask a question, such as `why did consumer restart?`.");
      return;
    }
    if (question.length() > MAX_QUESTION) {
      refuse(
          event,
          "Your question is "
              + question.length()
              + " characters; keep it to "
              + MAX_QUESTION
              + ". Ask about one thing, and name the service or time if you can.");
      return;
    }
    Optional<String> service =
        Optional.ofNullable(event.getOption("service", null, OptionMapping::getAsString))
            .map(String::strip);
    Optional<String> unknown = service.flatMap(directory::unknown);
    if (unknown.isPresent()) {
      refuse(event, unknown.get());
      return;
    }
    Optional<List<String>> known = directory.cached();
    Optional<Duration> window = Optional.empty();
    String w = event.getOption("window", null, OptionMapping::getAsString);
    if (w != null) {
      try {
        window = Optional.of(Durations.parse(w, Duration.ofMinutes(1), retention));
      } catch (IllegalArgumentException e) {
        refuse(
            event,
            "The window "
                + e.getMessage()
                + ". Logs are kept "
                + Durations.format(retention)
                + ".");
        return;
      }
    }
    event.deferReply().queue();
    Answer a =
        explainer.ask(
            question, service, window, clock.instant(), known.orElseGet(directory::services));
    String key = answers.put(a);
    event
        .getHook()
        .editOriginal(
            net.dv8tion.jda.api.utils.messages.MessageEditData.fromCreateData(
                cards.answer(question, a, key, logsBehind.get())))
        .queue();
  }

  private static void refuse(SlashCommandInteractionEvent event, String why) {
    event.reply(why).setEphemeral(true).queue();
  }
}
