package dev.lookout.bench;

import com.google.monitoring.v3.Aggregation;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import dev.lookout.cloud.GoogleClients;
import dev.lookout.simulator.Simulator;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.model.Scenario;
import dev.lookout.simulator.model.ServiceProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The simulator's figures: how fast it simulates 50 services, how fast it answers a day of
 * one-minute points through the official Monitoring client, and its heap. Run with {@code ./lookout
 * bench simulator}.
 */
public final class SimulatorBenchmark {
  private static final int SERVICES = 50;

  /** {@code n} services of every shape and scenario, named svc-00, svc-01, ... */
  static List<ServiceProfile> mixedServices(int n) {
    List<ServiceProfile> services = new ArrayList<>();
    Scenario[] scenarios = Scenario.values();
    for (int i = 0; i < n; i++) {
      Scenario scenario = scenarios[i % scenarios.length];
      String name = String.format("svc-%02d", i);
      services.add(
          switch (i % 3) {
            case 0 -> ServiceProfile.llmConsumer(name, scenario);
            case 1 -> ServiceProfile.webApi(name, scenario);
            default -> ServiceProfile.worker(name, scenario);
          });
    }
    return services;
  }

  public static void main(String[] args) throws Exception {
    List<ServiceProfile> services = mixedServices(SERVICES);
    SimulatorConfig config =
        SimulatorConfig.defaults().withServices(services).withHistory(Duration.ofHours(24));

    long heapBefore = BenchmarkReport.usedHeapAfterGc();
    long t0 = System.nanoTime();
    Simulator simulator = Simulator.start(config);
    double historySeconds = (System.nanoTime() - t0) / 1e9;
    double serviceMinutesPerSecond = SERVICES * 24 * 60 / historySeconds;

    // A further hour in steady state, after the JIT has warmed up.
    long t1 = System.nanoTime();
    simulator.advance(Duration.ofHours(1));
    double hourSeconds = (System.nanoTime() - t1) / 1e9;
    double steadyRate = SERVICES * 60 / hourSeconds;

    long heapAfter = BenchmarkReport.usedHeapAfterGc();

    Instant now = simulator.project().clock().instant();
    try (GoogleClients clients = GoogleClients.create(Optional.of(simulator.grpcEndpoint()))) {
      ListTimeSeriesRequest cpu =
          day(
              now,
              "run.googleapis.com/container/cpu/utilizations",
              Aggregation.Aligner.ALIGN_PERCENTILE_99);
      ListTimeSeriesRequest requests =
          day(now, "run.googleapis.com/request_count", Aggregation.Aligner.ALIGN_RATE);
      long[] points = new long[1];
      double[] cpuTimes = time(clients, cpu, 40, points);
      long cpuPoints = points[0];
      double[] rateTimes = time(clients, requests, 40, points);
      long ratePoints = points[0];

      BenchmarkReport report = new BenchmarkReport("Simulator (issue 2)");
      report.row(
          "simulated service-minutes per wall second, 50 services",
          format(serviceMinutesPerSecond),
          "24 h of history for 50 services simulated at start in " + format(historySeconds) + " s");
      report.row(
          "simulated service-minutes per wall second, 50 services, warm",
          format(steadyRate),
          "one more simulated hour after the history, in " + format(hourSeconds) + " s");
      report.row(
          "ListTimeSeries p50 / p99, 24 h of 1-min points, 50 services, CPU p99 aligner",
          format(BenchmarkReport.percentile(cpuTimes, 50))
              + " ms / "
              + format(BenchmarkReport.percentile(cpuTimes, 99))
              + " ms",
          cpuPoints + " points per answer, official MetricServiceClient over loopback, 40 runs");
      report.row(
          "ListTimeSeries p50 / p99, 24 h of 1-min points, 50 services, request rate",
          format(BenchmarkReport.percentile(rateTimes, 50))
              + " ms / "
              + format(BenchmarkReport.percentile(rateTimes, 99))
              + " ms",
          ratePoints + " points per answer (every series, all response codes), 40 runs");
      report.row(
          "simulator heap, 50 services with 25 h of metrics and logs",
          format((heapAfter - heapBefore) / (1024.0 * 1024)) + " MiB",
          "used heap after GC, minus the heap before the simulator started; "
              + simulator.project().logs().size()
              + " log entries kept");
      report.publish();
    } finally {
      simulator.close();
    }
  }

  private static ListTimeSeriesRequest day(
      Instant now, String metric, Aggregation.Aligner aligner) {
    return ListTimeSeriesRequest.newBuilder()
        .setName("projects/lookout-demo")
        .setFilter("metric.type = \"" + metric + "\"")
        .setInterval(
            TimeInterval.newBuilder()
                .setStartTime(Timestamps.fromMillis(now.minus(Duration.ofHours(24)).toEpochMilli()))
                .setEndTime(Timestamps.fromMillis(now.toEpochMilli())))
        .setAggregation(
            Aggregation.newBuilder()
                .setAlignmentPeriod(Durations.fromSeconds(60))
                .setPerSeriesAligner(aligner))
        .build();
  }

  private static double[] time(
      GoogleClients clients, ListTimeSeriesRequest request, int runs, long[] points) {
    for (int i = 0; i < 5; i++) {
      count(clients, request);
    }
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      points[0] = count(clients, request);
      millis[i] = (System.nanoTime() - t) / 1e6;
    }
    return millis;
  }

  private static long count(GoogleClients clients, ListTimeSeriesRequest request) {
    long n = 0;
    for (TimeSeries s : clients.metrics().listTimeSeries(request).iterateAll()) {
      n += s.getPointsCount();
    }
    return n;
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
  }
}
