package dev.lookout.simulator.gcp;

import com.google.cloud.run.v2.Condition;
import com.google.cloud.run.v2.Container;
import com.google.cloud.run.v2.ContainerPort;
import com.google.cloud.run.v2.GetServiceRequest;
import com.google.cloud.run.v2.IngressTraffic;
import com.google.cloud.run.v2.ListServicesRequest;
import com.google.cloud.run.v2.ListServicesResponse;
import com.google.cloud.run.v2.ResourceRequirements;
import com.google.cloud.run.v2.RevisionScaling;
import com.google.cloud.run.v2.RevisionTemplate;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServiceScaling;
import com.google.cloud.run.v2.ServicesGrpc;
import com.google.cloud.run.v2.TrafficTarget;
import com.google.cloud.run.v2.TrafficTargetAllocationType;
import com.google.cloud.run.v2.UpdateServiceRequest;
import com.google.longrunning.Operation;
import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import com.google.protobuf.util.FieldMaskUtil;
import dev.lookout.simulator.model.ServiceModel;
import dev.lookout.simulator.model.ServiceSpec;
import dev.lookout.simulator.model.SimulatedProject;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloud Run Admin API v2 {@code Services}: Get, List and Update with etags, update masks,
 * validate-only dry runs, and long-running operations that finish after a rollout delay. A
 * completed update changes the simulated service, so raising max instances relieves its queue.
 */
public final class RunServices extends ServicesGrpc.ServicesImplBase {
  private static final Pattern SERVICE_NAME =
      Pattern.compile("projects/([^/]+)/locations/([^/]+)/services/([^/]+)");
  private static final Pattern PARENT = Pattern.compile("projects/([^/]+)/locations/([^/]+)");
  private static final Pattern CPU = Pattern.compile("(\\d+(?:\\.\\d+)?)(m?)");
  private static final Pattern MEMORY = Pattern.compile("(\\d+)(Mi|Gi|M|G)");
  private static final Set<String> OUTPUT_ONLY =
      Set.of(
          "uid",
          "generation",
          "create_time",
          "update_time",
          "delete_time",
          "expire_time",
          "creator",
          "last_modifier",
          "observed_generation",
          "terminal_condition",
          "conditions",
          "latest_ready_revision",
          "latest_created_revision",
          "traffic_statuses",
          "uri",
          "urls",
          "reconciling",
          "etag",
          "name");

  private final SimulatedProject project;
  private final Operations operations;
  private final String loadBaseUrl;
  private final java.time.Duration rolloutDelay;
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final java.util.ArrayDeque<Status> failingUpdates = new java.util.ArrayDeque<>();
  private final java.util.ArrayDeque<String> failingRollouts = new java.util.ArrayDeque<>();

  /**
   * @param loadBaseUrl where the load endpoints listen; each service's {@code uri} is below it
   * @param rolloutDelay virtual time an update takes before its operation is done
   */
  public RunServices(
      SimulatedProject project,
      Operations operations,
      String loadBaseUrl,
      java.time.Duration rolloutDelay) {
    this.project = project;
    this.operations = operations;
    this.loadBaseUrl = loadBaseUrl;
    this.rolloutDelay = rolloutDelay;
    for (ServiceModel model : project.services()) {
      services.put(model.name(), initial(model));
    }
  }

  private String fullName(String service) {
    return "projects/"
        + project.projectId()
        + "/locations/"
        + project.region()
        + "/services/"
        + service;
  }

  private Service initial(ServiceModel model) {
    ServiceSpec spec = model.spec();
    Instant created = project.clock().instant().minus(java.time.Duration.ofDays(30));
    Service.Builder s =
        Service.newBuilder()
            .setName(fullName(model.name()))
            .setUid(project.randomId())
            .setCreateTime(MonitoringService.timestamp(created))
            .setCreator("deployer@" + project.projectId() + ".iam.gserviceaccount.com")
            .setLastModifier("deployer@" + project.projectId() + ".iam.gserviceaccount.com")
            .setIngress(IngressTraffic.INGRESS_TRAFFIC_ALL)
            .setTemplate(
                RevisionTemplate.newBuilder()
                    .setRevision("")
                    .setScaling(
                        RevisionScaling.newBuilder()
                            .setMinInstanceCount(spec.minInstances())
                            .setMaxInstanceCount(spec.maxInstances()))
                    .setMaxInstanceRequestConcurrency(spec.concurrency())
                    .setTimeout(Duration.newBuilder().setSeconds(spec.timeoutSeconds()))
                    .setServiceAccount(
                        model.name() + "@" + project.projectId() + ".iam.gserviceaccount.com")
                    .addContainers(
                        Container.newBuilder()
                            .setName(model.name() + "-1")
                            .setImage(
                                project.region()
                                    + "-docker.pkg.dev/"
                                    + project.projectId()
                                    + "/apps/"
                                    + model.name()
                                    + ":v1")
                            .setResources(
                                ResourceRequirements.newBuilder()
                                    .putLimits("cpu", cpuText(spec.cpuMillis()))
                                    .putLimits("memory", spec.memoryMiB() + "Mi")
                                    .setCpuIdle(true))
                            .addPorts(
                                ContainerPort.newBuilder()
                                    .setName("http1")
                                    .setContainerPort(8080))))
            .addTraffic(
                TrafficTarget.newBuilder()
                    .setType(TrafficTargetAllocationType.TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST)
                    .setPercent(100))
            .setGeneration(1)
            .setUri(loadBaseUrl + "/services/" + model.name());
    return ready(s, model.revision(), created).build();
  }

  /** Marks the service as reconciled on {@code revision}, with a fresh etag. */
  private Service.Builder ready(Service.Builder s, String revision, Instant at) {
    return s.setObservedGeneration(s.getGeneration())
        .setLatestCreatedRevision(revisionName(revision))
        .setLatestReadyRevision(revisionName(revision))
        .setReconciling(false)
        .setUpdateTime(MonitoringService.timestamp(at))
        .setTerminalCondition(
            Condition.newBuilder()
                .setType("Ready")
                .setState(Condition.State.CONDITION_SUCCEEDED)
                .setLastTransitionTime(MonitoringService.timestamp(at)))
        .clearConditions()
        .addConditions(
            Condition.newBuilder()
                .setType("RoutesReady")
                .setState(Condition.State.CONDITION_SUCCEEDED)
                .setLastTransitionTime(MonitoringService.timestamp(at)))
        .addConditions(
            Condition.newBuilder()
                .setType("ConfigurationsReady")
                .setState(Condition.State.CONDITION_SUCCEEDED)
                .setLastTransitionTime(MonitoringService.timestamp(at)))
        .setEtag(etag());
  }

  private String revisionName(String revision) {
    return fullName("").replace("/services/", "/revisions/") + revision;
  }

  private String etag() {
    return "\"" + project.randomId().substring(0, 18) + "\"";
  }

  @Override
  public void getService(GetServiceRequest request, StreamObserver<Service> response) {
    GrpcCalls.unary(response, () -> find(request.getName()));
  }

  @Override
  public void listServices(
      ListServicesRequest request, StreamObserver<ListServicesResponse> response) {
    GrpcCalls.unary(response, () -> list(request));
  }

  @Override
  public void updateService(UpdateServiceRequest request, StreamObserver<Operation> response) {
    GrpcCalls.unary(response, () -> update(request));
  }

  private synchronized Service find(String name) {
    Matcher m = SERVICE_NAME.matcher(name);
    if (!m.matches()) {
      throw GrpcCalls.invalid(
          "Field name had an invalid value of \""
              + name
              + "\": expected projects/{project}/locations/{location}/services/{service}.");
    }
    checkParent(m.group(1), m.group(2));
    Service s = services.get(m.group(3));
    if (s == null) {
      throw GrpcCalls.notFound("Resource '" + m.group(3) + "' of kind 'SERVICE' was not found.");
    }
    return s;
  }

  private void checkParent(String projectId, String location) {
    if (!projectId.equals(project.projectId())) {
      throw GrpcCalls.notFound("Project " + projectId + " was not found.");
    }
    if (!location.equals(project.region()) && !location.equals("-")) {
      throw GrpcCalls.notFound(
          "Location " + location + " has no services; this project runs in " + project.region());
    }
  }

  private synchronized ListServicesResponse list(ListServicesRequest request) {
    Matcher m = PARENT.matcher(request.getParent());
    if (!m.matches()) {
      throw GrpcCalls.invalid(
          "Field parent had an invalid value of \""
              + request.getParent()
              + "\": expected projects/{project}/locations/{location}.");
    }
    checkParent(m.group(1), m.group(2));
    if (request.getPageSize() < 0) {
      throw GrpcCalls.invalid("Field page_size must not be negative.");
    }
    int pageSize = request.getPageSize() == 0 ? 100 : Math.min(request.getPageSize(), 1000);
    String fingerprint = request.getParent();
    int from = 0;
    if (!request.getPageToken().isEmpty()) {
      from = (int) PageTokens.decode(request.getPageToken(), fingerprint, 1)[0];
    }
    List<Service> all = new ArrayList<>(services.values());
    ListServicesResponse.Builder out = ListServicesResponse.newBuilder();
    int to = Math.min(all.size(), from + pageSize);
    for (int i = Math.min(from, to); i < to; i++) {
      out.addServices(all.get(i));
    }
    if (to < all.size()) {
      out.setNextPageToken(PageTokens.encode(fingerprint, to));
    }
    return out.build();
  }

  private synchronized Operation update(UpdateServiceRequest request) {
    if (!request.hasService()) {
      throw GrpcCalls.invalid("Field service is required.");
    }
    Service requested = request.getService();
    Matcher m = SERVICE_NAME.matcher(requested.getName());
    if (m.matches() && !services.containsKey(m.group(3)) && request.getAllowMissing()) {
      throw Status.UNIMPLEMENTED
          .withDescription("creating services is not supported by the simulator")
          .asRuntimeException();
    }
    Service current = find(requested.getName());
    if (!requested.getEtag().isEmpty() && !requested.getEtag().equals(current.getEtag())) {
      throw Status.ABORTED
          .withDescription(
              "The etag "
                  + requested.getEtag()
                  + " does not match the current etag "
                  + current.getEtag()
                  + "; the service was changed since it was read. Read it again and retry.")
          .asRuntimeException();
    }
    Service merged =
        merge(current, requested, request.hasUpdateMask() ? request.getUpdateMask() : null);
    ServiceSpec spec = specOf(merged);
    String serviceName = m.group(3);
    boolean templateChanged = !merged.getTemplate().equals(current.getTemplate());
    Instant now = project.clock().instant();

    if (request.getValidateOnly()) {
      return operations.completed(merged, now);
    }
    if (!failingUpdates.isEmpty()) {
      throw failingUpdates.poll().asRuntimeException();
    }
    String rolloutFailure = failingRollouts.poll();
    Service.Builder next =
        merged.toBuilder()
            .setGeneration(current.getGeneration() + 1)
            .setReconciling(true)
            .setUpdateTime(MonitoringService.timestamp(now))
            .setLastModifier("lookout@" + project.projectId() + ".iam.gserviceaccount.com")
            .setEtag(etag())
            .setTerminalCondition(
                Condition.newBuilder()
                    .setType("Ready")
                    .setState(Condition.State.CONDITION_RECONCILING)
                    .setLastTransitionTime(MonitoringService.timestamp(now)));
    String revision = templateChanged ? project.nextRevisionName(serviceName) : null;
    if (revision != null) {
      next.setLatestCreatedRevision(revisionName(revision));
    }
    Service pending = next.build();
    services.put(serviceName, pending);
    long generation = pending.getGeneration();
    return operations.start(
        pending,
        now,
        now.plus(rolloutDelay),
        rolloutFailure == null
            ? () -> finishRollout(serviceName, generation, spec, revision)
            : () -> failRollout(serviceName, current, rolloutFailure));
  }

  /**
   * Makes the next {@code count} updates (dry runs excepted) fail at once with {@code status}, as
   * the Run API does when it refuses a change or is having a bad day.
   */
  public synchronized void failNextUpdates(Status status, int count) {
    for (int i = 0; i < count; i++) {
      failingUpdates.add(status);
    }
  }

  /**
   * Makes the next update's rollout fail: its operation ends with {@code message} as the error and
   * the service keeps serving its previous revision, as when a new revision never becomes ready.
   */
  public synchronized void failNextRollout(String message) {
    failingRollouts.add(message);
  }

  /** A rollout that failed: the service goes back to what it was, with a failed condition. */
  private synchronized Service failRollout(String serviceName, Service before, String message) {
    Instant now = project.clock().instant();
    Service failed =
        before.toBuilder()
            .setGeneration(services.get(serviceName).getGeneration())
            .setObservedGeneration(services.get(serviceName).getGeneration())
            .setEtag(etag())
            .setUpdateTime(MonitoringService.timestamp(now))
            .setTerminalCondition(
                Condition.newBuilder()
                    .setType("Ready")
                    .setState(Condition.State.CONDITION_FAILED)
                    .setMessage(message)
                    .setLastTransitionTime(MonitoringService.timestamp(now)))
            .build();
    services.put(serviceName, failed);
    throw Status.FAILED_PRECONDITION.withDescription(message).asRuntimeException();
  }

  /** Called when the rollout delay has passed: the model takes the new spec. */
  private synchronized Service finishRollout(
      String serviceName, long generation, ServiceSpec spec, String revision) {
    ServiceModel model = project.service(serviceName).orElseThrow();
    if (revision != null) {
      model.rollOut(spec, revision);
    } else {
      model.rescale(spec);
    }
    Service current = services.get(serviceName);
    if (current.getGeneration() != generation) {
      // A later update is in flight; it will mark the service ready.
      return current;
    }
    Service done = ready(current.toBuilder(), model.revision(), project.clock().instant()).build();
    services.put(serviceName, done);
    return done;
  }

  private static Service merge(Service current, Service requested, FieldMask mask) {
    if (mask == null || mask.getPathsCount() == 0) {
      // No mask: the request replaces the whole service; output-only fields are ignored.
      Service.Builder b = requested.toBuilder();
      for (String field : OUTPUT_ONLY) {
        b.setField(
            Service.getDescriptor().findFieldByName(field),
            current.getField(Service.getDescriptor().findFieldByName(field)));
      }
      return b.build();
    }
    for (String path : mask.getPathsList()) {
      if (!FieldMaskUtil.isValid(Service.class, path)) {
        throw GrpcCalls.invalid(
            "Field update_mask had an invalid value: '" + path + "' is not a field of Service.");
      }
      if (OUTPUT_ONLY.contains(path.split("\\.")[0])) {
        throw GrpcCalls.invalid(
            "Field update_mask had an invalid value: '" + path + "' is output only.");
      }
    }
    Service.Builder b = current.toBuilder();
    FieldMaskUtil.merge(
        mask,
        requested,
        b,
        new FieldMaskUtil.MergeOptions()
            .setReplaceMessageFields(true)
            .setReplaceRepeatedFields(true)
            .setReplacePrimitiveFields(true));
    return b.build();
  }

  /** Checks a service as Cloud Run does and reads the spec the simulation runs with. */
  static ServiceSpec specOf(Service s) {
    RevisionTemplate t = s.getTemplate();
    if (t.getContainersCount() == 0 || t.getContainers(0).getImage().isBlank()) {
      throw GrpcCalls.invalid(
          "Field template.containers had an invalid value: a container with an image is"
              + " required.");
    }
    int min = t.getScaling().getMinInstanceCount();
    int max =
        t.getScaling().getMaxInstanceCount() == 0 ? 100 : t.getScaling().getMaxInstanceCount();
    ServiceScaling serviceScaling = s.getScaling();
    if (serviceScaling.getMinInstanceCount() < 0 || serviceScaling.getMaxInstanceCount() < 0) {
      throw GrpcCalls.invalid(
          "Field scaling had an invalid value: instance counts must not be negative.");
    }
    if (serviceScaling.getScalingMode() == ServiceScaling.ScalingMode.MANUAL) {
      min = serviceScaling.getManualInstanceCount();
      max = Math.max(1, serviceScaling.getManualInstanceCount());
    } else {
      min = Math.max(min, serviceScaling.getMinInstanceCount());
      if (serviceScaling.getMaxInstanceCount() > 0) {
        max = Math.min(max, serviceScaling.getMaxInstanceCount());
      }
    }
    if (min < 0 || min > 1000) {
      throw GrpcCalls.invalid(
          "Field template.scaling.min_instance_count had an invalid value of "
              + min
              + ": it must be between 0 and 1000.");
    }
    if (max < 1 || max > 1000) {
      throw GrpcCalls.invalid(
          "Field template.scaling.max_instance_count had an invalid value of "
              + max
              + ": it must be between 1 and 1000.");
    }
    if (min > max) {
      throw GrpcCalls.invalid(
          "min_instance_count ("
              + min
              + ") must be less than or equal to max_instance_count ("
              + max
              + ").");
    }
    int concurrency =
        t.getMaxInstanceRequestConcurrency() == 0 ? 80 : t.getMaxInstanceRequestConcurrency();
    if (concurrency < 1 || concurrency > 1000) {
      throw GrpcCalls.invalid(
          "Field template.max_instance_request_concurrency had an invalid value of "
              + concurrency
              + ": it must be between 1 and 1000.");
    }
    Map<String, String> limits = t.getContainers(0).getResources().getLimitsMap();
    int cpuMillis = cpuMillis(limits.getOrDefault("cpu", "1"));
    int memoryMiB = memoryMiB(limits.getOrDefault("memory", "512Mi"));
    if (cpuMillis < 1000 && concurrency > 1) {
      throw GrpcCalls.invalid(
          "Total cpu < 1 is not supported with concurrency > 1; set cpu to at least 1 or"
              + " max_instance_request_concurrency to 1.");
    }
    int[][] minimumMemoryForCpu = {{4000, 2048}, {6000, 4096}, {8000, 4096}};
    for (int[] rule : minimumMemoryForCpu) {
      if (cpuMillis >= rule[0] && memoryMiB < rule[1]) {
        throw GrpcCalls.invalid(
            cpuText(cpuMillis)
                + " CPU needs at least "
                + rule[1] / 1024
                + " GiB of memory; memory is "
                + memoryMiB
                + " MiB.");
      }
    }
    int[][] minimumCpuForMemory = {{4096, 2000}, {8192, 4000}, {16384, 6000}, {24576, 8000}};
    for (int[] rule : minimumCpuForMemory) {
      if (memoryMiB > rule[0] && cpuMillis < rule[1]) {
        throw GrpcCalls.invalid(
            "Memory above "
                + rule[0] / 1024
                + " GiB needs at least "
                + rule[1] / 1000
                + " CPU; cpu is "
                + cpuText(cpuMillis)
                + ".");
      }
    }
    long timeout = t.hasTimeout() ? t.getTimeout().getSeconds() : 300;
    if (timeout < 1 || timeout > 3600) {
      throw GrpcCalls.invalid(
          "Field template.timeout had an invalid value of "
              + timeout
              + "s: it must be between 1s and 3600s.");
    }
    return new ServiceSpec(min, max, concurrency, cpuMillis, memoryMiB, (int) timeout);
  }

  static int cpuMillis(String text) {
    Matcher m = CPU.matcher(text.trim());
    if (!m.matches()) {
      throw GrpcCalls.invalid(
          "Invalid value for limit 'cpu': '"
              + text
              + "'. Use a number of CPUs such as 1, 2, 4, 6 or 8, or millicpu such as 500m.");
    }
    double value = Double.parseDouble(m.group(1));
    int millis = (int) Math.round(m.group(2).isEmpty() ? value * 1000 : value);
    boolean whole = millis % 1000 == 0;
    if (millis < 80
        || millis > 8000
        || (whole && millis > 1000 && !Set.of(2000, 4000, 6000, 8000).contains(millis))
        || (!whole && millis > 1000)) {
      throw GrpcCalls.invalid(
          "Invalid value for limit 'cpu': '"
              + text
              + "'. Allowed: 0.08 to 1 CPU, or 1, 2, 4, 6 or 8 CPUs.");
    }
    return millis;
  }

  static int memoryMiB(String text) {
    Matcher m = MEMORY.matcher(text.trim());
    if (!m.matches()) {
      throw GrpcCalls.invalid(
          "Invalid value for limit 'memory': '" + text + "'. Use a quantity such as 512Mi or 2Gi.");
    }
    long n = Long.parseLong(m.group(1));
    long mib =
        switch (m.group(2)) {
          case "Mi" -> n;
          case "Gi" -> n * 1024;
          case "M" -> n * 1_000_000 / 1_048_576;
          default -> n * 1_000_000_000 / 1_048_576;
        };
    if (mib < 128 || mib > 32 * 1024) {
      throw GrpcCalls.invalid(
          "Invalid value for limit 'memory': '" + text + "'. Allowed: 128Mi to 32Gi.");
    }
    return (int) mib;
  }

  static String cpuText(int millis) {
    return millis % 1000 == 0 ? String.valueOf(millis / 1000) : millis + "m";
  }

  /** The Service message of a service, for tests and the bot's fixtures. */
  public synchronized Service get(String service) {
    return services.get(service);
  }

  static Any pack(Service s) {
    return Any.pack(s);
  }
}
