package dev.lookout.simulator.discord;

import java.util.concurrent.atomic.AtomicLong;

/** Discord ids: milliseconds since Discord's epoch in the high bits, a counter in the low. */
final class Snowflakes {
  private static final long DISCORD_EPOCH = 1_420_070_400_000L;

  /** 2025-01-01T00:00:00Z: when the simulated guild and everything in it were created. */
  private static final long WORLD_CREATED = 1_735_689_600_000L;

  private final AtomicLong last;
  private final boolean clocked;

  private Snowflakes(long first, boolean clocked) {
    this.last = new AtomicLong(first);
    this.clocked = clocked;
  }

  /** Ids of things made now: messages, interactions, attachments. */
  static Snowflakes now() {
    return new Snowflakes(0, true);
  }

  /**
   * Ids of the guild, its roles, channels and members and the application: the same on every start,
   * as a real guild's are, so what a bot stored against them survives a restart.
   */
  static Snowflakes world() {
    return new Snowflakes(((WORLD_CREATED - DISCORD_EPOCH) << 22) - 1, false);
  }

  long next() {
    if (!clocked) {
      return last.incrementAndGet();
    }
    long candidate = (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
    return last.updateAndGet(previous -> Math.max(previous + 1, candidate));
  }
}
