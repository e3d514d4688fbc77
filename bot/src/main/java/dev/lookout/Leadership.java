package dev.lookout;

import dev.lookout.lifecycle.Shutdown;
import dev.lookout.store.Database;
import dev.lookout.store.LeaderLease;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's part in the election: standing by until the lease is free, then leading while it
 * renews the lease, and handing it over when it stops. A leader that cannot renew within the lease
 * (cut off from the database, paused) or finds the lease taken stops acting at once: its database
 * fence fails every write from then on, and {@code onLost} stops the rest.
 */
final class Leadership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  /** What {@code /healthz} reports. */
  enum Role {
    STANDBY,
    LEADER,
    LOST,
    STOPPED
  }

  private final LeaderLease lease;
  private final Database database;
  private final ScheduledExecutorService renewer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("lookout-lease").factory());
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Role role = Role.STANDBY;
  private volatile long fence = -1;
  private volatile long lastRenewed;

  Leadership(LeaderLease lease, Database database) {
    this.lease = lease;
    this.database = database;
  }

  Role role() {
    return role;
  }

  long fence() {
    return fence;
  }

  String holder() {
    return lease.holder();
  }

  /**
   * Waits until this instance leads (at once on embedded H2, whose file lock already excludes any
   * other process), then fences the database with the new token.
   *
   * @return false when closed while standing by
   */
  boolean awaitLeadership(boolean exclusive) throws InterruptedException {
    if (exclusive) {
      fence = lease.seize();
    } else {
      boolean announced = false;
      while (true) {
        try {
          var acquired = lease.tryAcquire();
          if (acquired.isPresent()) {
            fence = acquired.getAsLong();
            break;
          }
          if (!announced) {
            LOG.info(
                "standing by: {} leads; taking over when its lease ends",
                lease.current().map(LeaderLease.Holder::name).orElse("another instance"));
            announced = true;
          }
        } catch (Database.StoreException e) {
          LOG.warn("cannot reach the database to take the lease: {}", e.getMessage());
        }
        if (closed.await(1, TimeUnit.SECONDS)) {
          return false;
        }
      }
    }
    database.fence(lease.fenceFor(fence));
    lastRenewed = System.nanoTime();
    role = Role.LEADER;
    LOG.info("leading as {} with fence {}", lease.holder(), fence);
    return true;
  }

  /** Renews the lease a few times per lease period; calls {@code onLost} once if it is lost. */
  void keepRenewing(Runnable onLost) {
    long every = Math.max(500, lease.ttl().toMillis() / 5);
    renewer.scheduleWithFixedDelay(() -> renew(onLost), every, every, TimeUnit.MILLISECONDS);
  }

  private void renew(Runnable onLost) {
    if (role != Role.LEADER) {
      return;
    }
    boolean held;
    try {
      held = lease.renew(fence);
      if (held) {
        lastRenewed = System.nanoTime();
      }
    } catch (RuntimeException e) {
      // The database may be back before the lease runs out; until then this instance still leads.
      held = Duration.ofNanos(System.nanoTime() - lastRenewed).compareTo(lease.ttl()) < 0;
      LOG.warn("could not renew the lease: {}", e.getMessage());
    }
    if (!held) {
      role = Role.LOST;
      database.fence(LeaderLease.lost(fence));
      LOG.error("lost the lease (fence {}): another instance leads now; stopping", fence);
      try {
        onLost.run();
      } catch (RuntimeException e) {
        LOG.error("stopping after the lease was lost failed", e);
      }
    }
  }

  /** Stops renewing and, if this instance leads, hands the lease over at once. */
  @Override
  public void close() {
    closed.countDown();
    // A renewal under way finishes: interrupted in a write, H2 would close, and the release fail.
    Shutdown.gracefully(renewer, Shutdown.GRACE);
    if (role == Role.LEADER) {
      try {
        lease.release(fence);
        LOG.info("handed the lease over (fence {})", fence);
      } catch (RuntimeException e) {
        LOG.warn("could not hand the lease over; a standby takes it when it expires", e);
      }
    }
    role = Role.STOPPED;
  }
}
