package dev.lookout.health;

import dev.lookout.knowledge.LogEntry;
import java.time.Instant;
import java.util.List;

/** The port that reads a service's logs for the knowledge base, in the knowledge base's terms. */
public interface LogFeed {
  /**
   * The service's entries from {@code from} (inclusive) to {@code to} (exclusive), oldest first, at
   * most {@code max}.
   *
   * @throws HealthSource.SourceUnavailableException when the logs cannot be read
   */
  List<LogEntry> between(String service, Instant from, Instant to, int max);
}
