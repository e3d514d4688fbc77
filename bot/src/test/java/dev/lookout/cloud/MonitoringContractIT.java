package dev.lookout.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.MetricDescriptor.MetricKind;
import com.google.api.MetricDescriptor.ValueType;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.monitoring.v3.MetricServiceClient;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cloud Run metrics through the official {@link MetricServiceClient}, as RECIPES queries them. */
class MonitoringContractIT {
  private static SimulatorFixture fixture;
  private static Instant now;

  @BeforeAll
  static void start() {
    fixture = new SimulatorFixture();
    now = fixture.simulator.project().clock().instant();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static ListTimeSeriesRequest.Builder query(String metric, String service) {
    return ListTimeSeriesRequest.newBuilder()
        .setName(SimulatorFixture.PROJECT)
        .setFilter(
            "metric.type = \""
                + metric
                + "\" AND resource.type = \"cloud_run_revision\""
                + (service == null
                    ? ""
                    : " AND resource.labels.service_name = \"" + service + "\""))
        .setInterval(
            TimeInterval.newBuilder()
                .setStartTime(Timestamps.fromMillis(now.minusSeconds(3600).toEpochMilli()))
                .setEndTime(Timestamps.fromMillis(now.toEpochMilli())));
  }

  private static Aggregation aggregation(Aligner aligner, Reducer reducer, String... groupBy) {
    return Aggregation.newBuilder()
        .setAlignmentPeriod(Durations.fromSeconds(60))
        .setPerSeriesAligner(aligner)
        .setCrossSeriesReducer(reducer)
        .addAllGroupByFields(List.of(groupBy))
        .build();
  }

  private static List<TimeSeries> list(ListTimeSeriesRequest request) {
    List<TimeSeries> out = new ArrayList<>();
    fixture.clients.metrics().listTimeSeries(request).iterateAll().forEach(out::add);
    return out;
  }

  static List<Arguments> recipes() {
    String run = "run.googleapis.com/";
    return List.of(
        Arguments.of(
            run + "container/cpu/utilizations",
            aggregation(Aligner.ALIGN_PERCENTILE_99, Reducer.REDUCE_NONE),
            ValueType.DOUBLE,
            0.0,
            1.0),
        Arguments.of(
            run + "container/cpu/utilizations",
            aggregation(
                Aligner.ALIGN_DELTA, Reducer.REDUCE_PERCENTILE_99, "resource.labels.service_name"),
            ValueType.DOUBLE,
            0.0,
            1.0),
        Arguments.of(
            run + "container/memory/utilizations",
            aggregation(Aligner.ALIGN_PERCENTILE_99, Reducer.REDUCE_NONE),
            ValueType.DOUBLE,
            0.0,
            1.0),
        Arguments.of(
            run + "container/memory/utilizations",
            aggregation(
                Aligner.ALIGN_DELTA, Reducer.REDUCE_PERCENTILE_95, "resource.labels.service_name"),
            ValueType.DOUBLE,
            0.0,
            1.0),
        Arguments.of(
            run + "container/instance_count",
            aggregation(Aligner.ALIGN_MAX, Reducer.REDUCE_NONE),
            ValueType.INT64,
            0.0,
            100.0),
        Arguments.of(
            run + "container/instance_count",
            aggregation(Aligner.ALIGN_MEAN, Reducer.REDUCE_SUM, "metric.labels.state"),
            ValueType.DOUBLE,
            0.0,
            100.0),
        Arguments.of(
            run + "container/max_request_concurrencies",
            aggregation(Aligner.ALIGN_PERCENTILE_99, Reducer.REDUCE_NONE),
            ValueType.DOUBLE,
            0.0,
            1000.0),
        Arguments.of(
            run + "request_count",
            aggregation(Aligner.ALIGN_RATE, Reducer.REDUCE_NONE),
            ValueType.DOUBLE,
            0.0,
            10_000.0),
        Arguments.of(
            run + "request_count",
            aggregation(
                Aligner.ALIGN_DELTA, Reducer.REDUCE_SUM, "metric.labels.response_code_class"),
            ValueType.INT64,
            0.0,
            1e7),
        Arguments.of(
            run + "request_latencies",
            aggregation(
                Aligner.ALIGN_DELTA, Reducer.REDUCE_PERCENTILE_95, "resource.labels.service_name"),
            ValueType.DOUBLE,
            0.0,
            3.6e6),
        Arguments.of(
            run + "request_latencies",
            aggregation(
                Aligner.ALIGN_DELTA, Reducer.REDUCE_PERCENTILE_99, "resource.labels.service_name"),
            ValueType.DOUBLE,
            0.0,
            3.6e6),
        Arguments.of(
            run + "container/billable_instance_time",
            aggregation(Aligner.ALIGN_RATE, Reducer.REDUCE_SUM, "resource.labels.service_name"),
            ValueType.DOUBLE,
            0.0,
            1000.0),
        Arguments.of(
            run + "container/startup_latencies",
            aggregation(Aligner.ALIGN_DELTA, Reducer.REDUCE_PERCENTILE_95),
            ValueType.DOUBLE,
            1.0,
            60_000.0),
        Arguments.of(
            "custom.googleapis.com/lookout/queue_depth",
            aggregation(Aligner.ALIGN_MAX, Reducer.REDUCE_NONE),
            ValueType.INT64,
            0.0,
            10_000.0));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("recipes")
  @DisplayName("every Cloud Run metric answers its typical query with the value type GCP returns")
  void typicalQueries(
      String metric, Aggregation aggregation, ValueType type, double min, double max) {
    List<TimeSeries> series = list(query(metric, null).setAggregation(aggregation).build());
    assertThat(series).isNotEmpty();
    for (TimeSeries s : series) {
      assertThat(s.getValueType()).isEqualTo(type);
      assertThat(s.getPointsList()).isNotEmpty();
      List<Point> points = s.getPointsList();
      for (int i = 1; i < points.size(); i++) {
        assertThat(
                Timestamps.compare(
                    points.get(i - 1).getInterval().getEndTime(),
                    points.get(i).getInterval().getEndTime()))
            .as("points arrive newest first")
            .isPositive();
      }
      for (Point p : points) {
        double v = value(p.getValue());
        assertThat(v).isBetween(min, max);
      }
    }
    if (!aggregation.getGroupByFieldsList().isEmpty()) {
      String label = aggregation.getGroupByFields(0);
      String key = label.substring(label.lastIndexOf('.') + 1);
      for (TimeSeries s : series) {
        boolean inMetric = s.getMetric().getLabelsMap().containsKey(key);
        boolean inResource = s.getResource().getLabelsMap().containsKey(key);
        assertThat(inMetric || inResource).as("series keeps the group-by label " + key).isTrue();
        assertThat(s.getResource().getLabelsMap()).doesNotContainKey("revision_name");
      }
    }
  }

  private static double value(TypedValue v) {
    return switch (v.getValueCase()) {
      case INT64_VALUE -> v.getInt64Value();
      case DOUBLE_VALUE -> v.getDoubleValue();
      default -> throw new AssertionError("unexpected value " + v);
    };
  }

  @Test
  @DisplayName("unaligned DELTA distributions come back per minute with their buckets")
  void rawDistribution() {
    List<TimeSeries> series =
        list(query("run.googleapis.com/request_latencies", "checkout-api").build());
    assertThat(series).isNotEmpty();
    TimeSeries s = series.get(0);
    assertThat(s.getMetricKind()).isEqualTo(MetricKind.DELTA);
    assertThat(s.getValueType()).isEqualTo(ValueType.DISTRIBUTION);
    assertThat(s.getMetric().getLabelsMap()).containsKey("response_code_class");
    assertThat(s.getResource().getLabelsMap())
        .containsEntry("service_name", "checkout-api")
        .containsKeys("revision_name", "location", "project_id", "configuration_name");
    Point p = s.getPoints(0);
    assertThat(Timestamps.between(p.getInterval().getStartTime(), p.getInterval().getEndTime()))
        .isEqualTo(Durations.fromSeconds(60));
    var d = p.getValue().getDistributionValue();
    assertThat(d.getCount()).isPositive();
    assertThat(d.getBucketCountsList().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(d.getCount());
    assertThat(d.getBucketOptions().hasExponentialBuckets()).isTrue();
  }

  @Test
  @DisplayName("a filter on one service returns only that service's series")
  void filterByService() {
    List<TimeSeries> series =
        list(
            query("run.googleapis.com/container/instance_count", "consumer")
                .setAggregation(aggregation(Aligner.ALIGN_MAX, Reducer.REDUCE_NONE))
                .build());
    assertThat(series)
        .extracting(s -> s.getResource().getLabelsOrThrow("service_name"))
        .containsOnly("consumer");
    assertThat(series)
        .extracting(s -> s.getMetric().getLabelsOrThrow("state"))
        .contains("active", "idle");
  }

  @Test
  @DisplayName("paging through small pages returns exactly the points of one large page")
  void paging() {
    ListTimeSeriesRequest request =
        query("run.googleapis.com/request_count", null)
            .setAggregation(aggregation(Aligner.ALIGN_RATE, Reducer.REDUCE_NONE))
            .build();
    var first =
        fixture.clients.metrics().listTimeSeries(request.toBuilder().setPageSize(7).build());
    assertThat(first.getNextPageToken()).isNotEmpty();
    long paged = 0;
    for (TimeSeries s : first.iterateAll()) {
      paged += s.getPointsCount();
    }
    long whole = 0;
    for (TimeSeries s : list(request)) {
      whole += s.getPointsCount();
    }
    assertThat(paged).isEqualTo(whole).isGreaterThan(7);
  }

  @Test
  @DisplayName("the HEADERS view returns series without points")
  void headers() {
    List<TimeSeries> series =
        list(
            query("run.googleapis.com/container/instance_count", null)
                .setView(ListTimeSeriesRequest.TimeSeriesView.HEADERS)
                .build());
    assertThat(series).isNotEmpty().allMatch(s -> s.getPointsCount() == 0);
  }

  static List<Arguments> rejected() {
    String cpu = "run.googleapis.com/container/cpu/utilizations";
    return List.of(
        Arguments.of(
            "alignment period under 60 s",
            query(cpu, null)
                .setAggregation(
                    Aggregation.newBuilder()
                        .setAlignmentPeriod(Durations.fromSeconds(30))
                        .setPerSeriesAligner(Aligner.ALIGN_PERCENTILE_99))
                .build(),
            "at least 60 seconds"),
        Arguments.of(
            "a reducer without an aligner",
            query(cpu, null)
                .setAggregation(Aggregation.newBuilder().setCrossSeriesReducer(Reducer.REDUCE_SUM))
                .build(),
            "perSeriesAligner must be specified"),
        Arguments.of(
            "ALIGN_RATE on a distribution",
            query(cpu, null)
                .setAggregation(aggregation(Aligner.ALIGN_RATE, Reducer.REDUCE_NONE))
                .build(),
            "cannot be applied"),
        Arguments.of(
            "ALIGN_DELTA on a gauge",
            query("run.googleapis.com/container/instance_count", null)
                .setAggregation(aggregation(Aligner.ALIGN_DELTA, Reducer.REDUCE_NONE))
                .build(),
            "cannot be applied"),
        Arguments.of(
            "an unknown metric",
            query("run.googleapis.com/container/disk", null).build(),
            "Cannot find metric"),
        Arguments.of(
            "no metric type",
            query(cpu, null).setFilter("resource.type = \"cloud_run_revision\"").build(),
            "metric type is required"),
        Arguments.of(
            "a syntax error",
            query(cpu, null).setFilter("metric.type = \"" + cpu + "\" AND (").build(),
            "Unparseable filter"),
        Arguments.of(
            "no end time",
            query(cpu, null).setInterval(TimeInterval.getDefaultInstance()).build(),
            "endTime"),
        Arguments.of(
            "a foreign page token",
            query(cpu, null).setPageToken("bm90LWEtdG9rZW4").build(),
            "pageToken"),
        Arguments.of(
            "a bad group-by field",
            query(cpu, null)
                .setAggregation(aggregation(Aligner.ALIGN_DELTA, Reducer.REDUCE_SUM, "service"))
                .build(),
            "groupByFields"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  @DisplayName("requests GCP rejects are rejected with INVALID_ARGUMENT and a reason")
  void invalid(String what, ListTimeSeriesRequest request, String reason) {
    assertThatThrownBy(() -> list(request))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining(reason);
  }

  @Test
  @DisplayName("another project is not found")
  void otherProject() {
    assertThatThrownBy(
            () ->
                list(
                    query("run.googleapis.com/request_count", null)
                        .setName("projects/someone-else")
                        .build()))
        .isInstanceOf(NotFoundException.class);
  }
}
