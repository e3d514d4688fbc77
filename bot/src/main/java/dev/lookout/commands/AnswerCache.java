package dev.lookout.commands;

import dev.lookout.knowledge.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recent answers, for their "all cited lines" button: the newest 500, for 15 minutes (as long as
 * Discord lets a bot answer the interaction anyway).
 */
public final class AnswerCache {
  static final int SIZE = 500;
  static final Duration KEEP = Duration.ofMinutes(15);

  private record Kept(Answer answer, Instant at) {}

  private final Clock clock;
  private final AtomicLong next = new AtomicLong(1);
  private final Map<String, Kept> answers =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
          return size() > SIZE;
        }
      };

  public AnswerCache(Clock clock) {
    this.clock = clock;
  }

  public synchronized String put(Answer a) {
    String key = Long.toString(next.getAndIncrement(), 36);
    answers.put(key, new Kept(a, Instant.now(clock)));
    return key;
  }

  public synchronized Optional<Answer> get(String key) {
    Kept k = answers.get(key);
    if (k == null || k.at().plus(KEEP).isBefore(Instant.now(clock))) {
      return Optional.empty();
    }
    return Optional.of(k.answer());
  }
}
