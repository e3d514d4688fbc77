package dev.lookout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The router's decisions, without Discord: which handler, what the member is told, suggestions. */
class InteractionRouterTest {
  /** A handler that is only ever routed to here, never run. */
  record Feature(String feature) implements ComponentHandler {
    @Override
    public void handle(GenericComponentInteractionCreateEvent event, ComponentId id) {
      throw new AssertionError("not run in this test");
    }
  }

  private final InteractionRouter router =
      new InteractionRouter(
          List.of(),
          List.of(new Feature("scale"), new Feature("alert")),
          InteractionMetrics.NONE,
          () -> 0,
          Map.of());

  static Stream<Arguments> componentIds() {
    return Stream.of(
        Arguments.of(ComponentId.of("scale", "approve", "12", "tok").encode(), "scale"),
        Arguments.of(ComponentId.of("alert", "ack", "api", "cpu").encode(), "alert"),
        Arguments.of(ComponentId.of("drill", "stop", "3").encode(), null),
        Arguments.of("scale", null),
        Arguments.of("", null),
        Arguments.of("x".repeat(500), null),
        // The router decides only the feature; the handler checks its own arguments.
        Arguments.of("scale:approve:\u0000", "scale"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("componentIds")
  @DisplayName("a component goes to the handler of its feature; anything else is a stale control")
  void routesByFeature(String raw, String feature) {
    var routed = router.route(raw);
    if (feature == null) {
      assertThat(routed).isEmpty();
    } else {
      assertThat(routed.orElseThrow().handler().feature()).isEqualTo(feature);
    }
  }

  static Stream<Arguments> outcomes() {
    return Stream.of(
        Arguments.of("a handler that answered", (Runnable) () -> {}, 0, "Answered", ""),
        Arguments.of(
            "a member's mistake",
            (Runnable)
                () -> {
                  throw new UserMistake("`99h` is longer than a silence may last (7 days).");
                },
            0,
            "Mistake",
            "`99h` is longer than a silence may last (7 days). Nothing was changed."),
        Arguments.of(
            "our failure before anything was saved",
            (Runnable)
                () -> {
                  throw new IllegalStateException("boom");
                },
            0,
            "Failed",
            "Something went wrong on our side (reference 42). Nothing was changed; please try again."),
        Arguments.of(
            "our failure after a commit",
            (Runnable)
                () -> {
                  throw new IllegalStateException("boom");
                },
            1,
            "Failed",
            "Something went wrong on our side (reference 42) after part of this had been saved."
                + " Check the card or `/audit` before trying again."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void errorBoundary(String name, Runnable handler, int commitsDuring, String kind, String told) {
    AtomicLong commits = new AtomicLong();
    Runnable counted =
        () -> {
          commits.addAndGet(commitsDuring);
          handler.run();
        };
    InteractionRouter.Outcome outcome = InteractionRouter.guard(counted, commits::get);
    assertThat(outcome.getClass().getSimpleName()).isEqualTo(kind);
    String text =
        switch (outcome) {
          case InteractionRouter.Outcome.Answered a -> "";
          case InteractionRouter.Outcome.Mistake m -> m.text();
          case InteractionRouter.Outcome.Failed f -> InteractionRouter.failure("42", f.saved());
        };
    assertThat(text).isEqualTo(told);
  }

  @Test
  @DisplayName("autocomplete offers at most 25 choices, each 1 to 100 characters")
  void choicesFitDiscord() {
    List<String> many = IntStream.range(0, 40).mapToObj(i -> "svc-" + i).toList();
    Function<String, List<String>> suggest =
        typed -> Stream.concat(Stream.of("", "y".repeat(101)), many.stream()).toList();
    List<String> choices = InteractionRouter.choices(suggest, "svc");
    assertThat(choices).hasSize(25).allSatisfy(c -> assertThat(c.length()).isBetween(1, 100));
    assertThat(choices.getFirst()).isEqualTo("svc-0");
  }

  @Test
  @DisplayName("a failing or missing suggestion offers nothing rather than failing the member")
  void failingSuggestion() {
    assertThat(
            InteractionRouter.choices(
                typed -> {
                  throw new IllegalStateException("Cloud Run unreachable");
                },
                "a"))
        .isEmpty();
    assertThat(InteractionRouter.choices(null, "a")).isEmpty();
  }
}
