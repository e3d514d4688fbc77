package dev.lookout.scheduler;

import dev.lookout.health.HealthSource;
import dev.lookout.health.LogFeed;
import dev.lookout.knowledge.KnowledgeBase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the knowledge base from Cloud Logging. Each service is read from its cursor (the newest
 * timestamp read, and the insertIds read at exactly that timestamp) up to now, so consecutive polls
 * neither skip nor repeat an entry. The store lives in memory: after a restart the cursor starts
 * again at the start of the retention window, and the window is read back. Cloud Logging being away
 * is logged once, and what is stored keeps answering.
 */
public final class KnowledgeRoutine implements Scheduler.Routine {
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeRoutine.class);

  /** Entries read in one go; a backfill reads batch after batch until it has caught up. */
  static final int BATCH = 5_000;

  private final KnowledgeBase knowledge;
  private final LogFeed logs;
  private final Supplier<List<String>> services;
  private final Duration retention;
  private final Map<String, Cursor> cursors = new HashMap<>();
  private volatile Optional<String> unavailable = Optional.empty();

  private record Cursor(Instant at, Set<String> idsAt) {}

  public KnowledgeRoutine(
      KnowledgeBase knowledge, LogFeed logs, Supplier<List<String>> services, Duration retention) {
    this.knowledge = knowledge;
    this.logs = logs;
    this.services = services;
    this.retention = retention;
  }

  /** Why the knowledge base is behind, if Cloud Logging could not be read on the last tick. */
  public Optional<String> unavailable() {
    return unavailable;
  }

  @Override
  public void run(Instant now) {
    Optional<String> failure = Optional.empty();
    for (String service : services.get()) {
      try {
        read(service, now);
      } catch (HealthSource.SourceUnavailableException e) {
        failure = Optional.of(e.getMessage());
      }
    }
    if (failure.isPresent() && unavailable.isEmpty()) {
      LOG.warn("knowledge: {}; /ask answers from what is stored until it is back", failure.get());
    } else if (failure.isEmpty() && unavailable.isPresent()) {
      LOG.info("knowledge: Cloud Logging answers again; catching up");
    }
    unavailable = failure;
  }

  /** Reads the service up to {@code now}, a batch at a time, until it has caught up. */
  private void read(String service, Instant now) {
    Cursor c = cursors.getOrDefault(service, new Cursor(now.minus(retention), Set.of()));
    int ingested = 0;
    while (true) {
      Instant at = c.at();
      Set<String> idsAt = new HashSet<>(c.idsAt());
      var batch = logs.between(service, c.at(), now, BATCH + c.idsAt().size());
      for (var e : batch) {
        if (e.time().equals(c.at()) && c.idsAt().contains(e.id())) {
          continue; // read by the batch before
        }
        knowledge.ingest(e);
        ingested++;
        if (e.time().isAfter(at)) {
          at = e.time();
          idsAt.clear();
        }
        idsAt.add(e.id());
      }
      Cursor next = new Cursor(at, Set.copyOf(idsAt));
      cursors.put(service, next);
      if (batch.size() < BATCH + c.idsAt().size() || next.equals(c)) {
        break; // caught up (or a whole batch shared one timestamp already read)
      }
      c = next;
    }
    if (ingested > 0) {
      LOG.debug("knowledge: {} entries of {}", ingested, service);
    }
  }
}
