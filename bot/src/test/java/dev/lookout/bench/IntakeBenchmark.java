package dev.lookout.bench;

import dev.lookout.Lookout;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.demo.DemoWorld;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The intake's figures: webhook latency (request sent to answer received, the delivery recorded on
 * disk) for one sender and for 8 senders at once, Alertmanager groups of 10 alerts, and a
 * redelivery of what was already recorded (HA duplicates), against the demo bot on embedded H2. Run
 * with {@code ./lookout bench intake}.
 */
public final class IntakeBenchmark {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    DemoWorld world =
        DemoWorld.start(
            SimulatorConfig.demo().withSpeed(1).withHistory(Duration.ofMinutes(30)),
            DiscordConfig.defaults());
    LookoutConfig config =
        world
            .configure(ConfigLoader.demoDefaults(Map.of()))
            .withDataDirectory(Files.createTempDirectory("lookout-bench-intake"))
            .withHttpPort(0);
    BenchmarkReport report = new BenchmarkReport("Alert intake (issue 17)");
    try (Lookout bot = Lookout.start(config, world.clock())) {
      String url = "http://127.0.0.1:" + bot.httpPort() + "/intake/";
      String auth = "Bearer " + config.intake().get(0).token();
      for (int i = 0; i < 200; i++) {
        post(url + "alertmanager", auth, group("warm-" + i, 1)); // warm the JIT and the pool
      }
      int n = 1000;
      double[] one = new double[n];
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        one[i] = post(url + "cloud-monitoring", auth, incident("one-" + i));
      }
      double oneRate = n / ((System.nanoTime() - t0) / 1e9);
      report.row(
          "Cloud Monitoring incident, 1 sender (p50 / p99)",
          ms(BenchmarkReport.percentile(one, 50)) + " / " + ms(BenchmarkReport.percentile(one, 99)),
          String.format(
              Locale.ROOT,
              "%d incidents one after another, each answered 200 once recorded; %.0f payloads/s",
              n,
              oneRate));

      int senders = 8;
      int each = 250;
      ExecutorService pool = Executors.newFixedThreadPool(senders);
      List<Future<double[]>> futures = new ArrayList<>();
      long t1 = System.nanoTime();
      for (int s = 0; s < senders; s++) {
        int sender = s;
        futures.add(
            pool.submit(
                () -> {
                  double[] out = new double[each];
                  for (int i = 0; i < each; i++) {
                    out[i] = post(url + "alertmanager", auth, group("s" + sender + "-" + i, 10));
                  }
                  return out;
                }));
      }
      List<Double> all = new ArrayList<>();
      for (Future<double[]> f : futures) {
        for (double v : f.get()) {
          all.add(v);
        }
      }
      double seconds = (System.nanoTime() - t1) / 1e9;
      pool.shutdown();
      double[] many = all.stream().mapToDouble(Double::doubleValue).toArray();
      report.row(
          "Alertmanager groups of 10, 8 senders at once (p50 / p99)",
          ms(BenchmarkReport.percentile(many, 50))
              + " / "
              + ms(BenchmarkReport.percentile(many, 99)),
          String.format(
              Locale.ROOT,
              "%d groups, %.0f groups/s, %.0f alerts recorded/s",
              senders * each,
              senders * each / seconds,
              senders * each * 10 / seconds));

      double[] again = new double[n];
      for (int i = 0; i < n; i++) {
        again[i] = post(url + "cloud-monitoring", auth, incident("one-" + i));
      }
      report.row(
          "redelivery of a recorded incident (p50 / p99)",
          ms(BenchmarkReport.percentile(again, 50))
              + " / "
              + ms(BenchmarkReport.percentile(again, 99)),
          n + " duplicates of the incidents above: found by key, nothing written but the lookup");
    } finally {
      world.close();
    }
    toCards(report);
    report.publish();
    System.exit(0);
  }

  /**
   * Payloads to cards: Alertmanager groups for services only other systems alert on, sent as fast
   * as one sender can, until every alert is on a card in the subscribed channel, with the alert
   * routine ticking every 10 s (the shortest interval allowed).
   */
  private static void toCards(BenchmarkReport report) throws Exception {
    DemoWorld world =
        DemoWorld.start(
            SimulatorConfig.demo().withSpeed(1).withHistory(Duration.ofMinutes(30)),
            DiscordConfig.defaults());
    LookoutConfig config =
        world
            .configure(ConfigLoader.demoDefaults(Map.of()))
            .withDataDirectory(Files.createTempDirectory("lookout-bench-intake-cards"))
            .withHttpPort(0);
    config =
        config.withAlerting(
            new LookoutConfig.Alerting(
                    Duration.ofSeconds(10),
                    config.alerting().repeat(),
                    config.alerting().fallbackChannel())
                .withEscalation(List.of()));
    try (Lookout bot = Lookout.start(config, world.clock())) {
      world
          .discord()
          .command("alice", "alerts", "subscribe", Map.of(), null)
          .awaitReply(Duration.ofSeconds(30));
      String url = "http://127.0.0.1:" + bot.httpPort() + "/intake/alertmanager";
      String auth = "Bearer " + config.intake().get(0).token();
      int groups = 100;
      int each = 10;
      long t0 = System.nanoTime();
      for (int g = 0; g < groups; g++) {
        post(url, auth, serviceGroup(g, each));
      }
      double sent = (System.nanoTime() - t0) / 1e9;
      int shown = 0;
      while (shown < groups * each && System.nanoTime() - t0 < Duration.ofMinutes(5).toNanos()) {
        Thread.sleep(50);
        shown =
            world.discord().messages("alerts").stream()
                .filter(m -> m.body().path("embeds").size() > 0)
                .filter(m -> m.body().toString().contains("CardBench"))
                .mapToInt(m -> m.body().path("embeds").get(0).path("fields").size())
                .sum();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long cards =
          world.discord().messages("alerts").stream()
              .filter(m -> m.body().toString().contains("CardBench"))
              .count();
      report.row(
          "payloads to cards posted: " + groups + " Alertmanager groups of " + each,
          String.format(
              Locale.ROOT,
              "%d alerts on %d cards in %.1f s (%.0f alerts/s)",
              shown,
              cards,
              seconds,
              shown / seconds),
          String.format(
              Locale.ROOT,
              "one sender, %d services only other systems alert on; sending took %.1f s, the rest"
                  + " is waiting for the next tick (every 10 s here, 60 s by default), the tick"
                  + " itself and posting to the simulated Discord; one card per service and tick",
              groups,
              sent));
    } finally {
      world.close();
    }
  }

  private static String serviceGroup(int g, int alerts) {
    StringBuilder b =
        new StringBuilder("{\"version\": \"4\", \"groupKey\": \"cards-" + g + "\", \"alerts\": [");
    for (int i = 0; i < alerts; i++) {
      b.append(i == 0 ? "" : ",")
          .append(
              """
              {"status": "firing", "labels": {"alertname": "CardBench%d", "job": "cards-%d"},
               "startsAt": "%s", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "c%d-%d"}"""
                  .formatted(i, g, Instant.now(), g, i));
    }
    return b.append("]}").toString();
  }

  private static double post(String url, String auth, String body) throws Exception {
    long t = System.nanoTime();
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
    return (System.nanoTime() - t) / 1e6;
  }

  private static String incident(String id) {
    return """
        {"version": "1.2", "incident": {"incident_id": "%s", "state": "open",
         "started_at": %d, "resource": {"type": "cloud_run_revision",
         "labels": {"service_name": "bench-%s"}}, "policy_name": "bench policy",
         "severity": "WARNING", "summary": "benchmark incident"}}"""
        .formatted(id, Instant.now().getEpochSecond(), id.hashCode() & 7);
  }

  private static String group(String id, int alerts) {
    StringBuilder b =
        new StringBuilder("{\"version\": \"4\", \"groupKey\": \"" + id + "\", \"alerts\": [");
    for (int i = 0; i < alerts; i++) {
      b.append(i == 0 ? "" : ",")
          .append(
              """
              {"status": "firing", "labels": {"alertname": "Bench%d", "job": "bench-%d"},
               "startsAt": "%s", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "%s-%d"}"""
                  .formatted(i, i % 8, Instant.now(), id, i));
    }
    return b.append("]}").toString();
  }

  private static String ms(double v) {
    return v >= 100
        ? String.format(Locale.ROOT, "%.0f ms", v)
        : String.format(Locale.ROOT, "%.1f ms", v);
  }
}
