package dev.lookout.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.longrunning.OperationFuture;
import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.run.v2.ListServicesRequest;
import com.google.cloud.run.v2.RevisionScaling;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.run.v2.UpdateServiceRequest;
import com.google.monitoring.v3.Aggregation;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Cloud Run Admin API through the official v2 {@link ServicesClient}. */
class RunContractIT {
  private SimulatorFixture fixture;
  private ServicesClient run;

  @BeforeEach
  void start() {
    fixture = new SimulatorFixture();
    run = fixture.clients.services();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private Service withMax(Service s, int max) {
    return s.toBuilder()
        .setTemplate(
            s.getTemplate().toBuilder()
                .setScaling(s.getTemplate().getScaling().toBuilder().setMaxInstanceCount(max)))
        .build();
  }

  /** Sends an update, lets its rollout finish in virtual time and returns the result. */
  private Service rollOut(UpdateServiceRequest request) throws Exception {
    OperationFuture<Service, Service> op = run.updateServiceAsync(request);
    // The call is asynchronous: it must reach the simulator before time moves on.
    op.getInitialFuture().get(10, TimeUnit.SECONDS);
    fixture.simulator.advance(Duration.ofSeconds(10));
    return op.get(30, TimeUnit.SECONDS);
  }

  private Service rollOut(Service service) throws Exception {
    return rollOut(UpdateServiceRequest.newBuilder().setService(service).build());
  }

  @Test
  @DisplayName("list and get return the project's services with their scaling")
  void listAndGet() {
    List<String> names = new ArrayList<>();
    run.listServices(
            ListServicesRequest.newBuilder()
                .setParent(SimulatorFixture.LOCATION)
                .setPageSize(2)
                .build())
        .iterateAll()
        .forEach(s -> names.add(s.getName()));
    assertThat(names)
        .containsExactly(
            fixture.serviceName("consumer"),
            fixture.serviceName("checkout-api"),
            fixture.serviceName("auth-gateway"),
            fixture.serviceName("image-resizer"),
            fixture.serviceName("nightly-report"));
    Service consumer = run.getService(fixture.serviceName("consumer"));
    assertThat(consumer.getTemplate().getScaling().getMaxInstanceCount()).isEqualTo(10);
    assertThat(consumer.getTemplate().getMaxInstanceRequestConcurrency()).isEqualTo(4);
    assertThat(consumer.getTemplate().getContainers(0).getResources().getLimitsMap())
        .containsEntry("cpu", "1")
        .containsEntry("memory", "1024Mi");
    assertThat(consumer.getEtag()).isNotEmpty();
    assertThat(consumer.getUri()).startsWith(fixture.simulator.loadBaseUrl());
    assertThat(consumer.getReconciling()).isFalse();
  }

  @Test
  @DisplayName("an update is a pending operation until the rollout finishes, then it is applied")
  void pendingOperationCompletes() throws Exception {
    Service before = run.getService(fixture.serviceName("consumer"));
    OperationFuture<Service, Service> op = run.updateServiceAsync(withMax(before, 20));

    Service pending =
        ((com.google.protobuf.Any) op.getInitialFuture().get(5, TimeUnit.SECONDS).getMetadata())
            .unpack(Service.class);
    assertThat(pending.getReconciling()).isTrue();
    assertThat(op.isDone()).isFalse();
    assertThat(run.getService(fixture.serviceName("consumer")).getReconciling()).isTrue();

    fixture.simulator.advance(Duration.ofSeconds(10));
    Service after = op.get(30, TimeUnit.SECONDS);

    assertThat(after.getTemplate().getScaling().getMaxInstanceCount()).isEqualTo(20);
    assertThat(after.getGeneration()).isEqualTo(before.getGeneration() + 1);
    assertThat(after.getReconciling()).isFalse();
    assertThat(after.getEtag()).isNotEqualTo(before.getEtag());
    assertThat(after.getLatestReadyRevision()).isNotEqualTo(before.getLatestReadyRevision());
    assertThat(fixture.simulator.project().service("consumer").orElseThrow().spec().maxInstances())
        .isEqualTo(20);
  }

  @Test
  @DisplayName("an update with a stale etag is aborted and changes nothing")
  void conflict() throws Exception {
    Service original = run.getService(fixture.serviceName("checkout-api"));
    rollOut(withMax(original, 30));

    assertThatThrownBy(() -> run.updateServiceAsync(withMax(original, 5)).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(AbortedException.class)
        .hasMessageContaining("etag");
    assertThat(
            run.getService(fixture.serviceName("checkout-api"))
                .getTemplate()
                .getScaling()
                .getMaxInstanceCount())
        .isEqualTo(30);
  }

  @Test
  @DisplayName("validate_only answers with the would-be service and changes nothing")
  void validateOnly() throws Exception {
    Service before = run.getService(fixture.serviceName("consumer"));
    Service dryRun =
        run.updateServiceAsync(
                UpdateServiceRequest.newBuilder()
                    .setService(withMax(before, 40))
                    .setValidateOnly(true)
                    .build())
            .get(10, TimeUnit.SECONDS);
    assertThat(dryRun.getTemplate().getScaling().getMaxInstanceCount()).isEqualTo(40);
    Service after = run.getService(fixture.serviceName("consumer"));
    assertThat(after).isEqualTo(before);
  }

  @Test
  @DisplayName("an update mask changes only the named field")
  void updateMask() throws Exception {
    Service before = run.getService(fixture.serviceName("consumer"));
    Service request =
        Service.newBuilder()
            .setName(before.getName())
            .setTemplate(
                before.getTemplate().toBuilder()
                    .setScaling(
                        RevisionScaling.newBuilder().setMinInstanceCount(2).setMaxInstanceCount(12))
                    .setMaxInstanceRequestConcurrency(999))
            .build();
    Service after =
        rollOut(
            UpdateServiceRequest.newBuilder()
                .setService(request)
                .setUpdateMask(
                    FieldMask.newBuilder().addPaths("template.scaling.max_instance_count"))
                .build());
    assertThat(after.getTemplate().getScaling().getMaxInstanceCount()).isEqualTo(12);
    assertThat(after.getTemplate().getScaling().getMinInstanceCount())
        .isEqualTo(before.getTemplate().getScaling().getMinInstanceCount());
    assertThat(after.getTemplate().getMaxInstanceRequestConcurrency()).isEqualTo(4);
  }

  @Test
  @DisplayName("invalid updates are rejected with INVALID_ARGUMENT or NOT_FOUND")
  void invalid() {
    Service consumer = run.getService(fixture.serviceName("consumer"));
    Service minAboveMax =
        consumer.toBuilder()
            .setTemplate(
                consumer.getTemplate().toBuilder()
                    .setScaling(
                        RevisionScaling.newBuilder().setMinInstanceCount(5).setMaxInstanceCount(3)))
            .build();
    assertThatThrownBy(() -> run.updateServiceAsync(minAboveMax).get())
        .hasCauseInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("less than or equal to max_instance_count");

    Service threeCpus =
        consumer.toBuilder()
            .setTemplate(
                consumer.getTemplate().toBuilder()
                    .setContainers(
                        0,
                        consumer.getTemplate().getContainers(0).toBuilder()
                            .setResources(
                                consumer.getTemplate().getContainers(0).getResources().toBuilder()
                                    .putLimits("cpu", "3"))))
            .build();
    assertThatThrownBy(() -> run.updateServiceAsync(threeCpus).get())
        .hasCauseInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("cpu");

    assertThatThrownBy(
            () ->
                run.updateServiceAsync(
                        UpdateServiceRequest.newBuilder()
                            .setService(consumer)
                            .setUpdateMask(FieldMask.newBuilder().addPaths("template.colour"))
                            .build())
                    .get())
        .hasCauseInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("update_mask");

    assertThatThrownBy(() -> run.getService(fixture.serviceName("ghost")))
        .isInstanceOf(NotFoundException.class);
    assertThat(run.getService(fixture.serviceName("consumer"))).isEqualTo(consumer);
  }

  @Test
  @DisplayName("raising max instances through the API drains a saturated queue")
  void scaleOutRelievesQueue() throws Exception {
    Service consumer = run.getService(fixture.serviceName("consumer"));
    consumer = rollOut(withMax(consumer, 2));

    HttpResponse<String> drill =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(consumer.getUri() + "/full/enqueue?num=3000"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(drill.statusCode()).isEqualTo(200);
    fixture.simulator.advance(Duration.ofMinutes(3));
    long saturated = queueDepth();
    assertThat(saturated).isGreaterThan(2_000);

    rollOut(withMax(consumer, 50));
    fixture.simulator.advance(Duration.ofMinutes(6));
    assertThat(queueDepth()).isLessThan(saturated / 10);
  }

  private long queueDepth() {
    var now = fixture.simulator.project().clock().instant();
    List<TimeSeries> series = new ArrayList<>();
    fixture
        .clients
        .metrics()
        .listTimeSeries(
            ListTimeSeriesRequest.newBuilder()
                .setName(SimulatorFixture.PROJECT)
                .setFilter(
                    "metric.type=\"custom.googleapis.com/lookout/queue_depth\""
                        + " AND resource.labels.service_name=\"consumer\"")
                .setInterval(
                    TimeInterval.newBuilder()
                        .setStartTime(Timestamps.fromMillis(now.minusSeconds(120).toEpochMilli()))
                        .setEndTime(Timestamps.fromMillis(now.toEpochMilli())))
                .setAggregation(
                    Aggregation.newBuilder()
                        .setAlignmentPeriod(Durations.fromSeconds(60))
                        .setPerSeriesAligner(Aggregation.Aligner.ALIGN_MAX)
                        .setCrossSeriesReducer(Aggregation.Reducer.REDUCE_MAX))
                .build())
        .iterateAll()
        .forEach(series::add);
    assertThat(series).hasSize(1);
    return series.get(0).getPoints(0).getValue().getInt64Value();
  }
}
