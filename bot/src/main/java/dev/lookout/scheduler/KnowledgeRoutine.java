package dev.lookout.scheduler;

import dev.lookout.cloud.CloudRunLogs;
import dev.lookout.health.HealthSource;
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

  /** At most this many entries a service a tick, so a backfill does not hold up the tick. */
  static final int PER_TICK = 20_000;

  private final KnowledgeBase knowledge;
  private final CloudRunLogs logs;
  private final Supplier<List<String>> services;
  private final Duration retention;
  private final Map<String, Cursor> cursors = new HashMap<>();
  private volatile Optional<String> unavailable = Optional.empty();

  private record Cursor(Instant at, Set<String> idsAt) {}

  public KnowledgeRoutine(
      KnowledgeBase knowledge,
      CloudRunLogs logs,
      Supplier<List<String>> services,
      Duration retention) {
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

  private void read(String service, Instant now) {
    Cursor c = cursors.getOrDefault(service, new Cursor(now.minus(retention), Set.of()));
    Instant at = c.at();
    Set<String> idsAt = new HashSet<>(c.idsAt());
    int ingested = 0;
    for (var entry : logs.between(service, c.at(), now, PER_TICK + c.idsAt().size())) {
      var e = CloudRunLogs.toKnowledge(entry);
      if (e.time().equals(c.at()) && c.idsAt().contains(e.id())) {
        continue; // read on the last poll
      }
      knowledge.ingest(e);
      ingested++;
      if (e.time().isAfter(at)) {
        at = e.time();
        idsAt.clear();
      }
      idsAt.add(e.id());
    }
    cursors.put(service, new Cursor(at, Set.copyOf(idsAt)));
    if (ingested > 0) {
      LOG.debug("knowledge: {} entries of {} up to {}", ingested, service, at);
    }
  }
}
