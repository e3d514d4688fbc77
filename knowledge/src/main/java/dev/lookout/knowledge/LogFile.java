package dev.lookout.knowledge;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a log file into entries: each line that has the format's layout starts an entry, and lines
 * that do not (a stack trace's frames) continue the one before. The time comes from the format's
 * date and time fields when they can be read, in UTC; otherwise entries keep the file's order one
 * second apart. The entry's id is its first line's number.
 */
public final class LogFile {
  private static final List<DateTimeFormatter> TIMES =
      List.of(
          formatter("yyyy-MM-dd HH:mm:ss[,SSS][.SSS][.SSSSSS]"),
          formatter("yyyy-MM-dd'T'HH:mm:ss[.SSS][.SSSSSS][X]"),
          formatter("yyMMdd HHmmss"),
          formatter("yy/MM/dd HH:mm:ss"),
          formatter("yyyyMMdd-HH:mm:ss:SSS"),
          formatter("yyyyMMdd-HH:mm:ss:SS"),
          formatter("yyyyMMdd-HH:mm:ss:S"),
          formatter("EEE MMM dd HH:mm:ss yyyy"),
          formatter("MMM d HH:mm:ss"),
          formatter("MMM dd HH:mm:ss"));

  private LogFile() {}

  private static DateTimeFormatter formatter(String pattern) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .parseDefaulting(ChronoField.YEAR_OF_ERA, LocalDate.now(ZoneOffset.UTC).getYear())
        .toFormatter(Locale.ROOT);
  }

  /** Reads {@code file}; lines without a format are whole messages with no fields. */
  public static void read(
      Path file, Optional<LogFormat> format, String service, Consumer<LogEntry> out)
      throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      Pending pending = null;
      Instant synthetic = Instant.parse("2000-01-01T00:00:00Z");
      while ((line = r.readLine()) != null) {
        number++;
        Optional<Map<String, String>> fields =
            format.isPresent() ? format.get().parse(line) : Optional.of(Map.of("Content", line));
        if (fields.isEmpty() && pending != null) {
          pending.text.append('\n').append(line);
          continue;
        }
        if (pending != null) {
          out.accept(pending.entry(service));
        }
        Map<String, String> f = fields.orElse(Map.of("Content", line));
        synthetic = synthetic.plusSeconds(1);
        pending =
            new Pending(
                time(f).orElse(synthetic),
                Severity.parse(f.getOrDefault("Level", "")),
                new StringBuilder(f.getOrDefault("Content", line)),
                String.valueOf(number));
      }
      if (pending != null) {
        out.accept(pending.entry(service));
      }
    }
  }

  /** Every entry of a file, in order. */
  public static List<LogEntry> readAll(Path file, Optional<LogFormat> format, String service)
      throws IOException {
    List<LogEntry> out = new ArrayList<>();
    read(file, format, service, out::add);
    return out;
  }

  private record Pending(Instant time, Severity severity, StringBuilder text, String id) {
    LogEntry entry(String service) {
      return new LogEntry(time, service, "", severity, text.toString(), id);
    }
  }

  static Optional<Instant> time(Map<String, String> f) {
    String date = f.getOrDefault("Date", "");
    String day = f.getOrDefault("Day", "");
    String time = f.getOrDefault("Time", "");
    String joined = String.join(" ", List.of(date, day, time)).strip().replaceAll("\\s+", " ");
    if (joined.isEmpty()) {
      return Optional.empty();
    }
    for (DateTimeFormatter t : TIMES) {
      try {
        return Optional.of(LocalDateTime.parse(joined, t).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        // try the next layout
      }
    }
    return Optional.empty();
  }
}
