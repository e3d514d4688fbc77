package dev.lookout.lifecycle;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops an executor without interrupting work under way, unless it outlasts a grace period. An
 * interrupt is no way to stop a thread in the middle of a database write: H2 closes its file when a
 * thread writing to it is interrupted, and every other thread's next query then fails with "the
 * database has been closed" (a quitting demo printed a screenful of such errors, and the lease
 * could not be handed over).
 */
public final class Shutdown {
  /** How long work under way may take to finish before it is interrupted. */
  public static final Duration GRACE = Duration.ofSeconds(5);

  private Shutdown() {}

  /**
   * Takes no new work, lets what runs finish within {@code grace}, then interrupts what is left.
   *
   * @return whether everything finished within the grace period
   */
  public static boolean gracefully(ExecutorService executor, Duration grace) {
    executor.shutdown();
    try {
      if (executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    return false;
  }
}
