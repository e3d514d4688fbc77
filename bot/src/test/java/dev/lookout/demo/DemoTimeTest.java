package dev.lookout.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's time never runs backwards across restarts of the same data directory. */
class DemoTimeTest {
  private static final Instant REAL = Instant.parse("2026-12-02T18:13:27Z");

  @Test
  @DisplayName("a first demo starts at real time, to the minute")
  void firstStart(@TempDir Path data) {
    assertThat(DemoTime.start(data, REAL)).isEqualTo(Instant.parse("2026-12-02T18:13:00Z"));
  }

  @Test
  @DisplayName("a demo whose time ran ahead resumes after it, with a margin for what a kill lost")
  void resumesAhead(@TempDir Path data) throws Exception {
    Files.writeString(data.resolve("demo-time"), "2026-12-02T21:40:31Z");
    assertThat(DemoTime.start(data, REAL)).isEqualTo(Instant.parse("2026-12-02T21:42:00Z"));
  }

  @Test
  @DisplayName("time kept behind real time, or unreadable, starts at real time")
  void behindOrGarbage(@TempDir Path data) throws Exception {
    Files.writeString(data.resolve("demo-time"), "2026-11-30T09:00:00Z");
    assertThat(DemoTime.start(data, REAL)).isEqualTo(Instant.parse("2026-12-02T18:13:00Z"));
    Files.writeString(data.resolve("demo-time"), "yesterday");
    assertThat(DemoTime.start(data, REAL)).isEqualTo(Instant.parse("2026-12-02T18:13:00Z"));
  }

  @Test
  @DisplayName("the kept time is written where the next start reads it")
  void keeps(@TempDir Path data) throws Exception {
    Instant at = Instant.parse("2026-12-03T02:00:00Z");
    DemoTime.keep(data, Clock.fixed(at, ZoneOffset.UTC));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!Files.exists(data.resolve("demo-time")) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(DemoTime.start(data, REAL)).isEqualTo(Instant.parse("2026-12-03T02:02:00Z"));
  }
}
