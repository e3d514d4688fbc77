package dev.lookout.operations;

/**
 * The Cloud Run Admin API as proposals need it: read a service's scaling, check a change without
 * making it, and make it with the etag it was read with. The adapter changes only the scaling and
 * resource fields.
 */
public interface ScalingTarget {
  /** A service's scaling as deployed, with the etag to update it by. */
  record Deployed(ScaleSettings settings, String etag, String revision) {}

  /** A change that went through: the revision now serving it. */
  record Applied(String revision) {}

  /**
   * @throws NoSuchServiceException when the project has no such service
   * @throws TargetUnavailableException when the API cannot be reached
   */
  Deployed read(String service);

  /**
   * Asks the API to check {@code proposed} without applying it ({@code validate_only}).
   *
   * @throws ChangeRefusedException with the API's reason when it would refuse the change
   */
  void validate(String service, ScaleSettings proposed, String etag);

  /**
   * Starts the change; returns the long-running operation's name.
   *
   * @throws ConflictException when the service changed since {@code etag}
   * @throws ChangeRefusedException when the API refuses it
   */
  String update(String service, ScaleSettings proposed, String etag);

  /**
   * Follows an operation {@link #update} started until the rollout is done.
   *
   * @throws ChangeRefusedException when the rollout failed
   */
  Applied await(String operation);

  /** The service is not in the project. */
  final class NoSuchServiceException extends RuntimeException {
    public NoSuchServiceException(String service) {
      super("there is no service `" + service + "` in the project");
    }
  }

  /** The service changed since it was read. */
  final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
      super(message);
    }
  }

  /** Cloud Run refused the change or its rollout failed; the message is Cloud Run's reason. */
  final class ChangeRefusedException extends RuntimeException {
    public ChangeRefusedException(String message) {
      super(message);
    }
  }

  /** Cloud Run could not be reached; trying again later may work. */
  final class TargetUnavailableException extends RuntimeException {
    public TargetUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
