package dev.lookout.simulator.gcp;

import com.google.cloud.run.v2.Service;
import com.google.longrunning.DeleteOperationRequest;
import com.google.longrunning.GetOperationRequest;
import com.google.longrunning.ListOperationsRequest;
import com.google.longrunning.ListOperationsResponse;
import com.google.longrunning.Operation;
import com.google.longrunning.OperationsGrpc;
import com.google.longrunning.WaitOperationRequest;
import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import dev.lookout.simulator.model.SimulatedProject;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code google.longrunning.Operations} for the Run API: an update's operation stays pending until
 * its rollout delay has passed in virtual time, then completes with the updated service.
 */
public final class Operations extends OperationsGrpc.OperationsImplBase {
  private final SimulatedProject project;
  private final Map<String, Pending> operations = new LinkedHashMap<>();

  private static final class Pending {
    Operation operation;
    boolean finishing;
    final Instant due;
    final Supplier<Service> finish;

    Pending(Operation operation, Instant due, Supplier<Service> finish) {
      this.operation = operation;
      this.due = due;
      this.finish = finish;
    }
  }

  public Operations(SimulatedProject project) {
    this.project = project;
    project.onTick(this::completeDue);
  }

  private String newName() {
    return "projects/"
        + project.projectId()
        + "/locations/"
        + project.region()
        + "/operations/"
        + project.randomId();
  }

  /** An operation that is already done, as a validate-only update returns. */
  synchronized Operation completed(Service result, Instant now) {
    Operation op =
        Operation.newBuilder()
            .setName(newName())
            .setMetadata(Any.pack(result))
            .setDone(true)
            .setResponse(Any.pack(result))
            .build();
    operations.put(op.getName(), new Pending(op, now, () -> result));
    return op;
  }

  /** An operation that completes at {@code due} by running {@code finish}. */
  Operation start(Service pending, Instant now, Instant due, Supplier<Service> finish) {
    Operation op =
        Operation.newBuilder()
            .setName(newName())
            .setMetadata(Any.pack(pending))
            .setDone(false)
            .build();
    synchronized (this) {
      operations.put(op.getName(), new Pending(op, due, finish));
    }
    completeDue(now);
    return find(op.getName());
  }

  /**
   * Finishes the operations whose time has come. The finishing callbacks run outside this object's
   * lock: they take the Run service's lock, which callers of {@link #start} hold.
   */
  private void completeDue(Instant now) {
    java.util.List<Pending> due = new java.util.ArrayList<>();
    synchronized (this) {
      for (Pending p : operations.values()) {
        if (!p.operation.getDone() && !p.finishing && !now.isBefore(p.due)) {
          p.finishing = true;
          due.add(p);
        }
      }
    }
    for (Pending p : due) {
      Service result;
      try {
        result = p.finish.get();
      } catch (io.grpc.StatusRuntimeException e) {
        synchronized (this) {
          p.operation =
              p.operation.toBuilder()
                  .setDone(true)
                  .setError(
                      com.google.rpc.Status.newBuilder()
                          .setCode(e.getStatus().getCode().value())
                          .setMessage(
                              e.getStatus().getDescription() == null
                                  ? ""
                                  : e.getStatus().getDescription()))
                  .build();
        }
        continue;
      }
      synchronized (this) {
        p.operation =
            p.operation.toBuilder()
                .setDone(true)
                .setMetadata(Any.pack(result))
                .setResponse(Any.pack(result))
                .build();
      }
    }
  }

  private Operation find(String name) {
    completeDue(project.clock().instant());
    synchronized (this) {
      Pending p = operations.get(name);
      if (p == null) {
        throw GrpcCalls.notFound("Operation " + name + " was not found.");
      }
      return p.operation;
    }
  }

  @Override
  public void getOperation(GetOperationRequest request, StreamObserver<Operation> response) {
    GrpcCalls.unary(response, () -> find(request.getName()));
  }

  @Override
  public void waitOperation(WaitOperationRequest request, StreamObserver<Operation> response) {
    // Virtual time may not move while we wait, so this answers at once, which the API allows.
    GrpcCalls.unary(response, () -> find(request.getName()));
  }

  @Override
  public void listOperations(
      ListOperationsRequest request, StreamObserver<ListOperationsResponse> response) {
    GrpcCalls.unary(
        response,
        () -> {
          completeDue(project.clock().instant());
          synchronized (this) {
            ListOperationsResponse.Builder out = ListOperationsResponse.newBuilder();
            operations.values().forEach(p -> out.addOperations(p.operation));
            return out.build();
          }
        });
  }

  @Override
  public void deleteOperation(DeleteOperationRequest request, StreamObserver<Empty> response) {
    GrpcCalls.unary(
        response,
        () -> {
          synchronized (this) {
            find(request.getName());
            operations.remove(request.getName());
            return Empty.getDefaultInstance();
          }
        });
  }
}
