package dev.lookout.scheduler;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.AlertEvent;
import dev.lookout.alerts.AlertLifecycle;
import dev.lookout.alerts.AlertPost;
import dev.lookout.alerts.AlertRule;
import dev.lookout.alerts.LogPatternRule;
import dev.lookout.alerts.Notification;
import dev.lookout.alerts.NotificationPipeline;
import dev.lookout.alerts.Observation;
import dev.lookout.alerts.ObservationSource;
import dev.lookout.alerts.Reading;
import dev.lookout.alerts.RuleMemory;
import dev.lookout.alerts.Silence;
import dev.lookout.alerts.Subscription;
import dev.lookout.alerts.ThresholdRule;
import dev.lookout.health.HealthSource;
import dev.lookout.health.ServiceHealth;
import dev.lookout.store.AlertLedger;
import dev.lookout.store.AlertStore;
import dev.lookout.store.SilenceStore;
import dev.lookout.store.SubscriptionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One alerting tick for one service: observe it, run every rule through the alert life cycle, pass
 * the events through the notification pipeline, and commit the new states together with the outbox
 * rows for every subscribed channel that wants them.
 */
public final class AlertRoutine {
  private static final Logger LOG = LoggerFactory.getLogger(AlertRoutine.class);

  private final ObservationSource observations;
  private final Function<String, List<AlertRule>> rulesOf;
  private final NotificationPipeline pipeline;
  private final AlertStore alerts;
  private final SilenceStore silences;
  private final SubscriptionStore subscriptions;
  private final AlertLedger ledger;
  private final dev.lookout.store.DigestStore digests;
  private final Map<String, RuleMemory> memories = new ConcurrentHashMap<>();

  public AlertRoutine(
      ObservationSource observations,
      Function<String, List<AlertRule>> rulesOf,
      NotificationPipeline pipeline,
      AlertStore alerts,
      SilenceStore silences,
      SubscriptionStore subscriptions,
      AlertLedger ledger,
      dev.lookout.store.DigestStore digests) {
    this.observations = observations;
    this.rulesOf = rulesOf;
    this.pipeline = pipeline;
    this.alerts = alerts;
    this.silences = silences;
    this.subscriptions = subscriptions;
    this.ledger = ledger;
    this.digests = digests;
  }

  /**
   * Runs one tick for {@code service}.
   *
   * @throws HealthSource.SourceUnavailableException when Google cannot be reached; nothing changes
   *     then
   */
  public void tick(String service, Instant now) {
    List<AlertRule> rules = rulesOf.apply(service);
    List<LogPatternRule> patterns = new ArrayList<>();
    for (AlertRule r : rules) {
      if (r instanceof LogPatternRule p) {
        patterns.add(p);
      }
    }
    Observation observation = observations.observe(service, patterns);
    Map<String, Alert> previous = alerts.ofService(service);

    List<Alert> changed = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    List<AlertEvent> events = new ArrayList<>();
    List<Alert> firing = new ArrayList<>();
    for (AlertRule rule : rules) {
      RuleMemory memory =
          memories.computeIfAbsent(service + "/" + rule.id(), k -> new RuleMemory(60));
      Reading reading = rule.read(observation, memory);
      Optional<Alert> before = Optional.ofNullable(previous.get(rule.id()));
      AlertLifecycle.Step step = AlertLifecycle.step(service, rule, before, reading, now);
      if (step.alert().isPresent()) {
        Alert after = step.alert().get();
        if (!after.equals(before.orElse(null))) {
          changed.add(after);
        }
        if (after.status() == dev.lookout.alerts.AlertStatus.FIRING) {
          firing.add(after);
        }
      } else if (before.isPresent()
          && before.get().status() == dev.lookout.alerts.AlertStatus.PENDING) {
        dropped.add(rule.id());
      }
      step.event().ifPresent(events::add);
    }

    // An alert that fired while silenced was never told; once nothing silences it, it is.
    for (Alert a : firing) {
      boolean inEvents = events.stream().anyMatch(e -> e.alert().incident().equals(a.incident()));
      if (!inEvents && alerts.notified(a.incident()).isEmpty()) {
        events.add(new AlertEvent(AlertEvent.Kind.FIRED, a));
      }
    }
    List<Silence> active = silences.active(now);
    List<Notification> notifications = pipeline.run(events, firing, active, alerts::notified, now);
    List<Alert> told = new ArrayList<>();
    List<AlertLedger.Delivery> deliveries = new ArrayList<>();
    List<dev.lookout.reports.HeldAlert> held = new ArrayList<>();
    java.util.Set<String> quiet = new java.util.HashSet<>();
    if (!notifications.isEmpty()) {
      for (dev.lookout.reports.QuietHours q : digests.quietHours()) {
        if (q.isQuietAt(now)) {
          quiet.add(q.channelId());
        }
      }
    }
    for (Notification n : notifications) {
      n.events().forEach(e -> told.add(e.alert()));
      deliveries.addAll(route(n, observation.health(), rules, quiet, held, now));
    }
    ledger.commit(service, changed, dropped, told, deliveries, held, now);
    if (!deliveries.isEmpty()) {
      LOG.info(
          "{}: {} alert event(s), {} message(s) queued", service, events.size(), deliveries.size());
    }
  }

  /** The send stage's routing: each subscribed channel gets what it asked for. */
  private List<AlertLedger.Delivery> route(
      Notification n,
      ServiceHealth health,
      List<AlertRule> rules,
      java.util.Set<String> quiet,
      List<dev.lookout.reports.HeldAlert> held,
      Instant now) {
    List<AlertLedger.Delivery> out = new ArrayList<>();
    for (Subscription s : subscriptions.all()) {
      List<AlertEvent> posts = new ArrayList<>();
      for (AlertEvent e : n.events()) {
        if (!s.wants(n.service(), e.alert().severity())) {
          continue;
        }
        if (quiet.contains(s.channelId())
            && e.alert().severity() == dev.lookout.alerts.AlertSeverity.WARN) {
          // Quiet hours: a warn waits for the summary posted when they end; a fatal goes through.
          Alert a = e.alert();
          held.add(
              new dev.lookout.reports.HeldAlert(
                  s.channelId(), a.incident(), a.service(), a.title(), e.kind().name(), now));
          continue;
        }
        if (e.kind() == AlertEvent.Kind.RESOLVED) {
          out.add(
              new AlertLedger.Delivery(
                  s.channelId(), new dev.lookout.outbox.OutboxMessage.AlertResolved(e)));
        } else {
          posts.add(e);
        }
      }
      if (!posts.isEmpty()) {
        Map<String, ServiceHealth.Points> charts = new LinkedHashMap<>();
        for (AlertEvent e : posts) {
          for (AlertRule r : rules) {
            if (r.id().equals(e.alert().ruleId()) && r instanceof ThresholdRule t) {
              charts.put(r.id(), series(health, t));
            }
          }
        }
        out.add(
            new AlertLedger.Delivery(
                s.channelId(),
                new dev.lookout.outbox.OutboxMessage.AlertPosted(
                    new AlertPost(n.with(posts), charts))));
      }
    }
    return out;
  }

  private static ServiceHealth.Points series(ServiceHealth h, ThresholdRule rule) {
    return switch (rule.figure()) {
      case CPU_P99 -> h.series().cpuP99();
      case MEMORY_P99 -> h.series().memoryP99();
      case LATENCY_P99 -> h.series().latencyP99();
      case QUEUE_DEPTH -> h.series().queueDepth();
      case INSTANCES -> h.series().instances();
      default -> ServiceHealth.Points.empty();
    };
  }
}
