package dev.lookout.cloud;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Google reads started together and joined later, so that the queries behind one card cost the
 * slowest of them rather than their sum. Each read runs on a virtual thread: it waits on the
 * network and holds no platform thread while it does.
 */
final class Parallel {
  private static final ExecutorService READS = Executors.newVirtualThreadPerTaskExecutor();

  private Parallel() {}

  /** A read under way. */
  static final class Task<T> {
    private final CompletableFuture<T> future;

    private Task(CompletableFuture<T> future) {
      this.future = future;
    }

    /** Waits for the read; its failure is thrown as it was thrown, not wrapped. */
    T join() {
      try {
        return future.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e;
      }
    }
  }

  static <T> Task<T> start(Supplier<T> read) {
    return new Task<>(CompletableFuture.supplyAsync(read, READS));
  }
}
