package dev.lookout.simulator.gcp;

import com.google.api.MetricDescriptor.MetricKind;
import com.google.api.MetricDescriptor.ValueType;
import dev.lookout.simulator.model.Histogram;
import dev.lookout.simulator.model.MinuteSample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The metrics the simulated project writes, with the kind, value type and labels Cloud Run uses,
 * and how each is read off a {@link MinuteSample}. Values are {@code Long}, {@code Double} or
 * {@link Histogram}.
 */
record CloudRunMetric(
    String type, MetricKind kind, ValueType valueType, String unit, Extractor extractor) {

  /** The custom metric the services with a queue write their backlog to. */
  static final String QUEUE_DEPTH = "custom.googleapis.com/lookout/queue_depth";

  interface Extractor {
    void extract(MinuteSample minute, BiConsumer<Map<String, String>, Object> sink);
  }

  static final List<CloudRunMetric> ALL =
      List.of(
          new CloudRunMetric(
              "run.googleapis.com/container/cpu/utilizations",
              MetricKind.DELTA,
              ValueType.DISTRIBUTION,
              "10^2.%",
              (m, sink) -> distribution(m.cpu(), Map.of(), sink)),
          new CloudRunMetric(
              "run.googleapis.com/container/memory/utilizations",
              MetricKind.DELTA,
              ValueType.DISTRIBUTION,
              "10^2.%",
              (m, sink) -> distribution(m.memory(), Map.of(), sink)),
          new CloudRunMetric(
              "run.googleapis.com/container/instance_count",
              MetricKind.GAUGE,
              ValueType.INT64,
              "1",
              (m, sink) -> {
                sink.accept(Map.of("state", "active"), m.activeInstances());
                sink.accept(Map.of("state", "idle"), m.idleInstances());
              }),
          new CloudRunMetric(
              "run.googleapis.com/container/max_request_concurrencies",
              MetricKind.DELTA,
              ValueType.DISTRIBUTION,
              "1",
              (m, sink) -> distribution(m.concurrency(), Map.of("state", "active"), sink)),
          new CloudRunMetric(
              "run.googleapis.com/request_count",
              MetricKind.DELTA,
              ValueType.INT64,
              "1",
              (m, sink) ->
                  m.requestsByCode()
                      .forEach(
                          (code, count) -> {
                            Map<String, String> labels = new LinkedHashMap<>();
                            labels.put("response_code", String.valueOf(code));
                            labels.put("response_code_class", MinuteSample.statusClass(code));
                            sink.accept(labels, count);
                          })),
          new CloudRunMetric(
              "run.googleapis.com/request_latencies",
              MetricKind.DELTA,
              ValueType.DISTRIBUTION,
              "ms",
              (m, sink) ->
                  m.latencyByClass()
                      .forEach(
                          (cls, h) -> distribution(h, Map.of("response_code_class", cls), sink))),
          new CloudRunMetric(
              "run.googleapis.com/container/billable_instance_time",
              MetricKind.DELTA,
              ValueType.DOUBLE,
              "s",
              (m, sink) -> {
                if (m.billableSeconds() > 0) {
                  sink.accept(Map.of(), m.billableSeconds());
                }
              }),
          new CloudRunMetric(
              "run.googleapis.com/container/cpu/allocation_time",
              MetricKind.DELTA,
              ValueType.DOUBLE,
              "s{CPU}",
              (m, sink) -> {
                if (m.cpuAllocationSeconds() > 0) {
                  sink.accept(Map.of(), m.cpuAllocationSeconds());
                }
              }),
          new CloudRunMetric(
              "run.googleapis.com/container/memory/allocation_time",
              MetricKind.DELTA,
              ValueType.DOUBLE,
              "GiBy.s",
              (m, sink) -> {
                if (m.memoryAllocationGibSeconds() > 0) {
                  sink.accept(Map.of(), m.memoryAllocationGibSeconds());
                }
              }),
          new CloudRunMetric(
              "run.googleapis.com/container/startup_latencies",
              MetricKind.DELTA,
              ValueType.DISTRIBUTION,
              "ms",
              (m, sink) -> distribution(m.startup(), Map.of(), sink)),
          new CloudRunMetric(
              QUEUE_DEPTH,
              MetricKind.GAUGE,
              ValueType.INT64,
              "1",
              (m, sink) -> {
                if (m.hasQueue()) {
                  sink.accept(Map.of(), m.queueDepth());
                }
              }));

  static Optional<CloudRunMetric> find(String type) {
    return ALL.stream().filter(m -> m.type.equals(type)).findFirst();
  }

  private static void distribution(
      Histogram h, Map<String, String> labels, BiConsumer<Map<String, String>, Object> sink) {
    if (h.count() > 0) {
      sink.accept(labels, h);
    }
  }
}
