package dev.lookout.commands;

import dev.lookout.knowledge.Durations;
import java.time.Duration;

/** The time windows /status and its buttons show: 5m to 7d, in the one duration grammar. */
public final class Windows {
  public static final Duration MIN = Duration.ofMinutes(5);
  public static final Duration MAX = Duration.ofDays(7);

  private Windows() {}

  /**
   * @throws IllegalArgumentException naming the text and what is allowed
   */
  public static Duration parse(String text) {
    return Durations.parse(text, MIN, MAX);
  }
}
