package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The times of log headers, in the layouts real logs use. */
class LogTimesTest {
  private static Map<String, String> header(String... nameValue) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      out.put(nameValue[i], nameValue[i + 1]);
    }
    out.put("Content", "message");
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          2026-03-01T10:32:05Z                 | 2026-03-01T10:32:05Z
          2026-03-01T10:32:05.123456+02:00     | 2026-03-01T08:32:05.123456Z
          2026-03-01 10:32:05,250              | 2026-03-01T10:32:05.250Z
          2026-03-01 10:32                     | 2026-03-01T10:32:00Z
          1700000000                           | 2023-11-14T22:13:20Z
          1700000000.5                         | 2023-11-14T22:13:20.500Z
          1700000000123                        | 2023-11-14T22:13:20.123Z
          2005-06-03-15.42.50.675872           | 2005-06-03T15:42:50.675872Z
          20171223 22:15:29                    | 2017-12-23T22:15:29Z
          10/Oct/2000:13:55:36 -0700           | 2000-10-10T20:55:36Z
          Sun Dec 04 04:47:44 2005             | 2005-12-04T04:47:44Z
          Mar  7 08:00:01                      | 2026-03-07T08:00:01Z
          03-17 16:13:38.811                   | 2026-03-17T16:13:38.811Z
          12/31/2025 11:59:59 PM               | 2025-12-31T23:59:59Z
          """)
  void layouts(String text, String expected) {
    assertThat(new LogTimes(2026).read(header("Time", text.strip())))
        .contains(Instant.parse(expected.strip()));
  }

  @Test
  @DisplayName("a year-less file that runs past New Year moves on a year")
  void newYear() {
    LogTimes times = new LogTimes(2025);
    assertThat(times.read(header("Month", "Dec", "Day", "31", "Time", "23:59:59")))
        .contains(Instant.parse("2025-12-31T23:59:59Z"));

    assertThat(times.read(header("Month", "Jan", "Day", "1", "Time", "00:00:01")))
        .contains(Instant.parse("2026-01-01T00:00:01Z"));
  }

  @Test
  @DisplayName("numbers that are not times (pids, counts) are not read as epoch times")
  void notEpoch() {
    LogTimes times = new LogTimes(2026);
    assertThat(times.read(header("Pid", "24200", "Node", "node-246"))).isEmpty();
    assertThat(times.read(header("Id", "999999999"))).isEmpty();
  }

  @Test
  @DisplayName("a file without readable times says so after its first entries")
  void noTimes() {
    LogTimes times = new LogTimes(2026);
    for (int i = 0; i < LogTimes.SAMPLE + 5; i++) {
      assertThat(times.read(header("Level", "INFO", "Component", "c" + i))).isEmpty();
    }
    assertThat(times.found()).isFalse();
  }

  @Test
  @DisplayName("the layout learnt from the first entries reads the rest")
  void learnt() {
    LogTimes times = new LogTimes(2026);
    for (int i = 0; i < LogTimes.SAMPLE + 5; i++) {
      String s = String.format("%02d", i % 60);
      assertThat(times.read(header("Date", "081109", "Time", "2036" + s)))
          .contains(Instant.parse("2008-11-09T20:36:" + s + "Z"));
    }
    assertThat(times.found()).isTrue();
  }
}
