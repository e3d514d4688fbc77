package dev.lookout.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A Cloud Run project in a box: its services, their logs and the virtual clock they share. The
 * simulator's Google APIs and load endpoints are views onto this object.
 */
public final class SimulatedProject {
  /** One tick of simulated time. */
  public static final Duration TICK = Duration.ofSeconds(1);

  private final String projectId;
  private final String region;
  private final VirtualClock clock;
  private final long seed;
  private final LogBook logs;
  private final SplittableRandom random;
  private final Map<String, ServiceModel> services = new LinkedHashMap<>();
  private final Map<String, Integer> revisionCounters = new LinkedHashMap<>();
  private final List<Consumer<Instant>> tickListeners = new CopyOnWriteArrayList<>();
  private final Object stepLock = new Object();

  public SimulatedProject(
      String projectId,
      String region,
      VirtualClock clock,
      long seed,
      List<ServiceProfile> profiles,
      Duration retention,
      int logEntriesPerService) {
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException("a project needs at least one service");
    }
    this.projectId = projectId;
    this.region = region;
    this.clock = clock;
    this.seed = seed;
    this.logs = new LogBook(logEntriesPerService * Math.max(1, profiles.size()));
    this.random = new SplittableRandom(seed);
    for (ServiceProfile profile : profiles) {
      if (services.containsKey(profile.name())) {
        throw new IllegalArgumentException("service '" + profile.name() + "' is listed twice");
      }
      services.put(
          profile.name(),
          new ServiceModel(
              profile, nextRevisionName(profile.name()), clock, seed, logs, retention));
    }
  }

  public String projectId() {
    return projectId;
  }

  public String region() {
    return region;
  }

  public VirtualClock clock() {
    return clock;
  }

  public long seed() {
    return seed;
  }

  public LogBook logs() {
    return logs;
  }

  public List<ServiceModel> services() {
    return List.copyOf(services.values());
  }

  public Optional<ServiceModel> service(String name) {
    return Optional.ofNullable(services.get(name));
  }

  /** Runs {@code listener} after every tick, with the tick's end instant. */
  public void onTick(Consumer<Instant> listener) {
    tickListeners.add(listener);
  }

  /** Advances simulated time by whole ticks, stepping every service at each. */
  public void advance(Duration duration) {
    long ticks = duration.toMillis() / TICK.toMillis();
    synchronized (stepLock) {
      for (long i = 0; i < ticks; i++) {
        clock.advance(TICK);
        for (ServiceModel service : services.values()) {
          service.step(TICK);
        }
        Instant now = clock.instant();
        for (Consumer<Instant> listener : tickListeners) {
          listener.accept(now);
        }
      }
    }
  }

  /**
   * Runs {@code hours} of archive from the clock's current (whole-hour) instant: in each hour one
   * minute is simulated and kept as that hour's sample, with counts and times sixty-fold. Months of
   * metrics cost seconds; the instances, queues and logs of the skipped minutes are not modelled.
   */
  public void archive(long hours) {
    synchronized (stepLock) {
      Instant hour = clock.instant();
      for (long i = 0; i < hours; i++) {
        clock.jumpTo(hour);
        for (int t = 0; t < 60; t++) {
          clock.advance(TICK);
          for (ServiceModel service : services.values()) {
            service.step(TICK);
          }
        }
        Instant next = hour.plus(Duration.ofHours(1));
        for (ServiceModel service : services.values()) {
          service.archiveMinute(hour, next);
        }
        hour = next;
      }
      clock.jumpTo(hour);
    }
  }

  /** A Cloud Run style revision name such as {@code consumer-00004-kaz}. */
  public synchronized String nextRevisionName(String service) {
    int n = revisionCounters.merge(service, 1, Integer::sum);
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      suffix.append((char) ('a' + random.nextInt(26)));
    }
    return String.format("%s-%05d-%s", service, n, suffix);
  }

  /** A random id for things such as operations, from the project's seeded source. */
  public synchronized String randomId() {
    return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** The default world: services of different shapes, one of them the LLM consumer. */
  public static List<ServiceProfile> defaultServices() {
    List<ServiceProfile> list = new ArrayList<>();
    list.add(ServiceProfile.llmConsumer("consumer", Scenario.DAILY_WAVE));
    list.add(ServiceProfile.webApi("checkout-api", Scenario.STEADY));
    list.add(ServiceProfile.webApi("auth-gateway", Scenario.SPIKE));
    list.add(ServiceProfile.worker("image-resizer", Scenario.MEMORY_LEAK));
    list.add(ServiceProfile.worker("nightly-report", Scenario.IDLE));
    return list;
  }
}
