package dev.lookout.simulator.gcp;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the simulated Google APIs answer: a value, or a status with Google's kind of message. */
final class GrpcCalls {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcCalls.class);

  private GrpcCalls() {}

  static <T> void unary(StreamObserver<T> observer, Supplier<T> call) {
    T value;
    try {
      value = call.get();
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    } catch (RuntimeException e) {
      LOG.error("simulated API call failed", e);
      observer.onError(
          Status.INTERNAL.withDescription(e.toString()).withCause(e).asRuntimeException());
      return;
    }
    observer.onNext(value);
    observer.onCompleted();
  }

  static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  static StatusRuntimeException notFound(String message) {
    return Status.NOT_FOUND.withDescription(message).asRuntimeException();
  }

  /** Checks a {@code projects/{id}} name against the simulated project. */
  static void requireProject(String name, String projectId, String field) {
    if (!name.startsWith("projects/") || name.indexOf('/', "projects/".length()) >= 0) {
      throw invalid(
          "Field " + field + " had an invalid value of \"" + name + "\": expected projects/{id}.");
    }
    if (!name.equals("projects/" + projectId)) {
      throw notFound("Project " + name.substring("projects/".length()) + " was not found.");
    }
  }
}
