package dev.lookout.simulator.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time. It only moves when the simulator advances it, so a test can step through an hour
 * deterministically, and a demo can let an hour pass in a minute (the speed factor).
 */
public final class VirtualClock extends Clock {
  private final double speed;
  private volatile Instant now;

  /**
   * @param start the virtual instant the clock starts at
   * @param speed virtual seconds per wall second when the simulator runs in real time; 0 means the
   *     clock moves only when advanced by hand
   */
  public VirtualClock(Instant start, double speed) {
    if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be a finite number >= 0, got " + speed);
    }
    this.now = start;
    this.speed = speed;
  }

  /** Virtual seconds per wall second; 0 when the clock is stepped by hand. */
  public double speed() {
    return speed;
  }

  /** Moves the clock to {@code t} at once, without stepping anything in between. */
  void jumpTo(Instant t) {
    advance(Duration.between(now, t));
  }

  void advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("time does not run backwards: " + step);
    }
    now = now.plus(step);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the virtual clock is always UTC");
  }
}
