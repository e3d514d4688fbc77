package dev.lookout.health;

import java.time.Duration;
import java.util.List;

/** Where health comes from: Cloud Monitoring and the Run Admin API, behind a small port. */
public interface HealthSource {
  /** The names of the project's Cloud Run services. */
  List<String> services();

  /**
   * Reads a service's figures over {@code window} ending now.
   *
   * @throws UnknownServiceException when the project has no such service
   * @throws SourceUnavailableException when Google cannot be reached
   */
  ServiceHealth read(String service, Duration window);

  /** The project has no service by that name. */
  final class UnknownServiceException extends RuntimeException {
    public UnknownServiceException(String service) {
      super("no service named '" + service + "'");
    }
  }

  /** Google could not be reached or answered with an error. */
  final class SourceUnavailableException extends RuntimeException {
    public SourceUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
