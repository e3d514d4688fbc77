package dev.lookout.commands;

import dev.lookout.discord.SlashCommand;
import dev.lookout.discord.StatusCards;
import dev.lookout.discord.Texts;
import dev.lookout.health.HealthSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /status [service] [window] [live]}: a service's card, or the overview of all. */
public final class StatusCommand implements SlashCommand {
  public static final String NAME = "status";
  public static final String SERVICE = "service";
  public static final String WINDOW = "window";
  public static final String LIVE = "live";
  static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

  private final StatusBoard board;
  private final LiveCards live;

  public StatusCommand(StatusBoard board, LiveCards live) {
    this.board = board;
    this.live = live;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash(NAME, "Health of a Cloud Run service, or of all of them")
        .addOptions(
            ServiceOption.of("The service; leave out for an overview", false),
            new OptionData(
                    OptionType.STRING,
                    WINDOW,
                    "Time window, such as 15m, 1h, 6h or 1d (default 1h)")
                .setMaxLength(8),
            new OptionData(
                OptionType.BOOLEAN, LIVE, "Keep the card updated every 15 s for 10 minutes"));
  }

  @Override
  public String help() {
    return "`/status [service] [window] [live]` — a service's health card with a chart, or an"
        + " overview of every service. `window` is 5m to 7d (default 1h); `live:true` refreshes"
        + " the card every 15 s for 10 minutes.";
  }

  private static String unknown(String service, List<String> known) {
    return "There is no service `"
        + Texts.fit(service, 60)
        + "`."
        + (known.isEmpty()
            ? ""
            : " Known services: "
                + String.join(", ", known.stream().map(s -> "`" + s + "`").toList())
                + ".");
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    String service = event.getOption(SERVICE, null, OptionMapping::getAsString);
    String windowText = event.getOption(WINDOW, null, OptionMapping::getAsString);
    boolean keepLive = event.getOption(LIVE, false, OptionMapping::getAsBoolean);
    Duration window;
    try {
      window = windowText == null ? DEFAULT_WINDOW : Windows.parse(windowText);
    } catch (IllegalArgumentException e) {
      event.reply(e.getMessage()).setEphemeral(true).queue();
      return;
    }
    if (service == null && keepLive) {
      event
          .reply("`live` needs a service: `/status service:<name> live:true`.")
          .setEphemeral(true)
          .queue();
      return;
    }
    if (service != null) {
      // Only a list already held is consulted here: the interaction is not acknowledged yet.
      Optional<List<String>> known = board.directory().cached();
      if (known.isPresent() && !known.get().contains(service)) {
        event.reply(unknown(service, known.get())).setEphemeral(true).queue();
        return;
      }
    }
    Duration w = window;
    if (service == null) {
      PromptReply.answer(event, () -> new PromptReply.Answer.Public(board.overview(w)), hook -> {});
      return;
    }
    Optional<StatusCards.Live> until = keepLive ? Optional.of(LiveCards.LIVE) : Optional.empty();
    PromptReply.answer(
        event,
        () -> {
          try {
            return new PromptReply.Answer.Public(board.card(service, w, until));
          } catch (HealthSource.UnknownServiceException e) {
            // The list held was out of date; the answer is still only for the asker.
            return new PromptReply.Answer.Private(
                unknown(service, board.directory().cached().orElse(List.of())));
          }
        },
        hook -> {
          if (keepLive) {
            live.keep(hook, service, w);
          }
        });
  }
}
