package dev.lookout.knowledge;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a log file into entries: each line that has the format's layout starts an entry, and lines
 * that do not (a stack trace's frames) continue the one before; a first line without the layout is
 * kept whole as content. The time comes from the header fields through {@link LogTimes}, in UTC
 * unless the line says otherwise; a line whose time cannot be read takes the time of the entry
 * before it, and a file without readable times keeps its order one second apart from 2000-01-01,
 * which {@link Reading#timed()} reports so that no window is computed on invented times. The
 * entry's id is its first line's number.
 */
public final class LogFile {
  private LogFile() {}

  /**
   * What a read found.
   *
   * @param entries how many entries were read
   * @param timed how many of them had a time that could be read
   */
  public record Reading(long entries, long timed) {
    /** Whether the file's times could be read: most entries carry one. */
    public boolean hasTimes() {
      return entries > 0 && timed * 2 >= entries;
    }
  }

  /** Reads {@code file}; lines without a format are whole messages with no fields. */
  public static Reading read(
      Path file, Optional<LogFormat> format, String service, Consumer<LogEntry> out)
      throws IOException {
    LogTimes times = new LogTimes();
    long entries = 0;
    long timed = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      Pending pending = null;
      Instant previous = Instant.parse("2000-01-01T00:00:00Z");
      boolean anyTime = false;
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
        Optional<Instant> time = f.size() > 1 ? times.read(f) : Optional.empty();
        entries++;
        Instant at;
        if (time.isPresent()) {
          timed++;
          anyTime = true;
          at = time.get();
        } else {
          at = anyTime ? previous : previous.plusSeconds(1);
        }
        previous = at;
        pending =
            new Pending(
                at,
                Severity.parse(f.getOrDefault("Level", "")),
                new StringBuilder(f.getOrDefault("Content", line)),
                String.valueOf(number),
                origin(f));
      }
      if (pending != null) {
        out.accept(pending.entry(service));
      }
    }
    return new Reading(entries, timed);
  }

  /** Every entry of a file, in order. */
  public static List<LogEntry> readAll(Path file, Optional<LogFormat> format, String service)
      throws IOException {
    List<LogEntry> out = new ArrayList<>();
    read(file, format, service, out::add);
    return out;
  }

  private record Pending(
      Instant time, Severity severity, StringBuilder text, String id, String origin) {
    LogEntry entry(String service) {
      return new LogEntry(time, service, "", severity, text.toString(), id, origin);
    }
  }

  private static final java.util.regex.Pattern HEX_RUN =
      java.util.regex.Pattern.compile("[0-9a-fA-F]{8,}");

  private static final java.util.Set<String> CALENDAR_WORDS =
      java.util.Set.of(
          "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon",
          "tue", "wed", "thu", "fri", "sat", "sun");

  /**
   * The header fields that say where an entry was written: every field but the content and the
   * level that is one word with a letter in it (a component, a node, a program, a user), not a
   * number, a time, a month's or a day's name, or an id (several words, a long hex run).
   */
  static String origin(Map<String, String> fields) {
    StringBuilder b = new StringBuilder();
    fields.forEach(
        (name, value) -> {
          if (name.equals("Content") || name.equals("Level") || value == null) {
            return;
          }
          String v = value.strip();
          // A place is one word that many lines share; several words (a request's ids) or a
          // long hex run (a request or trace id) name one line, not where it came from.
          if (v.chars().noneMatch(Character::isLetter)
              || v.indexOf(' ') >= 0
              || v.length() > 64
              || HEX_RUN.matcher(v).find()
              || CALENDAR_WORDS.contains(v.toLowerCase(java.util.Locale.ROOT))) {
            return;
          }
          b.append(b.isEmpty() ? "" : " ").append(v);
        });
    return b.toString();
  }
}
