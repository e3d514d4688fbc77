package dev.lookout.simulator.model;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The service's backlog of requests waiting for a free slot. As in the hackathon's consumer it is a
 * counter under a lock: load drills add to it from HTTP threads while the simulation drains it.
 */
public final class RequestQueue {
  private final ReentrantLock lock = new ReentrantLock();
  private final long capacity;
  private long depth;

  public RequestQueue(long capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("queue capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Adds up to {@code count} requests.
   *
   * @return how many were accepted; the rest overflowed the queue
   */
  public long offer(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("cannot enqueue a negative count: " + count);
    }
    lock.lock();
    try {
      long accepted = Math.min(count, capacity - depth);
      depth += accepted;
      return accepted;
    } finally {
      lock.unlock();
    }
  }

  /** Takes up to {@code max} requests; returns how many were taken. */
  public long take(long max) {
    lock.lock();
    try {
      long taken = Math.min(Math.max(max, 0), depth);
      depth -= taken;
      return taken;
    } finally {
      lock.unlock();
    }
  }

  public long depth() {
    lock.lock();
    try {
      return depth;
    } finally {
      lock.unlock();
    }
  }

  public long capacity() {
    return capacity;
  }
}
