package dev.lookout.cloud;

import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.FailedPreconditionException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.PermissionDeniedException;
import com.google.cloud.run.v2.ResourceRequirements;
import com.google.cloud.run.v2.RevisionScaling;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.UpdateServiceRequest;
import com.google.protobuf.FieldMask;
import dev.lookout.operations.ScaleSettings;
import dev.lookout.operations.ScalingTarget;
import java.util.concurrent.ExecutionException;

/**
 * Proposals' view of the Cloud Run Admin API v2. Updates carry an update mask naming only the
 * scaling and resource fields, and the etag the proposal was made against, so nothing else about
 * the service is touched and a concurrent change is refused by Cloud Run rather than overwritten.
 */
public final class CloudRunScaling implements ScalingTarget {
  /** The fields a proposal may change; everything else in the service stays as it is. */
  static final FieldMask SCALING_FIELDS =
      FieldMask.newBuilder()
          .addPaths("template.scaling")
          .addPaths("template.max_instance_request_concurrency")
          .addPaths("template.containers")
          .build();

  private final GoogleClients clients;
  private final String parent;

  public CloudRunScaling(GoogleClients clients, String projectId, String region) {
    this.clients = clients;
    this.parent = "projects/" + projectId + "/locations/" + region;
  }

  @Override
  public Deployed read(String service) {
    Service s = get(service);
    return new Deployed(settings(s), s.getEtag(), shortRevision(s.getLatestReadyRevision()));
  }

  private Service get(String service) {
    try {
      return clients.services().getService(parent + "/services/" + service);
    } catch (NotFoundException e) {
      throw new NoSuchServiceException(service);
    } catch (ApiException e) {
      throw unavailable(e);
    }
  }

  static ScaleSettings settings(Service s) {
    var t = s.getTemplate();
    var limits =
        t.getContainersCount() == 0
            ? java.util.Map.<String, String>of()
            : t.getContainers(0).getResources().getLimitsMap();
    return new ScaleSettings(
        Math.max(t.getScaling().getMinInstanceCount(), s.getScaling().getMinInstanceCount()),
        t.getScaling().getMaxInstanceCount() == 0 ? 100 : t.getScaling().getMaxInstanceCount(),
        t.getMaxInstanceRequestConcurrency() == 0 ? 80 : t.getMaxInstanceRequestConcurrency(),
        ScaleSettings.parseCpu(limits.getOrDefault("cpu", "1")),
        ScaleSettings.parseMemory(limits.getOrDefault("memory", "512Mi")));
  }

  @Override
  public void validate(String service, ScaleSettings proposed, String etag) {
    try {
      clients.services().updateServiceAsync(request(get(service), proposed, etag, true)).get();
    } catch (ExecutionException e) {
      throw translate(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetUnavailableException("interrupted", e);
    }
  }

  @Override
  public String update(String service, ScaleSettings proposed, String etag) {
    Service current = get(service);
    if (!current.getEtag().equals(etag)) {
      throw new ConflictException(
          "its etag is now "
              + current.getEtag()
              + (current.getLastModifier().isEmpty()
                  ? ""
                  : ", last changed by " + current.getLastModifier()));
    }
    try {
      return clients
          .services()
          .updateServiceOperationCallable()
          .futureCall(request(current, proposed, etag, false))
          .getInitialFuture()
          .get()
          .getName();
    } catch (ExecutionException e) {
      throw translate(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetUnavailableException("interrupted", e);
    }
  }

  @Override
  public Applied await(String operation) {
    try {
      Service done =
          clients.services().updateServiceOperationCallable().resumeFutureCall(operation).get();
      return new Applied(shortRevision(done.getLatestReadyRevision()));
    } catch (ExecutionException e) {
      throw translate(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetUnavailableException("interrupted", e);
    } catch (java.util.concurrent.CancellationException e) {
      throw new TargetUnavailableException("the rollout took too long to follow", e);
    }
  }

  /** The update: the service as read, with only the scaling and resource fields changed. */
  static UpdateServiceRequest request(
      Service current, ScaleSettings proposed, String etag, boolean validateOnly) {
    var template = current.getTemplate().toBuilder();
    template.setScaling(
        RevisionScaling.newBuilder(current.getTemplate().getScaling())
            .setMinInstanceCount(proposed.minInstances())
            .setMaxInstanceCount(proposed.maxInstances()));
    template.setMaxInstanceRequestConcurrency(proposed.concurrency());
    var container = template.getContainers(0).toBuilder();
    ResourceRequirements.Builder resources = container.getResources().toBuilder();
    resources.putLimits("cpu", ScaleSettings.cpuText(proposed.cpuMillis()));
    resources.putLimits("memory", ScaleSettings.memoryLimit(proposed.memoryMiB()));
    // Sending resources without cpu_idle would change CPU allocation; keep what the service had.
    resources.setCpuIdle(container.getResources().getCpuIdle());
    container.setResources(resources);
    template.setContainers(0, container);
    template.setRevision("");
    Service.Builder update =
        Service.newBuilder().setName(current.getName()).setEtag(etag).setTemplate(template);
    return UpdateServiceRequest.newBuilder()
        .setService(update)
        .setUpdateMask(SCALING_FIELDS)
        .setValidateOnly(validateOnly)
        .build();
  }

  private RuntimeException translate(Throwable cause) {
    if (cause instanceof AbortedException e) {
      return new ConflictException(message(e));
    }
    if (cause instanceof InvalidArgumentException
        || cause instanceof FailedPreconditionException
        || cause instanceof PermissionDeniedException) {
      return new ChangeRefusedException(message((ApiException) cause));
    }
    if (cause instanceof NotFoundException e) {
      return new ChangeRefusedException(message(e));
    }
    if (cause instanceof ApiException e) {
      // No answer is not a refusal: the change waits, and resume() reads the service to learn
      // whether it went through before sending anything again.
      return switch (e.getStatusCode().getCode()) {
        case UNAVAILABLE, DEADLINE_EXCEEDED -> unavailable(e);
        default -> new ChangeRefusedException(e.getStatusCode().getCode() + ": " + message(e));
      };
    }
    return new TargetUnavailableException(String.valueOf(cause), cause);
  }

  private static String message(ApiException e) {
    String m = e.getMessage();
    // gax prefixes the status ("io.grpc.StatusRuntimeException: ABORTED: ..."); keep the reason.
    int colon = m == null ? -1 : m.indexOf(": ", m.indexOf(": ") + 1);
    return m == null
        ? e.getStatusCode().getCode().toString()
        : colon > 0 ? m.substring(colon + 2) : m;
  }

  private static TargetUnavailableException unavailable(ApiException e) {
    return new TargetUnavailableException(
        "Cloud Run did not answer (" + e.getStatusCode().getCode() + ")", e);
  }

  private static String shortRevision(String revision) {
    return revision.substring(revision.lastIndexOf('/') + 1);
  }
}
