package dev.lookout.alerts;

import dev.lookout.health.HealthSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory fakes of the alerting ports, for unit tests of evaluation without a database. */
final class AlertFakes {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  /** CPU p99 warns at 80% and is fatal at 95% at once, and clears below 70%. */
  static final ThresholdRule CPU =
      new ThresholdRule(
          dev.lookout.health.Figure.CPU_P99,
          0.80,
          0.95,
          java.time.Duration.ZERO,
          java.time.Duration.ZERO,
          0.70,
          "Scale out.");

  private AlertFakes() {}

  /**
   * Evaluation of {@link #CPU} over the fakes, with reminders every 4 h and the default flap
   * handling (3 firings in 30 min).
   */
  static AlertEvaluation evaluation(
      Readings readings, Book book, SilenceList silences, Channels channels) {
    return new AlertEvaluation(
        readings,
        service -> List.of(CPU),
        new NotificationPipeline(java.time.Duration.ofHours(4), Flapping.defaults()),
        book,
        silences,
        channels);
  }

  /** Keeps alerts and what was told, committing a tick as the store does. */
  static final class Book implements AlertBook {
    final Map<String, Map<String, Alert>> byService = new HashMap<>();
    final Map<String, NotificationPipeline.Notified> notified = new HashMap<>();
    final List<AlertTick> commits = new ArrayList<>();

    @Override
    public Map<String, Alert> ofService(String service) {
      return Map.copyOf(byService.getOrDefault(service, Map.of()));
    }

    @Override
    public Optional<NotificationPipeline.Notified> notified(String incident) {
      return Optional.ofNullable(notified.get(incident));
    }

    @Override
    public List<Alert> firing() {
      return byService.values().stream()
          .flatMap(m -> m.values().stream())
          .filter(a -> a.status() == AlertStatus.FIRING)
          .toList();
    }

    /** Each incident's firings, as the alert history keeps them. */
    final Map<String, java.util.NavigableSet<Instant>> fired = new HashMap<>();

    @Override
    public List<Instant> firings(String incident, Instant from, Instant before) {
      var all = fired.get(incident);
      return all == null ? List.of() : List.copyOf(all.subSet(from, true, before, false));
    }

    @Override
    public void commit(AlertTick tick) {
      commits.add(tick);
      Map<String, Alert> rules = byService.computeIfAbsent(tick.service(), s -> new HashMap<>());
      for (Alert a : tick.changed()) {
        rules.put(a.ruleId(), a);
        if (a.firingSince() != null) {
          fired.computeIfAbsent(a.incident(), k -> new java.util.TreeSet<>()).add(a.firingSince());
        }
      }
      for (String rule : tick.dropped()) {
        if (rules.get(rule) instanceof Alert a && a.status() == AlertStatus.PENDING) {
          rules.remove(rule);
        }
      }
      for (AlertEvent e : tick.told()) {
        Alert a = e.alert();
        notified.put(
            a.incident(),
            new NotificationPipeline.Notified(a.severity(), a.status(), tick.at(), e.spell()));
      }
    }

    AlertTick last() {
      return commits.getLast();
    }
  }

  static final class SilenceList implements Silences {
    final List<Silence> all = new ArrayList<>();
    final Set<Long> noticed = new HashSet<>();

    @Override
    public List<Silence> active(Instant now) {
      return all.stream().filter(s -> s.expiresAt().isAfter(now)).toList();
    }

    @Override
    public List<Silence> takeExpired(Instant now) {
      List<Silence> out = new ArrayList<>();
      for (Silence s : all) {
        if (!s.expiresAt().isAfter(now) && noticed.add(s.id())) {
          out.add(s);
        }
      }
      return out;
    }
  }

  static final class Channels implements Audience {
    final List<Subscription> subscriptions = new ArrayList<>();
    final Set<String> quiet = new HashSet<>();

    @Override
    public List<Subscription> subscriptions() {
      return List.copyOf(subscriptions);
    }

    @Override
    public Set<String> quietAt(Instant now) {
      return Set.copyOf(quiet);
    }
  }

  /** Notices told, in order, as "channel: notice". */
  static final class Told implements AlertNotices {
    final List<String> lines = new ArrayList<>();

    @Override
    public void tell(String channelId, AlertNotice notice, Instant now) {
      lines.add(channelId + ": " + notice.getClass().getSimpleName());
    }
  }

  /** Observations set per service; a service set to unavailable throws as Google's outage does. */
  static final class Readings implements ObservationSource {
    final Map<String, Double> cpu = new LinkedHashMap<>();
    final Set<String> unavailable = new HashSet<>();
    Instant at = Instant.EPOCH;

    @Override
    public Observation observe(String service, List<LogPatternRule> patterns) {
      if (unavailable.contains(service)) {
        throw new HealthSource.SourceUnavailableException("Cloud Monitoring: UNAVAILABLE", null);
      }
      return RuleFixtures.observation(service, at, cpu.getOrDefault(service, 0.1));
    }
  }

  static Subscription subscription(String channel, AlertSeverity min, String... services) {
    return new Subscription(channel, "guild", min, Set.of(services), "alice", Instant.EPOCH, null);
  }
}
