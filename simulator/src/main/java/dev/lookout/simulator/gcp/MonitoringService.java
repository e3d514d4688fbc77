package dev.lookout.simulator.gcp;

import com.google.api.Metric;
import com.google.api.MetricDescriptor.MetricKind;
import com.google.api.MetricDescriptor.ValueType;
import com.google.api.MonitoredResource;
import com.google.monitoring.v3.Aggregation;
import com.google.monitoring.v3.Aggregation.Aligner;
import com.google.monitoring.v3.Aggregation.Reducer;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.ListTimeSeriesResponse;
import com.google.monitoring.v3.MetricServiceGrpc;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import dev.lookout.simulator.model.MinuteSample;
import dev.lookout.simulator.model.ServiceModel;
import dev.lookout.simulator.model.SimulatedProject;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cloud Monitoring v3 {@code ListTimeSeries} over the simulated project: filters, intervals,
 * per-series aligners, cross-series reducers with group-by fields, the HEADERS view and paging. A
 * request Monitoring would reject is rejected with INVALID_ARGUMENT and Monitoring's reason.
 */
public final class MonitoringService extends MetricServiceGrpc.MetricServiceImplBase {
  private static final int MAX_PAGE_SIZE = 100_000;

  private final SimulatedProject project;

  public MonitoringService(SimulatedProject project) {
    this.project = project;
  }

  @Override
  public void listTimeSeries(
      ListTimeSeriesRequest request, StreamObserver<ListTimeSeriesResponse> response) {
    GrpcCalls.unary(response, () -> list(request));
  }

  ListTimeSeriesResponse list(ListTimeSeriesRequest request) {
    GrpcCalls.requireProject(request.getName(), project.projectId(), "name");
    Filter filter = parseFilter(request.getFilter());
    CloudRunMetric metric = metricOf(request.getFilter(), filter);
    if (!request.hasInterval() || !request.getInterval().hasEndTime()) {
      throw GrpcCalls.invalid("Field interval.endTime is required.");
    }
    Instant end = instant(request.getInterval().getEndTime());
    Instant start =
        request.getInterval().hasStartTime() ? instant(request.getInterval().getStartTime()) : end;
    if (start.isAfter(end)) {
      throw GrpcCalls.invalid(
          "Field interval.startTime had an invalid value: the start time must not be later than"
              + " the end time.");
    }
    if (request.getPageSize() < 0) {
      throw GrpcCalls.invalid("Field pageSize must not be negative.");
    }
    if (request.hasSecondaryAggregation()
        && !request.getSecondaryAggregation().equals(Aggregation.getDefaultInstance())) {
      throw Status.UNIMPLEMENTED
          .withDescription("secondary_aggregation is not supported by the simulator")
          .asRuntimeException();
    }
    Aggregation aggregation = request.getAggregation();
    Aggregator aggregator = new Aggregator(metric, aggregation);

    List<Series> aligned = new ArrayList<>();
    for (Series s : rawSeries(metric, filter, start, end, aggregator.periodSeconds())) {
      aligned.add(aggregator.align(s, start, end));
    }
    List<TimeSeries> series = new ArrayList<>();
    for (Series s : aggregator.reduce(aligned)) {
      if (!s.points().isEmpty()) {
        series.add(aggregator.toProto(s));
      }
    }
    return page(request, series);
  }

  private static Filter parseFilter(String text) {
    if (text.isBlank()) {
      throw GrpcCalls.invalid("Field filter is required and must specify a metric type.");
    }
    try {
      return FilterParser.parse(text);
    } catch (IllegalArgumentException e) {
      throw GrpcCalls.invalid(e.getMessage());
    }
  }

  /** Monitoring needs exactly one {@code metric.type = "..."} restriction. */
  private static CloudRunMetric metricOf(String text, Filter filter) {
    String type = null;
    for (Filter.Restriction r : filter.restrictions()) {
      String field = r.field();
      boolean known =
          field.equals("metric.type")
              || field.equals("resource.type")
              || field.equals("project")
              || field.startsWith("metric.labels.")
              || field.startsWith("metric.label.")
              || field.startsWith("resource.labels.")
              || field.startsWith("resource.label.");
      if (!known) {
        throw GrpcCalls.invalid(
            "Field filter had an invalid value of \""
                + text
                + "\": unknown field '"
                + field
                + "'; allowed: metric.type, resource.type, project, metric.labels.<key>,"
                + " resource.labels.<key>");
      }
      if (r.op() != Filter.Operator.EQ && r.op() != Filter.Operator.NE) {
        throw GrpcCalls.invalid(
            "Field filter had an invalid value of \""
                + text
                + "\": operator '"
                + r.op().symbol()
                + "' is not allowed in a monitoring filter; use = or !=");
      }
      if (field.equals("metric.type")) {
        if (!(r.value() instanceof Filter.Literal literal) || r.op() != Filter.Operator.EQ) {
          throw GrpcCalls.invalid(
              "Field filter had an invalid value of \""
                  + text
                  + "\": metric.type must be compared with = to one quoted metric type.");
        }
        if (type != null && !type.equals(literal.text())) {
          throw GrpcCalls.invalid(
              "Field filter had an invalid value of \""
                  + text
                  + "\": only one metric type may be listed.");
        }
        type = literal.text();
      }
    }
    if (type == null) {
      throw GrpcCalls.invalid(
          "Field filter had an invalid value of \"" + text + "\": a metric type is required.");
    }
    String wanted = type;
    return CloudRunMetric.find(type)
        .orElseThrow(
            () ->
                GrpcCalls.invalid(
                    "Field filter had an invalid value of \""
                        + text
                        + "\": Cannot find metric(s) that match type = \""
                        + wanted
                        + "\"."));
  }

  /** One stored time series: its labels and its raw minute points, oldest first. */
  record Series(
      Map<String, String> metricLabels,
      Map<String, String> resourceLabels,
      List<RawPoint> points) {}

  record RawPoint(Instant start, Instant end, Object value) {}

  private List<Series> rawSeries(
      CloudRunMetric metric, Filter filter, Instant start, Instant end, long periodSeconds) {
    // Points whose end falls in (lower, end]. An aligned query for a single instant looks back
    // one alignment period; a raw gauge query for one instant takes the point at that instant.
    boolean instant = start.equals(end);
    Instant lower = instant && periodSeconds > 0 ? end.minusSeconds(periodSeconds) : start;
    boolean lowerIncluded = periodSeconds == 0 && metric.kind() == MetricKind.GAUGE;
    // Keyed by revision and metric labels, in a stable order.
    Map<String, Series> byKey = new TreeMap<>();
    java.util.Set<String> rejected = new java.util.HashSet<>();
    for (ServiceModel service : project.services()) {
      for (MinuteSample minute : service.history()) {
        Instant pointEnd = minute.end();
        boolean inRange =
            (pointEnd.isAfter(lower) || (lowerIncluded && pointEnd.equals(lower)))
                && !pointEnd.isAfter(end);
        if (!inRange) {
          continue;
        }
        metric
            .extractor()
            .extract(
                minute,
                (labels, value) -> {
                  String key = service.name() + "|" + minute.revision() + "|" + labels;
                  if (rejected.contains(key)) {
                    return;
                  }
                  Series s = byKey.get(key);
                  if (s == null) {
                    // Labels and the filter are worked out once per series, not per point.
                    Map<String, String> resource = resourceLabels(service, minute.revision());
                    if (!matches(filter, metric, labels, resource)) {
                      rejected.add(key);
                      return;
                    }
                    s = new Series(labels, resource, new ArrayList<>());
                    byKey.put(key, s);
                  }
                  Instant pointStart =
                      metric.kind() == MetricKind.GAUGE ? minute.end() : minute.start();
                  s.points().add(new RawPoint(pointStart, minute.end(), value));
                });
      }
    }
    return new ArrayList<>(byKey.values());
  }

  private Map<String, String> resourceLabels(ServiceModel service, String revision) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("project_id", project.projectId());
    labels.put("service_name", service.name());
    labels.put("revision_name", revision);
    labels.put("location", project.region());
    labels.put("configuration_name", service.name());
    return labels;
  }

  private boolean matches(
      Filter filter,
      CloudRunMetric metric,
      Map<String, String> metricLabels,
      Map<String, String> resourceLabels) {
    return filter.test(
        r -> {
          String actual =
              switch (r.field()) {
                case "metric.type" -> metric.type();
                case "resource.type" -> "cloud_run_revision";
                case "project" -> project.projectId();
                default -> {
                  String key = r.field().substring(r.field().lastIndexOf('.') + 1);
                  yield r.field().startsWith("metric.")
                      ? metricLabels.get(key)
                      : resourceLabels.get(key);
                }
              };
          boolean equal = actual != null && valueMatches(r.value(), actual);
          return r.op() == Filter.Operator.EQ ? equal : !equal;
        },
        term -> {
          throw GrpcCalls.invalid(
              "Field filter had an invalid value: bare search terms such as '"
                  + term
                  + "' are not allowed in a monitoring filter.");
        });
  }

  private static boolean valueMatches(Filter.Value value, String actual) {
    return switch (value) {
      case Filter.Literal literal -> literal.text().equals(actual);
      case Filter.Call call ->
          switch (call.function()) {
            case "one_of" -> call.arguments().contains(actual);
            case "starts_with" -> actual.startsWith(single(call));
            case "ends_with" -> actual.endsWith(single(call));
            case "has_substring" -> actual.contains(single(call));
            case "monitoring.regex.full_match" -> actual.matches(single(call));
            default ->
                throw GrpcCalls.invalid(
                    "Field filter had an invalid value: unknown function '"
                        + call.function()
                        + "'; allowed: one_of, starts_with, ends_with, has_substring,"
                        + " monitoring.regex.full_match");
          };
    };
  }

  private static String single(Filter.Call call) {
    if (call.arguments().size() != 1) {
      throw GrpcCalls.invalid(
          "Field filter had an invalid value: " + call.function() + "() takes one argument.");
    }
    return call.arguments().get(0);
  }

  private static ListTimeSeriesResponse page(ListTimeSeriesRequest request, List<TimeSeries> all) {
    boolean headers = request.getView() == ListTimeSeriesRequest.TimeSeriesView.HEADERS;
    int pageSize =
        request.getPageSize() == 0 ? MAX_PAGE_SIZE : Math.min(request.getPageSize(), MAX_PAGE_SIZE);
    String fingerprint =
        request.toBuilder().clearPageToken().clearPageSize().build().toByteString().hashCode() + "";
    int seriesIndex = 0;
    int pointIndex = 0;
    if (!request.getPageToken().isEmpty()) {
      long[] position = PageTokens.decode(request.getPageToken(), fingerprint, 2);
      seriesIndex = (int) Math.min(position[0], all.size());
      pointIndex = (int) position[1];
    }
    ListTimeSeriesResponse.Builder out = ListTimeSeriesResponse.newBuilder();
    if (headers) {
      int endIndex = Math.min(all.size(), seriesIndex + pageSize);
      for (int i = seriesIndex; i < endIndex; i++) {
        out.addTimeSeries(all.get(i).toBuilder().clearPoints());
      }
      if (endIndex < all.size()) {
        out.setNextPageToken(PageTokens.encode(fingerprint, endIndex, 0));
      }
      return out.build();
    }
    int budget = pageSize;
    while (seriesIndex < all.size() && budget > 0) {
      TimeSeries s = all.get(seriesIndex);
      pointIndex = Math.min(pointIndex, s.getPointsCount());
      int take = Math.min(budget, s.getPointsCount() - pointIndex);
      out.addTimeSeries(
          s.toBuilder()
              .clearPoints()
              .addAllPoints(s.getPointsList().subList(pointIndex, pointIndex + take)));
      budget -= take;
      pointIndex += take;
      if (pointIndex >= s.getPointsCount()) {
        seriesIndex++;
        pointIndex = 0;
      }
    }
    if (seriesIndex < all.size()) {
      out.setNextPageToken(PageTokens.encode(fingerprint, seriesIndex, pointIndex));
    }
    return out.build();
  }

  static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  static com.google.protobuf.Timestamp timestamp(Instant t) {
    return Timestamps.fromMillis(t.toEpochMilli());
  }

  /** Turns raw series into the series the request's aggregation asks for. */
  static final class Aggregator {
    private final CloudRunMetric metric;
    private final Aligner aligner;
    private final Reducer reducer;
    private final long periodSeconds;
    private final List<String> groupBy;

    Aggregator(CloudRunMetric metric, Aggregation aggregation) {
      this.metric = metric;
      this.aligner = aggregation.getPerSeriesAligner();
      this.reducer = aggregation.getCrossSeriesReducer();
      this.groupBy = aggregation.getGroupByFieldsList();
      if (aligner == Aligner.UNRECOGNIZED || reducer == Reducer.UNRECOGNIZED) {
        throw GrpcCalls.invalid("Field aggregation has an unrecognized aligner or reducer.");
      }
      this.periodSeconds =
          aggregation.hasAlignmentPeriod() ? aggregation.getAlignmentPeriod().getSeconds() : 0;
      if (aligner != Aligner.ALIGN_NONE) {
        if (!aggregation.hasAlignmentPeriod()) {
          throw GrpcCalls.invalid(
              "Field aggregation.alignmentPeriod is required when perSeriesAligner is "
                  + aligner
                  + ".");
        }
        if (periodSeconds < 60) {
          throw GrpcCalls.invalid(
              "Field aggregation.alignmentPeriod had an invalid value of \""
                  + Durations.toString(aggregation.getAlignmentPeriod())
                  + "\": The alignment period must be at least 60 seconds.");
        }
      }
      if (reducer != Reducer.REDUCE_NONE && aligner == Aligner.ALIGN_NONE) {
        throw GrpcCalls.invalid(
            "Field aggregation.perSeriesAligner had an invalid value of \"ALIGN_NONE\": When"
                + " crossSeriesReducer is specified, perSeriesAligner must be specified and not"
                + " equal to ALIGN_NONE.");
      }
      for (String field : groupBy) {
        if (!field.matches("(metric|resource)\\.labels?\\.[a-z_]+")) {
          throw GrpcCalls.invalid(
              "Field aggregation.groupByFields had an invalid value of \""
                  + field
                  + "\": expected metric.labels.<key> or resource.labels.<key>.");
        }
      }
      checkAligner();
      checkReducer();
    }

    /** The alignment period, or 0 when points are returned unaligned. */
    long periodSeconds() {
      return aligner == Aligner.ALIGN_NONE ? 0 : periodSeconds;
    }

    private void checkAligner() {
      MetricKind kind = metric.kind();
      ValueType type = metric.valueType();
      boolean distribution = type == ValueType.DISTRIBUTION;
      boolean ok =
          switch (aligner) {
            case ALIGN_NONE, ALIGN_COUNT, ALIGN_NEXT_OLDER -> true;
            case ALIGN_DELTA -> kind == MetricKind.DELTA;
            case ALIGN_RATE -> kind == MetricKind.DELTA && !distribution;
            case ALIGN_MEAN, ALIGN_SUM, ALIGN_STDDEV -> true;
            case ALIGN_MIN, ALIGN_MAX -> !distribution;
            case ALIGN_PERCENTILE_99,
                ALIGN_PERCENTILE_95,
                ALIGN_PERCENTILE_50,
                ALIGN_PERCENTILE_05 ->
                distribution;
            case ALIGN_COUNT_TRUE, ALIGN_COUNT_FALSE, ALIGN_FRACTION_TRUE -> false;
            case ALIGN_INTERPOLATE, ALIGN_PERCENT_CHANGE ->
                throw Status.UNIMPLEMENTED
                    .withDescription(aligner + " is not supported by the simulator")
                    .asRuntimeException();
            default -> false;
          };
      if (!ok) {
        throw GrpcCalls.invalid(
            "Field aggregation.perSeriesAligner had an invalid value of \""
                + aligner
                + "\": The aligner cannot be applied to metrics with kind "
                + kind
                + " and value type "
                + type
                + ".");
      }
    }

    /** The value type after the aligner. */
    ValueType alignedType() {
      return switch (aligner) {
        case ALIGN_NONE, ALIGN_DELTA, ALIGN_SUM, ALIGN_MIN, ALIGN_MAX, ALIGN_NEXT_OLDER ->
            metric.valueType();
        case ALIGN_COUNT -> ValueType.INT64;
        default -> ValueType.DOUBLE;
      };
    }

    MetricKind alignedKind() {
      return switch (aligner) {
        case ALIGN_NONE -> metric.kind();
        case ALIGN_DELTA, ALIGN_SUM, ALIGN_COUNT ->
            metric.kind() == MetricKind.DELTA ? MetricKind.DELTA : MetricKind.GAUGE;
        default -> MetricKind.GAUGE;
      };
    }

    private void checkReducer() {
      ValueType in = alignedType();
      boolean ok =
          switch (reducer) {
            case REDUCE_NONE, REDUCE_COUNT, REDUCE_SUM, REDUCE_MEAN, REDUCE_STDDEV -> true;
            case REDUCE_MIN, REDUCE_MAX -> in != ValueType.DISTRIBUTION;
            case REDUCE_PERCENTILE_99,
                REDUCE_PERCENTILE_95,
                REDUCE_PERCENTILE_50,
                REDUCE_PERCENTILE_05 ->
                true;
            default -> false;
          };
      if (!ok) {
        throw GrpcCalls.invalid(
            "Field aggregation.crossSeriesReducer had an invalid value of \""
                + reducer
                + "\": The reducer cannot be applied to value type "
                + in
                + ".");
      }
    }

    ValueType reducedType() {
      ValueType in = alignedType();
      return switch (reducer) {
        case REDUCE_NONE, REDUCE_SUM, REDUCE_MIN, REDUCE_MAX -> in;
        case REDUCE_COUNT -> ValueType.INT64;
        default -> ValueType.DOUBLE;
      };
    }

    /** Aligns one raw series; the result's points are newest first. */
    Series align(Series s, Instant start, Instant end) {
      List<RawPoint> points = s.points();
      List<RawPoint> out = new ArrayList<>();
      if (aligner == Aligner.ALIGN_NONE) {
        for (int i = points.size() - 1; i >= 0; i--) {
          out.add(points.get(i));
        }
        return new Series(s.metricLabels(), s.resourceLabels(), out);
      }
      // Windows (t - period, t] ending at the interval's end, newest first.
      boolean instant = start.equals(end);
      int hi = points.size() - 1;
      for (Instant t = end; t.isAfter(start) || instant; t = t.minusSeconds(periodSeconds)) {
        Instant windowStart = t.minusSeconds(periodSeconds);
        while (hi >= 0 && points.get(hi).end().isAfter(t)) {
          hi--;
        }
        List<Object> values = new ArrayList<>();
        int i = hi;
        while (i >= 0 && points.get(i).end().isAfter(windowStart)) {
          values.add(points.get(i).value());
          i--;
        }
        if (!values.isEmpty()) {
          Object value = Values.align(aligner, values, periodSeconds, values.get(0));
          Instant pointStart = alignedKind() == MetricKind.DELTA ? windowStart : t;
          out.add(new RawPoint(pointStart, t, value));
        }
        hi = i;
        if (instant) {
          break;
        }
      }
      return new Series(s.metricLabels(), s.resourceLabels(), out);
    }

    /** Combines series that share the group-by labels, point by point. */
    List<Series> reduce(List<Series> series) {
      if (reducer == Reducer.REDUCE_NONE) {
        return series;
      }
      Map<String, Series> groups = new TreeMap<>();
      Map<String, Map<Instant, List<Object>>> valuesByGroup = new TreeMap<>();
      Map<String, Map<Instant, Instant>> startsByGroup = new TreeMap<>();
      for (Series s : series) {
        Map<String, String> metricLabels = new TreeMap<>();
        Map<String, String> resourceLabels = new TreeMap<>();
        for (String field : groupBy) {
          String key = field.substring(field.lastIndexOf('.') + 1);
          Map<String, String> from =
              field.startsWith("metric.") ? s.metricLabels() : s.resourceLabels();
          Map<String, String> to = field.startsWith("metric.") ? metricLabels : resourceLabels;
          if (from.containsKey(key)) {
            to.put(key, from.get(key));
          }
        }
        String groupKey = metricLabels + "|" + resourceLabels;
        groups.putIfAbsent(groupKey, new Series(metricLabels, resourceLabels, new ArrayList<>()));
        Map<Instant, List<Object>> values =
            valuesByGroup.computeIfAbsent(
                groupKey, k -> new TreeMap<>(java.util.Comparator.reverseOrder()));
        Map<Instant, Instant> starts =
            startsByGroup.computeIfAbsent(groupKey, k -> new TreeMap<>());
        for (RawPoint p : s.points()) {
          values.computeIfAbsent(p.end(), k -> new ArrayList<>()).add(p.value());
          starts.putIfAbsent(p.end(), p.start());
        }
      }
      List<Series> out = new ArrayList<>();
      for (var group : groups.entrySet()) {
        Map<Instant, Instant> starts = startsByGroup.get(group.getKey());
        valuesByGroup
            .get(group.getKey())
            .forEach(
                (end, values) ->
                    group
                        .getValue()
                        .points()
                        .add(new RawPoint(starts.get(end), end, Values.reduce(reducer, values))));
        out.add(group.getValue());
      }
      return out;
    }

    TimeSeries toProto(Series s) {
      TimeSeries.Builder out =
          TimeSeries.newBuilder()
              .setMetric(Metric.newBuilder().setType(metric.type()).putAllLabels(s.metricLabels()))
              .setResource(
                  MonitoredResource.newBuilder()
                      .setType("cloud_run_revision")
                      .putAllLabels(s.resourceLabels()))
              .setMetricKind(alignedKind())
              .setValueType(reducedType())
              .setUnit(aligner == Aligner.ALIGN_RATE ? metric.unit() + "/s" : metric.unit());
      for (RawPoint p : s.points()) {
        out.addPoints(point(p.start(), p.end(), p.value()));
      }
      return out.build();
    }

    private static Point point(Instant start, Instant end, Object value) {
      return Point.newBuilder()
          .setInterval(
              TimeInterval.newBuilder().setStartTime(timestamp(start)).setEndTime(timestamp(end)))
          .setValue(Values.typed(value))
          .build();
    }
  }
}
