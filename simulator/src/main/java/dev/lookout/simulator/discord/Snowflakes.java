package dev.lookout.simulator.discord;

import java.util.concurrent.atomic.AtomicLong;

/** Discord ids: milliseconds since Discord's epoch in the high bits, a counter in the low. */
final class Snowflakes {
  private static final long DISCORD_EPOCH = 1_420_070_400_000L;
  private final AtomicLong last = new AtomicLong();

  long next() {
    long candidate = (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
    return last.updateAndGet(previous -> Math.max(previous + 1, candidate));
  }
}
