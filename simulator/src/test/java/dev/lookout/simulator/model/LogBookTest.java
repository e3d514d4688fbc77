package dev.lookout.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The log storage's reads by time: the same entries a full scan with the same bounds finds. */
class LogBookTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  private static LogRecord at(int seconds, String text) {
    return new LogRecord(
        0,
        T0.plusSeconds(seconds),
        "svc",
        "svc-1",
        "i",
        Severity.INFO,
        "stdout",
        text,
        null,
        null,
        null);
  }

  @Test
  @DisplayName("a time range reads the entries within it, both ends included, oldest first")
  void range() {
    LogBook book = new LogBook(100);
    for (int s : new int[] {0, 10, 10, 20, 30, 30, 40}) {
      book.append(at(s, "at " + s));
    }
    List<LogRecord> all = book.snapshot();
    for (int from = -5; from <= 45; from += 5) {
      for (int to = from; to <= 45; to += 5) {
        Instant f = T0.plusSeconds(from);
        Instant t = T0.plusSeconds(to);
        List<LogRecord> scanned =
            all.stream()
                .filter(r -> !r.timestamp().isBefore(f) && !r.timestamp().isAfter(t))
                .toList();
        assertThat(book.snapshot(f, t)).as(from + ".." + to).isEqualTo(scanned);
      }
    }
    assertThat(book.snapshot(Instant.MIN, Instant.MAX)).isEqualTo(all);
  }

  @Test
  @DisplayName("entries past retention are not read by a range that reaches back before them")
  void retention() {
    LogBook book = new LogBook(3);
    for (int s = 0; s < 6; s++) {
      book.append(at(s, "at " + s));
    }
    assertThat(book.snapshot(T0, T0.plusSeconds(10)))
        .extracting(LogRecord::text)
        .containsExactly("at 3", "at 4", "at 5");
  }
}
