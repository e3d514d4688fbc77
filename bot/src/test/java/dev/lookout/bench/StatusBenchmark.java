package dev.lookout.bench;

import dev.lookout.Lookout;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.demo.DemoWorld;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bot's figures: /status from the interaction being injected to the final card received, with 1
 * and with 20 concurrent users; heap and RSS after start; time from start to ready in demo mode.
 * Run with {@code ./lookout bench status}.
 */
public final class StatusBenchmark {
  private static final String[] SERVICES = {
    "consumer", "checkout-api", "auth-gateway", "image-resizer", "nightly-report"
  };

  public static void main(String[] args) throws Exception {
    long heapBefore = BenchmarkReport.usedHeapAfterGc();
    long t0 = System.nanoTime();
    // The demo's project at real speed, as in production: Monitoring's data changes once a minute.
    DemoWorld world =
        DemoWorld.start(SimulatorConfig.demo().withSpeed(1), DiscordConfig.defaults());
    long t1 = System.nanoTime();
    long heapWorld = BenchmarkReport.usedHeapAfterGc();
    BenchmarkReport report = new BenchmarkReport("Bot /status and start-up (issue 3)");
    try {
      for (boolean shared : new boolean[] {false, true}) {
        System.setProperty("lookout.bench.unshared", Boolean.toString(!shared));
        System.setProperty("lookout.bench.deferred", Boolean.toString(!shared));
        LookoutConfig config =
            world
                .configure(ConfigLoader.demoDefaults(Map.of()))
                .withDataDirectory(Files.createTempDirectory("lookout-bench"))
                .withHttpPort(0);
        long t2 = System.nanoTime();
        java.time.Instant started = world.clock().instant();
        Lookout bot = Lookout.start(config, world.clock());
        long t3 = System.nanoTime();
        long heapBot = BenchmarkReport.usedHeapAfterGc();
        long rss = rssBytes();
        String path =
            shared
                ? "shared reads, answered at once"
                : "every card reads afresh, deferred then edited (before)";
        try {
          // Warm: the first knowledge tick reads back the whole retention window of logs, which
          // takes half the machine for a while after a start; cards are timed once it is done.
          awaitLogsRead(bot, started);
          for (int i = 0; i < 10; i++) {
            status(world, "alice", SERVICES[i % SERVICES.length]);
          }
          long calls = googleCalls(bot);
          double[] single = new double[60];
          for (int i = 0; i < single.length; i++) {
            single[i] = status(world, "alice", SERVICES[i % SERVICES.length]);
          }
          double perCard = (googleCalls(bot) - calls) / (double) single.length;
          long cpu0 = cpuNanos();
          long wall0 = System.nanoTime();
          double[] concurrent = concurrent(world, 20, 10);
          double cpuPerCard = (cpuNanos() - cpu0) / 1e6 / concurrent.length;
          double wall = (System.nanoTime() - wall0) / 1e6;
          report.row(
              "/status, 1 user (p50 / p99): " + path,
              ms(BenchmarkReport.percentile(single, 50))
                  + " / "
                  + ms(BenchmarkReport.percentile(single, 99)),
              single.length
                  + " cards in a row over the 5 demo services, 1 h window, chart; timed once"
                  + " the start's read-back of the logs was done");
          report.row(
              "/status, 20 concurrent users (p50 / p99): " + path,
              ms(BenchmarkReport.percentile(concurrent, 50))
                  + " / "
                  + ms(BenchmarkReport.percentile(concurrent, 99)),
              concurrent.length
                  + " cards, 20 users each asking 10 times without pause, after them");
          report.row(
              "CPU per card, 20 concurrent users: " + path,
              String.format(Locale.ROOT, "%.1f ms", cpuPerCard),
              "the process's CPU time (bot, in-process simulated Discord and Google, the"
                  + " benchmark's users) over the 200 cards, which took "
                  + ms(wall)
                  + " on 2 cores");
          report.row(
              "Google reads per card, warm: " + path,
              String.format(Locale.ROOT, "%.1f", perCard),
              "calls to Run and Monitoring during the 60 cards in a row, divided by 60");
          if (!shared) {
            report.row(
                "start to ready, demo mode",
                ms((t1 - t0) / 1e6 + (t3 - t2) / 1e6),
                "simulator with 3 h of history and simulated Discord "
                    + ms((t1 - t0) / 1e6)
                    + ", then the bot (database, clients, JDA ready, commands registered) "
                    + ms((t3 - t2) / 1e6));
            report.row(
                "heap after start (used, after GC)",
                mib(heapBot - heapWorld)
                    + " bot / "
                    + mib(heapBot - heapBefore)
                    + " with the simulator",
                "the bot's share is the growth after the in-process simulator had started");
            report.row(
                "RSS after start",
                mib(rss),
                "whole demo process: bot, simulator, JDA, gRPC; default JVM flags plus -Xmx4g");
          }
        } finally {
          bot.close();
        }
      }
      report.publish();
    } finally {
      world.close();
    }
    System.exit(0);
  }

  private static void awaitLogsRead(Lookout bot, java.time.Instant since)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      java.time.Instant last = bot.features().knowledgeScheduler().lastTick();
      if (last != null && !last.isBefore(since)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the logs were not read back within 3 minutes");
  }

  /** Calls the bot has made to Google so far, from its {@code /metrics}. */
  private static long googleCalls(Lookout bot) throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + bot.httpPort() + "/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    long n = 0;
    for (String line : response.body().split("\n")) {
      if (line.startsWith("lookout_google_call_seconds_count")) {
        n += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return n;
  }

  private static double status(DemoWorld world, String user, String service) {
    long t = System.nanoTime();
    world
        .discord()
        .command(user, "ops", "status", Map.of("service", service), null)
        .awaitReply(Duration.ofSeconds(30));
    return (System.nanoTime() - t) / 1e6;
  }

  private static double[] concurrent(DemoWorld world, int users, int each) throws Exception {
    String[] names = {"alice", "bob", "carol", "dave"};
    List<Future<double[]>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(users)) {
      for (int u = 0; u < users; u++) {
        int user = u;
        futures.add(
            pool.submit(
                () -> {
                  double[] times = new double[each];
                  for (int i = 0; i < each; i++) {
                    times[i] =
                        status(
                            world,
                            names[user % names.length],
                            SERVICES[(user + i) % SERVICES.length]);
                  }
                  return times;
                }));
      }
      double[] all = new double[users * each];
      int k = 0;
      for (Future<double[]> f : futures) {
        for (double v : f.get()) {
          all[k++] = v;
        }
      }
      return all;
    }
  }

  /** CPU time used by this process so far, all threads. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long rssBytes() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
      }
    }
    return -1;
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f ms" : "%.1f ms", v);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
  }
}
