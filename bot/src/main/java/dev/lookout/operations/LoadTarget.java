package dev.lookout.operations;

import java.time.Duration;

/**
 * A service's load endpoints, as drills need them. In demo mode they are the simulator's; in
 * production the URL configured for the service, or the service's own URL.
 */
public interface LoadTarget {
  /**
   * Starts stressing {@code service}.
   *
   * @throws LoadRefusedException when the endpoint refuses, with its reason
   */
  void start(String service, DrillKind kind, double intensity, Duration duration);

  /** Ends whatever drill runs on {@code service} now. */
  void stop(String service);

  /** The load endpoint refused or could not be reached; the message says which and why. */
  final class LoadRefusedException extends RuntimeException {
    public LoadRefusedException(String message) {
      super(message);
    }
  }
}
