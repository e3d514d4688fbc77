package dev.lookout.scheduler;

import dev.lookout.lifecycle.Shutdown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs routines every {@code interval} of the injected clock (in demo mode the simulator's virtual
 * clock, so a minute passes in a second). Each routine is isolated: one that throws is logged and
 * the others, and later ticks, still run.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  /** Work done once per tick. */
  @FunctionalInterface
  public interface Routine {
    void run(Instant now) throws Exception;
  }

  /** A routine with a name for the logs. */
  public record Named(String name, Routine routine) {}

  private final Clock clock;
  private final Duration interval;
  private final List<Named> routines;
  private final ScheduledExecutorService wake;
  private volatile Instant next;
  private volatile Instant lastTick;

  public Scheduler(Clock clock, Duration interval, List<Named> routines) {
    this("lookout-scheduler", clock, interval, routines);
  }

  /** A scheduler on a thread of its own, named {@code thread}. */
  public Scheduler(String thread, Clock clock, Duration interval, List<Named> routines) {
    this.wake =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name(thread).factory());
    this.clock = clock;
    this.interval = interval;
    this.routines = List.copyOf(routines);
  }

  public void start() {
    arm();
    // The wall-clock wake-up only checks whether the (possibly virtual) clock reached the next
    // tick.
    wake.scheduleWithFixedDelay(this::wakeUp, 0, 50, TimeUnit.MILLISECONDS);
  }

  /** The first tick is due now. */
  void arm() {
    next = clock.instant();
  }

  /** Runs the routines if the clock reached the next mark; called every 50 ms of real time. */
  void wakeUp() {
    Instant now = clock.instant();
    if (now.isBefore(next)) {
      return;
    }
    runAll(now);
    next = next.plus(interval);
    if (next.isBefore(now)) {
      // Fell behind (a long tick, or time jumped): skip the missed ticks rather than replay them,
      // but keep the schedule's phase, so ticks still fall on the same marks of the clock.
      long step = interval.toNanos();
      long behind = (Duration.between(next, now).toNanos() + step - 1) / step;
      next = next.plus(interval.multipliedBy(behind));
    }
  }

  /** Runs every routine once, now; each failure is contained. */
  void runAll(Instant now) {
    for (Named r : routines) {
      try {
        r.routine().run(now);
      } catch (Exception | Error e) {
        if (e instanceof VirtualMachineError v) {
          throw v;
        }
        LOG.error("routine {} failed at {}", r.name(), now, e);
      }
    }
    lastTick = now;
  }

  /**
   * Whether every tick due by the clock's current time has run: the clock has not reached the next
   * mark of the schedule. Time that stops between two marks is caught up with once the tick at the
   * earlier mark has run.
   */
  public boolean caughtUp() {
    Instant n = next;
    return n != null && lastTick != null && clock.instant().isBefore(n);
  }

  /** The clock time of the last completed tick, for health and tests. */
  public Instant lastTick() {
    return lastTick;
  }

  @Override
  public void close() {
    // A tick under way finishes its routine before the database behind it closes.
    if (!Shutdown.gracefully(wake, Duration.ofSeconds(10))) {
      LOG.warn("a scheduler tick was still running at shutdown; it was interrupted");
    }
  }
}
