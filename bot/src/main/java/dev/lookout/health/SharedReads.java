package dev.lookout.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads that share their result: callers asking for the same key while a read is under way wait for
 * it rather than starting their own, and a read that succeeded answers its key until the key is
 * forgotten. Keys carry what makes data new (such as its minute), so a new minute is a new read. A
 * failed read is not kept: its waiters get its failure, and the next caller tries again.
 *
 * @param <K> what identifies one read
 * @param <V> what it returns
 */
public final class SharedReads<K, V> {
  private final ConcurrentHashMap<K, CompletableFuture<V>> reads = new ConcurrentHashMap<>();
  private final boolean enabled;

  /**
   * @param enabled false reads every time, as the path without sharing (for comparison)
   */
  public SharedReads(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The value for {@code key}: the one read already, or being read, or read now by {@code read} in
   * the calling thread.
   */
  public V get(K key, Supplier<V> read) {
    if (!enabled) {
      return read.get();
    }
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> shared = reads.putIfAbsent(key, mine);
    if (shared == null) {
      try {
        V value = read.get();
        mine.complete(value);
        return value;
      } catch (RuntimeException | Error e) {
        reads.remove(key, mine);
        mine.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return shared.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a shared read", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Forgets the reads whose keys no longer serve, such as those of minutes gone by. */
  public void forget(Predicate<K> stale) {
    reads.keySet().removeIf(stale);
  }

  /** How many reads are kept, for tests. */
  public int size() {
    return reads.size();
  }
}
