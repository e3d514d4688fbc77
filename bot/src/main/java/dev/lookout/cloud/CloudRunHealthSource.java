package dev.lookout.cloud;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.run.v2.Service;
import com.google.monitoring.v3.Aggregation;
import com.google.monitoring.v3.Aggregation.Aligner;
import com.google.monitoring.v3.Aggregation.Reducer;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.monitoring.v3.TypedValue;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import dev.lookout.health.HealthSource;
import dev.lookout.health.ServiceHealth;
import dev.lookout.health.ServiceHealth.Points;
import dev.lookout.health.SharedReads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Reads a Cloud Run service's health from Cloud Monitoring (with the queries RECIPES.md lists) and
 * its scaling from the Run Admin API, through the official clients.
 */
public final class CloudRunHealthSource implements HealthSource {
  /** The custom metric a service with a queue writes its backlog to. */
  public static final String QUEUE_METRIC = "custom.googleapis.com/lookout/queue_depth";

  private static final String RUN = "run.googleapis.com/";
  private static final Duration CURRENT = Duration.ofMinutes(5);

  private final GoogleClients clients;
  private final String projectId;
  private final String region;
  private final Clock clock;
  private final SharedReads<ChartKey, Chart> charts;
  private final SharedReads<CurrentKey, Current> currents;
  private final SettledSeries settled;

  public CloudRunHealthSource(GoogleClients clients, String projectId, String region, Clock clock) {
    this(clients, projectId, region, clock, true);
  }

  /**
   * @param share whether reads of the same minute are shared (false: every card reads Monitoring
   *     afresh, the path before sharing, kept for the benchmark's comparison)
   */
  public CloudRunHealthSource(
      GoogleClients clients, String projectId, String region, Clock clock, boolean share) {
    this.charts = new SharedReads<>(share);
    this.currents = new SharedReads<>(share);
    this.settled = new SettledSeries(share);
    this.clients = clients;
    this.projectId = projectId;
    this.region = region;
    this.clock = clock;
  }

  private String parent() {
    return "projects/" + projectId + "/locations/" + region;
  }

  @Override
  public List<String> services() {
    try {
      List<String> names = new ArrayList<>();
      for (Service s : clients.services().listServices(parent()).iterateAll()) {
        names.add(s.getName().substring(s.getName().lastIndexOf('/') + 1));
      }
      return names;
    } catch (ApiException e) {
      throw unavailable(e);
    }
  }

  @Override
  public ServiceHealth read(String service, Duration window) {
    Instant now = clock.instant();
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    // Monitoring's data changes once a minute: reads of the same minute are shared, and the
    // figures of the last five minutes are shared by every window and by the alert tick. The
    // service, its chart and its figures are read at once, each query of them in parallel.
    charts.forget(k -> k.minute().isBefore(minute.minus(KEEP)));
    currents.forget(k -> k.minute().isBefore(minute.minus(KEEP)));
    Parallel.Task<Service> described =
        Parallel.start(() -> clients.services().getService(parent() + "/services/" + service));
    Parallel.Task<Chart> charted =
        Parallel.start(
            () ->
                charts.get(
                    new ChartKey(service, window, minute), () -> chart(service, window, now)));
    Parallel.Task<Current> measured =
        Parallel.start(
            () -> currents.get(new CurrentKey(service, minute), () -> current(service, now)));
    Service run;
    try {
      run = described.join();
    } catch (NotFoundException e) {
      throw new UnknownServiceException(service);
    } catch (ApiException e) {
      throw unavailable(e);
    }
    try {
      Chart chart = charted.join();
      Current current = measured.join();
      String revision = run.getLatestReadyRevision();
      return new ServiceHealth(
          service,
          revision.substring(revision.lastIndexOf('/') + 1),
          newest(current.cpu()),
          newest(current.cpuMean()),
          newest(current.memory()),
          (int) newest(current.active()).orElse(0),
          (int) newest(current.idle()).orElse(0),
          Math.max(
              run.getTemplate().getScaling().getMinInstanceCount(),
              run.getScaling().getMinInstanceCount()),
          run.getTemplate().getScaling().getMaxInstanceCount() == 0
              ? 100
              : run.getTemplate().getScaling().getMaxInstanceCount(),
          current.requestRate(),
          current.errorRate(),
          newest(current.latencyP50()),
          newest(current.latencyP95()),
          newest(current.latencyP99()),
          newest(current.queue()),
          current.dataTime() == null ? now.minus(window) : current.dataTime(),
          chart.series());
    } catch (ApiException e) {
      throw unavailable(e);
    }
  }

  /** Reads of minutes older than this are forgotten. */
  private static final Duration KEEP = Duration.ofMinutes(2);

  private record ChartKey(String service, Duration window, Instant minute) {}

  private record CurrentKey(String service, Instant minute) {}

  /** The window's series, at the resolution its length allows. */
  private record Chart(ServiceHealth.Series series) {}

  /** The figures of the last five minutes, at one-minute resolution. */
  private record Current(
      Points cpu,
      Points cpuMean,
      Points memory,
      Points latencyP50,
      Points latencyP95,
      Points latencyP99,
      Points queue,
      Points active,
      Points idle,
      OptionalDouble requestRate,
      OptionalDouble errorRate,
      Instant dataTime) {}

  private Chart chart(String service, Duration window, Instant now) {
    long period = Math.max(60, (window.toSeconds() / 60 + 59) / 60 * 60);
    Query q = new Query(service, window, now, period);
    var cpu =
        q.one(
            RUN + "container/cpu/utilizations",
            "",
            Aligner.ALIGN_DELTA,
            Reducer.REDUCE_PERCENTILE_99);
    var memory =
        q.one(
            RUN + "container/memory/utilizations",
            "",
            Aligner.ALIGN_DELTA,
            Reducer.REDUCE_PERCENTILE_99);
    var instances =
        q.one(RUN + "container/instance_count", "", Aligner.ALIGN_MEAN, Reducer.REDUCE_SUM);
    var latency =
        q.one(RUN + "request_latencies", "", Aligner.ALIGN_DELTA, Reducer.REDUCE_PERCENTILE_99);
    var queue = q.one(QUEUE_METRIC, "", Aligner.ALIGN_MAX, Reducer.REDUCE_MAX);
    return new Chart(
        new ServiceHealth.Series(
            cpu.join(), memory.join(), instances.join(), latency.join(), queue.join()));
  }

  private Current current(String service, Instant now) {
    Query q = new Query(service, CURRENT, now, 60);
    var cpuTask =
        q.one(
            RUN + "container/cpu/utilizations",
            "",
            Aligner.ALIGN_DELTA,
            Reducer.REDUCE_PERCENTILE_99);
    var cpuMean =
        q.one(RUN + "container/cpu/utilizations", "", Aligner.ALIGN_DELTA, Reducer.REDUCE_MEAN);
    var memory =
        q.one(
            RUN + "container/memory/utilizations",
            "",
            Aligner.ALIGN_DELTA,
            Reducer.REDUCE_PERCENTILE_99);
    var latencyP50 =
        q.one(RUN + "request_latencies", "", Aligner.ALIGN_DELTA, Reducer.REDUCE_PERCENTILE_50);
    var latencyP95 =
        q.one(RUN + "request_latencies", "", Aligner.ALIGN_DELTA, Reducer.REDUCE_PERCENTILE_95);
    var latencyTask =
        q.one(RUN + "request_latencies", "", Aligner.ALIGN_DELTA, Reducer.REDUCE_PERCENTILE_99);
    var queue = q.one(QUEUE_METRIC, "", Aligner.ALIGN_MAX, Reducer.REDUCE_MAX);
    var rateTask = q.one(RUN + "request_count", "", Aligner.ALIGN_RATE, Reducer.REDUCE_SUM);
    var errorTask =
        q.one(
            RUN + "request_count",
            " AND metric.labels.response_code_class = \"5xx\"",
            Aligner.ALIGN_RATE,
            Reducer.REDUCE_SUM);
    var byStateTask =
        q.byLabel(
            RUN + "container/instance_count",
            "metric.labels.state",
            Aligner.ALIGN_MAX,
            Reducer.REDUCE_SUM);
    Points cpu = cpuTask.join();
    Points latencyP99 = latencyTask.join();
    Points rate = rateTask.join();
    Points errors = errorTask.join();
    Map<String, Points> byState = byStateTask.join();
    OptionalDouble requestRate = newest(rate);
    OptionalDouble errorRate = OptionalDouble.empty();
    if (requestRate.isPresent() && requestRate.getAsDouble() > 0) {
      errorRate = OptionalDouble.of(newest(errors).orElse(0) / requestRate.getAsDouble());
    } else if (requestRate.isPresent()) {
      errorRate = OptionalDouble.of(0);
    }
    Points active = byState.getOrDefault("active", Points.empty());
    return new Current(
        cpu,
        cpuMean.join(),
        memory.join(),
        latencyP50.join(),
        latencyP95.join(),
        latencyP99,
        queue.join(),
        active,
        byState.getOrDefault("idle", Points.empty()),
        requestRate,
        errorRate,
        newestTime(cpu, latencyP99, rate, active));
  }

  private static SourceUnavailableException unavailable(ApiException e) {
    return new SourceUnavailableException(
        "Google Cloud did not answer (" + e.getStatusCode().getCode() + ")", e);
  }

  private static OptionalDouble newest(Points p) {
    return p.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(p.values().getLast());
  }

  private static Instant newestTime(Points... all) {
    Instant newest = null;
    for (Points p : all) {
      if (!p.isEmpty() && (newest == null || p.times().getLast().isAfter(newest))) {
        newest = p.times().getLast();
      }
    }
    return newest;
  }

  /**
   * Queries over one window and alignment period for one service. Buckets are aligned to the epoch,
   * so the window ends at the last whole period and a bucket is the same bucket from one read to
   * the next; what is already settled comes from {@link SettledSeries}.
   */
  private final class Query {
    private final String service;
    private final Instant start;
    private final Instant end;
    private final long period;

    Query(String service, Duration window, Instant now, long period) {
      this.service = service;
      this.period = period;
      this.end = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), period) * period);
      this.start = end.minus(window);
    }

    private Map<String, Points> read(
        String metric, String extra, Aligner aligner, Reducer reducer, String groupBy) {
      SettledSeries.Spec spec =
          new SettledSeries.Spec(service, metric, extra, aligner, reducer, groupBy, period);
      return settled.read(spec, start, end, (from, to) -> list(spec, from, to));
    }

    private Map<String, Points> list(SettledSeries.Spec spec, Instant from, Instant to) {
      ListTimeSeriesRequest request =
          ListTimeSeriesRequest.newBuilder()
              .setName("projects/" + projectId)
              .setFilter(
                  "metric.type = \""
                      + spec.metric()
                      + "\" AND resource.type = \"cloud_run_revision\""
                      + " AND resource.labels.service_name = \""
                      + service
                      + "\""
                      + spec.extra())
              .setInterval(
                  TimeInterval.newBuilder()
                      .setStartTime(Timestamps.fromMillis(from.toEpochMilli()))
                      .setEndTime(Timestamps.fromMillis(to.toEpochMilli())))
              .setAggregation(
                  Aggregation.newBuilder()
                      .setAlignmentPeriod(Durations.fromSeconds(period))
                      .setPerSeriesAligner(spec.aligner())
                      .setCrossSeriesReducer(spec.reducer())
                      .addAllGroupByFields(
                          spec.groupBy().isEmpty() ? List.of() : List.of(spec.groupBy())))
              .build();
      Map<String, Points> out = new TreeMap<>();
      String key = spec.groupBy().substring(spec.groupBy().lastIndexOf('.') + 1);
      for (TimeSeries s : clients.metrics().listTimeSeries(request).iterateAll()) {
        out.put(key.isEmpty() ? "" : s.getMetric().getLabelsOrDefault(key, ""), points(s));
      }
      return out;
    }

    /** One series, read in parallel with the others asked for. */
    Parallel.Task<Points> one(String metric, String extra, Aligner aligner, Reducer reducer) {
      return Parallel.start(
          () -> read(metric, extra, aligner, reducer, "").getOrDefault("", Points.empty()));
    }

    /** A series per value of {@code label}, read in parallel with the others asked for. */
    Parallel.Task<Map<String, Points>> byLabel(
        String metric, String label, Aligner aligner, Reducer reducer) {
      return Parallel.start(() -> read(metric, "", aligner, reducer, label));
    }
  }

  /** A series' points, oldest first (Monitoring sends newest first). */
  private static Points points(TimeSeries s) {
    List<Instant> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<Point> points = s.getPointsList();
    for (int i = points.size() - 1; i >= 0; i--) {
      Point p = points.get(i);
      times.add(Instant.ofEpochMilli(Timestamps.toMillis(p.getInterval().getEndTime())));
      values.add(value(p.getValue()));
    }
    return new Points(times, values);
  }

  private static double value(TypedValue v) {
    return switch (v.getValueCase()) {
      case INT64_VALUE -> v.getInt64Value();
      case DOUBLE_VALUE -> v.getDoubleValue();
      case DISTRIBUTION_VALUE -> v.getDistributionValue().getMean();
      default -> 0;
    };
  }
}
