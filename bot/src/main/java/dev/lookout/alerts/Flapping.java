package dev.lookout.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When an alert that keeps firing and resolving counts as flapping: it fired {@code fires} times
 * within {@code within}. A flapping incident is told as one card edited in place, with a count,
 * until it has been quiet (neither fired nor resolved) for {@code within}. Only warn alerts flap: a
 * fatal one is always announced.
 *
 * @param fires how many firings within the window make an alert flap; 0 turns flap handling off
 */
public record Flapping(int fires, Duration within) {
  public static final int DEFAULT_FIRES = 3;
  public static final Duration DEFAULT_WITHIN = Duration.ofMinutes(30);

  public Flapping {
    if (fires != 0 && fires < 2) {
      throw new IllegalArgumentException("an alert flaps after at least 2 firings (or 0 for off)");
    }
    if (within.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("the flapping window must be at least a minute");
    }
  }

  public static Flapping defaults() {
    return new Flapping(DEFAULT_FIRES, DEFAULT_WITHIN);
  }

  public static Flapping off() {
    return new Flapping(0, DEFAULT_WITHIN);
  }

  public boolean enabled() {
    return fires > 0;
  }

  /** Where an incident stands in a flapping spell: since its first firing, and how many. */
  public record Spell(Instant since, int fires) {
    public Spell {
      if (fires < 1) {
        throw new IllegalArgumentException("a spell has fired at least once");
      }
    }

    Spell again() {
      return new Spell(since, fires + 1);
    }
  }

  /**
   * The spell a firing starts, if the firings before it in the window make enough.
   *
   * @param earlier the incident's earlier firings within the window, oldest first
   */
  java.util.Optional<Spell> starts(List<Instant> earlier, Instant now) {
    if (!enabled() || earlier.size() + 1 < fires) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Spell(earlier.isEmpty() ? now : earlier.get(0), earlier.size() + 1));
  }

  /** Whether a spell last told of at {@code lastTold} is still going at {@code now}. */
  boolean goesOn(Instant lastTold, Instant now) {
    return enabled() && lastTold.plus(within).isAfter(now);
  }
}
