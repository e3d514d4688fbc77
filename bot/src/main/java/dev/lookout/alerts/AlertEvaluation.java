package dev.lookout.alerts;

import dev.lookout.health.HealthSource;
import dev.lookout.health.ServiceHealth;
import dev.lookout.reports.HeldAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One alerting tick for one service: observe it, run every rule through the alert life cycle, pass
 * the events through the notification pipeline, route them to the subscribed channels that want
 * them, and commit the new states together with those deliveries.
 */
public final class AlertEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluation.class);

  private final ObservationSource observations;
  private final Function<String, List<AlertRule>> rulesOf;
  private final NotificationPipeline pipeline;
  private final AlertBook alerts;
  private final Silences silences;
  private final Audience audience;
  private final Map<String, RuleMemory> memories = new ConcurrentHashMap<>();

  public AlertEvaluation(
      ObservationSource observations,
      Function<String, List<AlertRule>> rulesOf,
      NotificationPipeline pipeline,
      AlertBook alerts,
      Silences silences,
      Audience audience) {
    this.observations = observations;
    this.rulesOf = rulesOf;
    this.pipeline = pipeline;
    this.alerts = alerts;
    this.silences = silences;
    this.audience = audience;
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
        if (after.status() == AlertStatus.FIRING) {
          firing.add(after);
        }
      } else if (before.isPresent() && before.get().status() == AlertStatus.PENDING) {
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
    List<Notification> notifications =
        pipeline.run(events, firing, active, alerts::notified, alerts::firings, now);
    List<AlertEvent> told = new ArrayList<>();
    List<AlertTick.Delivery> deliveries = new ArrayList<>();
    List<HeldAlert> held = new ArrayList<>();
    Set<String> quiet = notifications.isEmpty() ? Set.of() : audience.quietAt(now);
    for (Notification n : notifications) {
      told.addAll(n.events());
      deliveries.addAll(route(n, observation.health(), rules, quiet, held, now));
    }
    alerts.commit(new AlertTick(service, changed, dropped, told, deliveries, held, now));
    if (!deliveries.isEmpty()) {
      LOG.info(
          "{}: {} alert event(s), {} message(s) queued", service, events.size(), deliveries.size());
    }
  }

  /**
   * The send stage's routing: each subscribed channel gets what it asked for, and the channels an
   * intake source names get every alert of that source.
   */
  private List<AlertTick.Delivery> route(
      Notification n,
      ServiceHealth health,
      List<AlertRule> rules,
      Set<String> quiet,
      List<HeldAlert> held,
      Instant now) {
    Map<String, List<AlertEvent>> byChannel = new LinkedHashMap<>();
    for (AlertEvent e : n.events()) {
      for (String channel : channels(n.service(), e, rules)) {
        byChannel.computeIfAbsent(channel, c -> new ArrayList<>()).add(e);
      }
    }
    List<AlertTick.Delivery> out = new ArrayList<>();
    byChannel.forEach(
        (channel, events) -> {
          List<AlertEvent> posts = new ArrayList<>();
          for (AlertEvent e : events) {
            if (quiet.contains(channel) && e.alert().severity() == AlertSeverity.WARN) {
              // Quiet hours: a warn waits for the summary posted when they end; a fatal goes
              // through.
              Alert a = e.alert();
              held.add(
                  new HeldAlert(channel, a.incident(), a.service(), a.title(), heldAs(e), now));
              continue;
            }
            if (e.kind() == AlertEvent.Kind.FLAPPING) {
              // Each flapping incident has its own card, edited in place.
              out.add(
                  new AlertTick.Flap(
                      channel, new AlertPost(n.with(List.of(e)), charts(health, rules, e))));
            } else if (e.kind() == AlertEvent.Kind.RESOLVED) {
              out.add(new AlertTick.Resolution(channel, e));
            } else {
              posts.add(e);
            }
          }
          if (!posts.isEmpty()) {
            Map<String, ServiceHealth.Points> charts = new LinkedHashMap<>();
            for (AlertEvent e : posts) {
              charts.putAll(charts(health, rules, e));
            }
            out.add(new AlertTick.Post(channel, new AlertPost(n.with(posts), charts)));
          }
        });
    return out;
  }

  /** Where an event goes: its intake source's channels if it names any, else the subscribers. */
  private List<String> channels(String service, AlertEvent e, List<AlertRule> rules) {
    for (AlertRule r : rules) {
      if (r.id().equals(e.alert().ruleId()) && r instanceof ExternalRule x) {
        List<String> fixed = audience.sourceChannels(x.alert().source());
        if (!fixed.isEmpty()) {
          return fixed;
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (Subscription s : audience.subscriptions()) {
      if (s.wants(service, e.alert().severity())) {
        out.add(s.channelId());
      }
    }
    return out;
  }

  /** What a held event says happened: a flapping alert fired or resolved like any other. */
  private static String heldAs(AlertEvent e) {
    if (e.kind() != AlertEvent.Kind.FLAPPING) {
      return e.kind().name();
    }
    return (e.alert().status() == AlertStatus.RESOLVED
            ? AlertEvent.Kind.RESOLVED
            : AlertEvent.Kind.FIRED)
        .name();
  }

  /** The recent values of an alert's figure, for its chart, when its rule has one. */
  private static Map<String, ServiceHealth.Points> charts(
      ServiceHealth health, List<AlertRule> rules, AlertEvent e) {
    for (AlertRule r : rules) {
      if (r.id().equals(e.alert().ruleId()) && r instanceof ThresholdRule t) {
        return Map.of(r.id(), series(health, t));
      }
    }
    return Map.of();
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
