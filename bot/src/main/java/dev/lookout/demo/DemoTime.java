package dev.lookout.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's clock runs sixty times faster than real time, so a demo started again from real time
 * would find what it stored hours "in the future": silences not yet begun, proposals made later.
 * Its time is kept in the data directory every second, and a demo starts where the last one left
 * off (with a margin for what a kill lost), or at real time if that is later: demo time never runs
 * backwards.
 */
public final class DemoTime {
  /** What a kill may have lost: a second of real time is a minute here. */
  private static final Duration MARGIN = Duration.ofMinutes(2);

  private final Path file;
  private final ScheduledExecutorService keeper =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("demo-time").factory());

  private DemoTime(Path file) {
    this.file = file;
  }

  /** Where a demo in {@code dataDirectory} starts: real time, or later if its time ran ahead. */
  public static Instant start(Path dataDirectory, Instant realNow) {
    Instant now = realNow.truncatedTo(ChronoUnit.MINUTES);
    try {
      Instant kept = Instant.parse(Files.readString(dataDirectory.resolve("demo-time")).strip());
      Instant resume = kept.plus(MARGIN).truncatedTo(ChronoUnit.MINUTES);
      return resume.isAfter(now) ? resume : now;
    } catch (IOException | DateTimeParseException e) {
      return now;
    }
  }

  /** Keeps {@code clock}'s time in {@code dataDirectory} every second, on a daemon thread. */
  public static DemoTime keep(Path dataDirectory, Clock clock) {
    DemoTime t = new DemoTime(dataDirectory.resolve("demo-time"));
    t.keeper.scheduleWithFixedDelay(() -> t.write(clock.instant()), 0, 1, TimeUnit.SECONDS);
    return t;
  }

  private void write(Instant at) {
    try {
      Path tmp = file.resolveSibling("demo-time.tmp");
      Files.writeString(tmp, at.toString());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Best effort: the next second tries again.
    }
  }
}
