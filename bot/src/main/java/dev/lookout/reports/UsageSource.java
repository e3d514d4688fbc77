package dev.lookout.reports;

import java.time.Instant;
import java.util.List;

/** Where hourly usage comes from: Cloud Monitoring, read with aligned and reduced queries. */
public interface UsageSource {
  /**
   * Every service's usage for each whole UTC hour in {@code [from, to)}. A service without data in
   * an hour has no row for it.
   *
   * @throws UnavailableException when Monitoring cannot be reached
   */
  List<HourlyUsage> hourly(Instant from, Instant to);

  /** Monitoring did not answer; nothing was read. */
  final class UnavailableException extends RuntimeException {
    public UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
