package dev.lookout.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ticks on the injected clock, driven by hand: marks, catching up, and isolation. */
class SchedulerTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private final HandClock clock = new HandClock(T0);
  private final List<String> ran = new ArrayList<>();

  private Scheduler scheduler(Scheduler.Routine... routines) {
    List<Scheduler.Named> named = new ArrayList<>();
    for (int i = 0; i < routines.length; i++) {
      named.add(new Scheduler.Named("r" + i, routines[i]));
    }
    return new Scheduler(clock, Duration.ofMinutes(1), named);
  }

  @Test
  @DisplayName("a routine runs once per mark of the clock, not once per wake-up")
  void oncePerMark() {
    Scheduler s = scheduler(now -> ran.add(now.toString()));
    s.arm();
    s.wakeUp();
    s.wakeUp();
    clock.set(T0.plusSeconds(59));
    s.wakeUp();
    clock.set(T0.plusSeconds(61));
    s.wakeUp();
    assertThat(ran).containsExactly("2026-11-22T10:00:00Z", "2026-11-22T10:01:01Z");
    assertThat(s.caughtUp()).isTrue();
    s.close();
  }

  @Test
  @DisplayName("a jump of time runs one tick, not one per missed mark, and keeps the phase")
  void skipsMissedMarks() {
    Scheduler s = scheduler(now -> ran.add(now.toString()));
    s.arm();
    s.wakeUp();
    clock.set(T0.plus(Duration.ofMinutes(10)).plusSeconds(30));
    s.wakeUp();
    assertThat(ran).hasSize(2);
    clock.set(T0.plus(Duration.ofMinutes(10)).plusSeconds(59));
    s.wakeUp();
    assertThat(ran).hasSize(2);
    clock.set(T0.plus(Duration.ofMinutes(11)));
    s.wakeUp();
    assertThat(ran).hasSize(3).last().isEqualTo("2026-11-22T10:11:00Z");
    s.close();
  }

  @Test
  @DisplayName("a routine that throws is contained: the others and later ticks still run")
  void failuresAreContained() {
    Scheduler s =
        scheduler(
            now -> {
              throw new IllegalStateException("Cloud Monitoring: UNAVAILABLE");
            },
            now -> ran.add("second"),
            now -> {
              throw new AssertionError("an Error too");
            },
            now -> ran.add("fourth"));
    s.arm();
    s.wakeUp();
    clock.set(T0.plusSeconds(60));
    s.wakeUp();
    assertThat(ran).containsExactly("second", "fourth", "second", "fourth");
    assertThat(s.lastTick()).isEqualTo(T0.plusSeconds(60));
    s.close();
  }

  @Test
  @DisplayName("until the first tick has run, the scheduler is not caught up")
  void notCaughtUpBeforeFirstTick() {
    Scheduler s = scheduler(now -> ran.add("x"));
    assertThat(s.caughtUp()).isFalse();
    s.arm();
    assertThat(s.caughtUp()).isFalse();
    s.wakeUp();
    assertThat(s.caughtUp()).isTrue();
    s.close();
  }
}
