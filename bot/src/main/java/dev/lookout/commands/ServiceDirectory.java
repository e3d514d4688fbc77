package dev.lookout.commands;

import dev.lookout.config.LookoutConfig;
import dev.lookout.health.HealthReports;
import dev.lookout.health.HealthSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services commands may name: the configured ones, or else every Cloud Run service in the
 * project, listed from Run and kept for a minute. Checking a name before an interaction is
 * acknowledged must cost no Google call, so {@link #cached()} never waits: a stale list is used
 * while a fresh one is fetched in the background.
 */
public final class ServiceDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceDirectory.class);
  private static final Duration FRESH = Duration.ofMinutes(1);

  private final LookoutConfig config;
  private final HealthReports reports;
  private final Clock clock;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile List<String> cached;
  private volatile Instant cachedAt = Instant.MIN;

  public ServiceDirectory(LookoutConfig config, HealthReports reports, Clock clock) {
    this.config = config;
    this.reports = reports;
    this.clock = clock;
  }

  /** The known services without waiting, if any list has been read yet. */
  public Optional<List<String>> cached() {
    if (!config.services().isEmpty()) {
      return Optional.of(configured());
    }
    if (cached == null || cachedAt.plus(FRESH).isBefore(clock.instant())) {
      refreshInBackground();
    }
    return Optional.ofNullable(cached);
  }

  /**
   * The known services, reading them from Run if no list is held yet.
   *
   * @throws HealthSource.SourceUnavailableException when Google cannot list them
   */
  public List<String> services() {
    if (!config.services().isEmpty()) {
      return configured();
    }
    if (cached == null || cachedAt.plus(FRESH).isBefore(clock.instant())) {
      try {
        refresh();
      } catch (HealthSource.SourceUnavailableException e) {
        if (cached == null) {
          throw e;
        }
      }
    }
    return cached;
  }

  private List<String> configured() {
    return config.services().stream().map(LookoutConfig.WatchedService::name).toList();
  }

  private void refresh() {
    List<String> fresh = List.copyOf(reports.services());
    cached = fresh;
    cachedAt = clock.instant();
  }

  private void refreshInBackground() {
    if (refreshing.compareAndSet(false, true)) {
      Thread.ofVirtual()
          .name("service-directory")
          .start(
              () -> {
                try {
                  refresh();
                } catch (RuntimeException e) {
                  LOG.warn("could not list Cloud Run services: {}", e.getMessage());
                } finally {
                  refreshing.set(false);
                }
              });
    }
  }

  /**
   * What to answer when {@code service} is not one of the known services, or empty when it is (or
   * the list is not known yet, in which case the lookup itself will say).
   */
  public Optional<String> unknown(String service) {
    Optional<List<String>> known = cached();
    if (known.isEmpty() || known.get().contains(service)) {
      return Optional.empty();
    }
    return Optional.of(
        "There is no service "
            + dev.lookout.knowledge.Inputs.echo(service)
            + ". Known services: "
            + String.join(", ", known.get())
            + ".");
  }

  /**
   * Up to 25 known services for what a member has typed so far, as Discord shows them while an
   * option is typed: names that start with it first, then names that contain it, ignoring case. It
   * never waits for Google: with no list read yet, it suggests nothing.
   */
  public List<String> suggest(String typed) {
    String t = typed == null ? "" : typed.strip().toLowerCase(java.util.Locale.ROOT);
    List<String> known = cached().orElse(List.of());
    List<String> out = new java.util.ArrayList<>();
    for (String s : known) {
      if (s.toLowerCase(java.util.Locale.ROOT).startsWith(t)) {
        out.add(s);
      }
    }
    for (String s : known) {
      String lower = s.toLowerCase(java.util.Locale.ROOT);
      if (!lower.startsWith(t) && lower.contains(t)) {
        out.add(s);
      }
    }
    return out.size() > 25 ? List.copyOf(out.subList(0, 25)) : out;
  }

  /** Reads the list once at start, so the first command has one. */
  public void warmUp() {
    if (config.services().isEmpty()) {
      refreshInBackground();
    }
  }
}
