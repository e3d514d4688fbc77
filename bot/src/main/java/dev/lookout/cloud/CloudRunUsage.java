package dev.lookout.cloud;

import com.google.api.Distribution;
import com.google.api.gax.rpc.ApiException;
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
import dev.lookout.reports.HourlyUsage;
import dev.lookout.reports.LatencyHistogram;
import dev.lookout.reports.UsageSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Hourly usage of every Cloud Run service in the project, in six aligned and reduced queries per
 * stretch of hours (one per metric, grouped by service), whatever the number of services:
 * Monitoring does the adding up, Lookout reads one point per service and hour.
 */
public final class CloudRunUsage implements UsageSource {
  private static final long HOUR = 3600;

  /**
   * Cloud Run samples {@code instance_count} every 60 seconds: the sum of an hour's samples times
   * 60 is its instance-seconds, right also for an hour a service only partly lived in.
   */
  private static final long GAUGE_SAMPLE_SECONDS = 60;

  private static final String RUN = "run.googleapis.com/";

  private final GoogleClients clients;
  private final String projectId;

  public CloudRunUsage(GoogleClients clients, String projectId) {
    this.clients = clients;
    this.projectId = projectId;
  }

  @Override
  public List<HourlyUsage> hourly(Instant from, Instant to) {
    Map<String, Builder> rows = new TreeMap<>();
    try {
      query(
          from,
          to,
          "container/instance_count",
          Aligner.ALIGN_SUM,
          "metric.labels.state",
          (b, p) -> {
            // Each point is one sample of the instances alive; a sample stands for its minute.
            double seconds = value(p.getValue()) * GAUGE_SAMPLE_SECONDS;
            if ("active".equals(b.label)) {
              b.row.active += seconds;
            } else {
              b.row.idle += seconds;
            }
          },
          rows);
      query(
          from,
          to,
          "container/billable_instance_time",
          Aligner.ALIGN_DELTA,
          null,
          (b, p) -> b.row.billable += value(p.getValue()),
          rows);
      query(
          from,
          to,
          "container/cpu/allocation_time",
          Aligner.ALIGN_DELTA,
          null,
          (b, p) -> b.row.vcpu += value(p.getValue()),
          rows);
      query(
          from,
          to,
          "container/memory/allocation_time",
          Aligner.ALIGN_DELTA,
          null,
          (b, p) -> b.row.gib += value(p.getValue()),
          rows);
      query(
          from,
          to,
          "request_count",
          Aligner.ALIGN_DELTA,
          "metric.labels.response_code_class",
          (b, p) -> {
            long n = (long) value(p.getValue());
            b.row.requests += n;
            if ("5xx".equals(b.label)) {
              b.row.errors += n;
            }
          },
          rows);
      query(
          from,
          to,
          "request_latencies",
          Aligner.ALIGN_DELTA,
          null,
          (b, p) -> b.row.latency = b.row.latency.plus(histogram(p.getValue())),
          rows);
    } catch (ApiException e) {
      throw new UnavailableException(
          "Cloud Monitoring did not answer (" + e.getStatusCode().getCode() + ")", e);
    }
    List<HourlyUsage> out = new ArrayList<>();
    for (Builder b : rows.values()) {
      out.add(b.row.build(b.service, b.hour));
    }
    return out;
  }

  /** The row being built for one service and hour, and the label of the series being read. */
  private static final class Builder {
    final String service;
    final Instant hour;
    final Row row = new Row();
    String label;

    Builder(String service, Instant hour) {
      this.service = service;
      this.hour = hour;
    }
  }

  private static final class Row {
    double active;
    double idle;
    double billable;
    double vcpu;
    double gib;
    long requests;
    long errors;
    LatencyHistogram latency = LatencyHistogram.EMPTY;

    HourlyUsage build(String service, Instant hour) {
      return new HourlyUsage(
          service, hour, active, idle, billable, vcpu, gib, requests, errors, latency);
    }
  }

  private void query(
      Instant from,
      Instant to,
      String metric,
      Aligner aligner,
      String label,
      BiConsumer<Builder, Point> add,
      Map<String, Builder> rows) {
    Aggregation.Builder aggregation =
        Aggregation.newBuilder()
            .setAlignmentPeriod(Durations.fromSeconds(HOUR))
            .setPerSeriesAligner(aligner)
            .setCrossSeriesReducer(Reducer.REDUCE_SUM)
            .addGroupByFields("resource.labels.service_name");
    if (label != null) {
      aggregation.addGroupByFields(label);
    }
    ListTimeSeriesRequest request =
        ListTimeSeriesRequest.newBuilder()
            .setName("projects/" + projectId)
            .setFilter(
                "metric.type = \"" + RUN + metric + "\" AND resource.type = \"cloud_run_revision\"")
            .setInterval(
                TimeInterval.newBuilder()
                    .setStartTime(Timestamps.fromMillis(from.toEpochMilli()))
                    .setEndTime(Timestamps.fromMillis(to.toEpochMilli())))
            .setAggregation(aggregation)
            .build();
    String key = label == null ? null : label.substring(label.lastIndexOf('.') + 1);
    for (TimeSeries s : clients.metrics().listTimeSeries(request).iterateAll()) {
      String service = s.getResource().getLabelsOrDefault("service_name", "");
      String value = key == null ? null : s.getMetric().getLabelsOrDefault(key, "");
      for (Point p : s.getPointsList()) {
        Instant end = Instant.ofEpochMilli(Timestamps.toMillis(p.getInterval().getEndTime()));
        Instant hour = end.minus(Duration.ofSeconds(HOUR));
        if (hour.isBefore(from)) {
          continue;
        }
        Builder b = rows.computeIfAbsent(service + "|" + hour, k -> new Builder(service, hour));
        b.label = value;
        add.accept(b, p);
      }
    }
  }

  private static double value(TypedValue v) {
    return switch (v.getValueCase()) {
      case INT64_VALUE -> v.getInt64Value();
      case DOUBLE_VALUE -> v.getDoubleValue();
      case DISTRIBUTION_VALUE -> v.getDistributionValue().getMean();
      default -> 0;
    };
  }

  private static LatencyHistogram histogram(TypedValue v) {
    if (v.getValueCase() != TypedValue.ValueCase.DISTRIBUTION_VALUE) {
      return LatencyHistogram.EMPTY;
    }
    Distribution d = v.getDistributionValue();
    Distribution.BucketOptions o = d.getBucketOptions();
    String options;
    int buckets;
    if (o.hasExponentialBuckets()) {
      var e = o.getExponentialBuckets();
      options =
          LatencyHistogram.exponential(e.getNumFiniteBuckets(), e.getGrowthFactor(), e.getScale());
      buckets = e.getNumFiniteBuckets() + 2;
    } else if (o.hasLinearBuckets()) {
      var l = o.getLinearBuckets();
      options =
          String.format(
              Locale.ROOT, "linear:%d:%s:%s", l.getNumFiniteBuckets(), l.getWidth(), l.getOffset());
      buckets = l.getNumFiniteBuckets() + 2;
    } else if (o.hasExplicitBuckets()) {
      StringBuilder b = new StringBuilder("explicit:");
      List<Double> bounds = o.getExplicitBuckets().getBoundsList();
      for (int i = 0; i < bounds.size(); i++) {
        b.append(i == 0 ? "" : ",").append(bounds.get(i));
      }
      options = b.toString();
      buckets = bounds.size() + 1;
    } else {
      return LatencyHistogram.EMPTY;
    }
    long[] counts = new long[Math.max(buckets, d.getBucketCountsCount())];
    for (int i = 0; i < d.getBucketCountsCount(); i++) {
      counts[i] = d.getBucketCounts(i);
    }
    return new LatencyHistogram(options, counts);
  }
}
