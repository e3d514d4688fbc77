package dev.lookout.bench;

import dev.lookout.Lookout;
import dev.lookout.alerts.Alert;
import dev.lookout.alerts.AlertEvent;
import dev.lookout.alerts.AlertLifecycle;
import dev.lookout.alerts.AlertRule;
import dev.lookout.alerts.Notification;
import dev.lookout.alerts.NotificationPipeline;
import dev.lookout.alerts.Observation;
import dev.lookout.alerts.Reading;
import dev.lookout.alerts.RuleBook;
import dev.lookout.alerts.RuleMemory;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.demo.DemoWorld;
import dev.lookout.health.HealthLimits;
import dev.lookout.health.ServiceHealth;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Alerting's figures: rule evaluation per tick for 500 services with 10 rules each, what grouping
 * saves in an alert storm, and how fast the outbox drains into Discord. Run with {@code ./lookout
 * bench alert}.
 */
public final class AlertBenchmark {
  public static void main(String[] args) throws Exception {
    BenchmarkReport report = new BenchmarkReport("Alerts (issue 4)");
    evaluation(report);
    storm(report);
    drain(report);
    report.publish();
    System.exit(0);
  }

  private static Observation observation(
      String service, Instant at, SplittableRandom random, double cpu) {
    ServiceHealth.Points none = ServiceHealth.Points.empty();
    ServiceHealth h =
        new ServiceHealth(
            service,
            service + "-00001-abc",
            OptionalDouble.of(cpu),
            OptionalDouble.of(cpu / 2),
            OptionalDouble.of(0.3 + random.nextDouble() * 0.2),
            3,
            1,
            1,
            10,
            OptionalDouble.of(20 + random.nextDouble() * 5),
            OptionalDouble.of(0.001),
            OptionalDouble.of(80),
            OptionalDouble.of(200),
            OptionalDouble.of(400 + random.nextDouble() * 100),
            OptionalDouble.of(random.nextInt(20)),
            at,
            new ServiceHealth.Series(none, none, none, none, none));
    return new Observation(service, at, h, random.nextInt(5), Map.of("oom", 0, "crash_loop", 0));
  }

  /** The pure core: readings, life cycle and pipeline, no I/O. */
  private static void evaluation(BenchmarkReport report) {
    int services = 500;
    List<AlertRule> rules = RuleBook.defaults().rules(HealthLimits.defaults());
    NotificationPipeline pipeline = new NotificationPipeline(Duration.ofHours(1));
    Map<String, Alert> state = new HashMap<>();
    Map<String, RuleMemory> memory = new HashMap<>();
    SplittableRandom random = new SplittableRandom(1);
    Instant t = Instant.parse("2026-11-22T00:00:00Z");
    int ticks = 120;
    double[] millis = new double[ticks];
    for (int tick = 0; tick < ticks; tick++) {
      Instant now = t.plusSeconds(60L * tick);
      long start = System.nanoTime();
      List<AlertEvent> events = new ArrayList<>();
      List<Alert> firing = new ArrayList<>();
      for (int s = 0; s < services; s++) {
        String service = "svc-" + s;
        // A tenth of the services run hot for a while, so alerts fire and resolve.
        double cpu = (s % 10 == 0 && tick % 40 < 20) ? 0.97 : 0.3 + random.nextDouble() * 0.2;
        Observation o = observation(service, now, random, cpu);
        for (AlertRule rule : rules) {
          String key = service + "/" + rule.id();
          Reading r = rule.read(o, memory.computeIfAbsent(key, k -> new RuleMemory(60)));
          AlertLifecycle.Step step =
              AlertLifecycle.step(service, rule, Optional.ofNullable(state.get(key)), r, now);
          step.alert().ifPresentOrElse(a -> state.put(key, a), () -> state.remove(key));
          step.event().ifPresent(events::add);
          step.alert()
              .filter(a -> a.status() == dev.lookout.alerts.AlertStatus.FIRING)
              .ifPresent(firing::add);
        }
      }
      pipeline.run(events, firing, List.of(), k -> Optional.empty(), now);
      millis[tick] = (System.nanoTime() - start) / 1e6;
    }
    double[] warm = java.util.Arrays.copyOfRange(millis, 20, ticks);
    report.row(
        "rule evaluation per tick, 500 services × " + rules.size() + " rules (p50 / p99)",
        ms(BenchmarkReport.percentile(warm, 50)) + " / " + ms(BenchmarkReport.percentile(warm, 99)),
        "readings, life cycle and the notification pipeline in memory, 100 warm ticks; the Google"
            + " reads and the H2 commit of a real tick are not included");
  }

  /** 200 services breach three rules at once: alerts against messages after grouping. */
  private static void storm(BenchmarkReport report) {
    NotificationPipeline pipeline = new NotificationPipeline(Duration.ofHours(1));
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    List<AlertEvent> events = new ArrayList<>();
    for (int s = 0; s < 200; s++) {
      for (String rule : List.of("cpu", "memory", "latency_p99")) {
        events.add(
            new AlertEvent(
                AlertEvent.Kind.FIRED,
                new Alert(
                    "svc-" + s,
                    rule,
                    rule + " high",
                    dev.lookout.alerts.AlertStatus.FIRING,
                    dev.lookout.alerts.AlertSeverity.FATAL,
                    now,
                    now,
                    now,
                    null,
                    1,
                    0.9,
                    "detail",
                    "runbook",
                    null,
                    now)));
      }
    }
    List<Notification> messages =
        pipeline.run(events, List.of(), List.of(), k -> Optional.empty(), now);
    report.row(
        "alert storm: 200 services breaching 3 rules at once",
        events.size() + " alerts → " + messages.size() + " messages per subscribed channel",
        "grouping posts one message per service per tick; without it there would be "
            + events.size());
  }

  /** Notices drained through JDA into the simulated Discord. */
  private static void drain(BenchmarkReport report) throws Exception {
    DemoWorld world =
        DemoWorld.start(
            SimulatorConfig.defaults().withHistory(Duration.ofMinutes(30)),
            DiscordConfig.defaults());
    LookoutConfig config =
        world
            .configure(ConfigLoader.demoDefaults(Map.of()))
            .withDataDirectory(Files.createTempDirectory("lookout-bench"))
            .withHttpPort(0);
    Lookout bot = Lookout.start(config, world.clock());
    try {
      String channel = Long.toString(world.discord().channel("alerts").id());
      int n = 300;
      var outbox = bot.features().outbox();
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        outbox.enqueue(
            channel,
            new dev.lookout.outbox.OutboxMessage.Notice("drill notice " + i),
            world.clock().instant());
      }
      while (outbox.backlog() > 0) {
        Thread.sleep(5);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      report.row(
          "outbox drain rate",
          String.format(Locale.ROOT, "%.0f messages/s", n / seconds),
          n
              + " notices enqueued at once into one channel, posted through JDA to the simulated Discord"
              + " and recorded as delivered (one H2 transaction each)");
    } finally {
      bot.close();
      world.close();
    }
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f ms" : "%.2f ms", v);
  }
}
