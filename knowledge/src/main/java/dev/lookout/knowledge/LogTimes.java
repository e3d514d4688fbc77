package dev.lookout.knowledge;

import java.text.ParsePosition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The grammar of the times in log headers: the one place a log line's time is read. It knows the
 * common layouts (ISO 8601 with or without {@code T}, a fraction and a zone; syslog's {@code Jun 14
 * 15:16:01} without a year; {@code Sun Dec 04 04:47:44 2005}; epoch seconds and milliseconds;
 * {@code 2005-06-03-15.42.50.675872}; {@code 20171223-22:15:29:606}; {@code 081109 203615}; {@code
 * 17/06/09 20:10:40}; Android's {@code 03-17 16:13:38.811}; {@code 10.30 16:49:06}; the common log
 * format's {@code 10/Oct/2000:13:55:36 -0700}; and more), read from one header field or from
 * several in a row, such as {@code <Month> <Date> <Time>}.
 *
 * <p>A file's layout is learnt from its first entries: the run of fields and the layout that read
 * the most of them, preferring absolute times (epoch times, which carry their zone), then times
 * that carry their year. Times without a zone are UTC. A layout without a year takes the reference
 * year, and a file that runs past New Year (December, then January) moves on a year.
 */
public final class LogTimes {
  /** How many entries the layout is learnt from. */
  static final int SAMPLE = 64;

  /** A layout, and whether its times carry their own year. */
  private record Layout(DateTimeFormatter format, boolean hasYear) {}

  private static final List<Layout> LAYOUTS = layouts();

  /** Where a file's times are: fields {@code from} to {@code to} (exclusive), in one layout. */
  private record Place(int from, int to, Layout layout, boolean epoch) {}

  private final int referenceYear;
  private final List<Map<String, String>> sample = new ArrayList<>();
  private Place place;
  private boolean learnt;
  private int yearShift;
  private Instant last;

  /**
   * @param referenceYear the year for layouts without one, such as the year the file was read
   */
  public LogTimes(int referenceYear) {
    this.referenceYear = referenceYear;
  }

  public LogTimes() {
    this(LocalDate.now(ZoneOffset.UTC).getYear());
  }

  /**
   * The time of an entry from its header fields (all but {@code Content}, in the format's order),
   * or empty when none can be read.
   */
  public Optional<Instant> read(Map<String, String> fields) {
    if (!learnt) {
      sample.add(fields);
      if (sample.size() >= SAMPLE) {
        learn();
      } else {
        Place p = best(List.of(fields));
        return p == null ? Optional.empty() : at(p, fields);
      }
    }
    if (place == null) {
      return Optional.empty();
    }
    return at(place, fields);
  }

  /** Whether a layout was found for the file's times. */
  public boolean found() {
    if (!learnt) {
      learn();
    }
    return place != null;
  }

  private void learn() {
    place = best(sample);
    learnt = true;
    sample.clear();
  }

  /** The run of fields and layout that read the most entries, the better kind first. */
  private static Place best(List<Map<String, String>> entries) {
    if (entries.isEmpty()) {
      return null;
    }
    List<String> names = headers(entries.getFirst());
    Place best = null;
    int bestScore = 0;
    for (int from = 0; from < names.size(); from++) {
      for (int to = from + 1; to <= Math.min(names.size(), from + 4); to++) {
        for (Place candidate : candidates(from, to)) {
          int read = 0;
          for (Map<String, String> e : entries) {
            if (parse(candidate, join(e, from, to)) != null) {
              read++;
            }
          }
          if (read == 0) {
            continue;
          }
          // Most entries read first; then absolute times; then more fields (more precision).
          int score = read * 100 + (candidate.epoch() ? 10 : candidate.layout().hasYear() ? 9 : 0);
          score += to - from;
          if (score > bestScore) {
            bestScore = score;
            best = candidate;
          }
        }
      }
    }
    return best;
  }

  private static List<Place> candidates(int from, int to) {
    List<Place> out = new ArrayList<>();
    out.add(new Place(from, to, null, true));
    for (Layout l : LAYOUTS) {
      out.add(new Place(from, to, l, false));
    }
    return out;
  }

  private static List<String> headers(Map<String, String> fields) {
    List<String> out = new ArrayList<>();
    for (String name : fields.keySet()) {
      if (!name.equals("Content")) {
        out.add(name);
      }
    }
    return out;
  }

  private static String join(Map<String, String> fields, int from, int to) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (f.getKey().equals("Content")) {
        continue;
      }
      if (i >= from && i < to) {
        if (!b.isEmpty()) {
          b.append(' ');
        }
        b.append(f.getValue());
      }
      i++;
    }
    return b.toString().strip().replaceAll("\\s+", " ");
  }

  private Optional<Instant> at(Place p, Map<String, String> fields) {
    TemporalAccessor t = parse(p, join(fields, p.from(), p.to()));
    if (t == null) {
      return Optional.empty();
    }
    if (t instanceof Instant epoch) {
      return Optional.of(epoch);
    }
    Instant at;
    if (p.layout().hasYear()) {
      at = instant(t, t.get(ChronoField.YEAR));
    } else {
      at = instant(t, referenceYear + yearShift);
      if (last != null && at.isBefore(last.minus(java.time.Duration.ofDays(180)))) {
        yearShift++;
        at = instant(t, referenceYear + yearShift);
      }
    }
    last = at;
    return Optional.of(at);
  }

  private static Instant instant(TemporalAccessor t, int year) {
    int day = t.get(ChronoField.DAY_OF_MONTH);
    int month = t.get(ChronoField.MONTH_OF_YEAR);
    if (month == 2 && day == 29 && !java.time.Year.isLeap(year)) {
      day = 28; // 29 February read without its year, placed in a year that has none
    }
    LocalDateTime local =
        LocalDateTime.of(
            year,
            month,
            day,
            t.isSupported(ChronoField.HOUR_OF_DAY) ? t.get(ChronoField.HOUR_OF_DAY) : 0,
            t.isSupported(ChronoField.MINUTE_OF_HOUR) ? t.get(ChronoField.MINUTE_OF_HOUR) : 0,
            t.isSupported(ChronoField.SECOND_OF_MINUTE) ? t.get(ChronoField.SECOND_OF_MINUTE) : 0,
            t.isSupported(ChronoField.NANO_OF_SECOND) ? t.get(ChronoField.NANO_OF_SECOND) : 0);
    ZoneOffset zone =
        t.isSupported(ChronoField.OFFSET_SECONDS)
            ? ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS))
            : ZoneOffset.UTC;
    return local.toInstant(zone);
  }

  /** The text read in the place's layout, or null; an epoch time is an {@link Instant}. */
  private static TemporalAccessor parse(Place p, String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (p.epoch()) {
      return epoch(text);
    }
    ParsePosition pos = new ParsePosition(0);
    TemporalAccessor t;
    try {
      t = p.layout().format().parse(text, pos);
    } catch (RuntimeException e) {
      return null;
    }
    if (pos.getIndex() != text.length() || pos.getErrorIndex() >= 0) {
      return null;
    }
    if (!t.isSupported(ChronoField.MONTH_OF_YEAR) || !t.isSupported(ChronoField.DAY_OF_MONTH)) {
      return null;
    }
    if (!t.isSupported(ChronoField.HOUR_OF_DAY)) {
      return null;
    }
    return t;
  }

  /**
   * Epoch seconds (10 digits, with an optional fraction) or milliseconds (13 digits): times from
   * September 2001 to 2286, so that a pid or a count is not taken for a time.
   */
  private static Instant epoch(String text) {
    int dot = text.indexOf('.');
    String whole = dot < 0 ? text : text.substring(0, dot);
    if (whole.isEmpty() || !digits(whole) || (dot >= 0 && !digits(text.substring(dot + 1)))) {
      return null;
    }
    if (whole.length() == 10) {
      long s = Long.parseLong(whole);
      long nanos = 0;
      if (dot >= 0 && dot + 1 < text.length()) {
        String f = (text.substring(dot + 1) + "000000000").substring(0, 9);
        nanos = Long.parseLong(f);
      }
      return Instant.ofEpochSecond(s, nanos);
    }
    if (whole.length() == 13 && dot < 0) {
      return Instant.ofEpochMilli(Long.parseLong(whole));
    }
    return null;
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static List<Layout> layouts() {
    List<Layout> out = new ArrayList<>();
    // ISO 8601 and its everyday variants: 'T' or a space, a fraction after '.' or ',', a zone.
    out.add(layout("uuuu-MM-dd'T'HH:mm[:ss]", true, true));
    out.add(layout("uuuu-MM-dd HH:mm[:ss]", true, true));
    out.add(layout("uuuu/MM/dd HH:mm[:ss]", true, true));
    out.add(layout("uuuu.MM.dd HH:mm[:ss]", true, true));
    out.add(layout("uuuu-MM-dd-HH.mm.ss", true, true));
    out.add(layout("uuuuMMdd HH:mm[:ss]", true, true));
    out.add(layout("uuuuMMdd-HH:mm:ss", true, true));
    out.add(layout("uuuuMMdd'T'HHmmss", true, true));
    out.add(layout("uuuuMMddHHmmss", true, true));
    out.add(layout("uuMMdd HHmmss", true, false));
    out.add(layout("uuMMdd HH:mm:ss", true, true));
    out.add(layout("uu/MM/dd HH:mm:ss", true, true));
    out.add(layout("uu-MM-dd HH:mm:ss", true, true));
    out.add(layout("dd/MMM/uuuu:HH:mm:ss", true, true));
    out.add(layout("dd/MMM/uuuu HH:mm:ss", true, true));
    out.add(layout("dd.MM.uuuu HH:mm[:ss]", true, true));
    out.add(layout("MM/dd/uuuu HH:mm[:ss]", true, true));
    out.add(layout("dd/MM/uuuu HH:mm[:ss]", true, true));
    out.add(layout("MM/dd/uuuu hh:mm[:ss] a", true, true));
    out.add(layout("EEE MMM d HH:mm:ss uuuu", true, true));
    out.add(layout("EEE MMM d uuuu HH:mm:ss", true, true));
    out.add(layout("EEE, d MMM uuuu HH:mm:ss", true, true));
    out.add(layout("EEE d MMM uuuu HH:mm:ss", true, true));
    out.add(layout("d MMM uuuu HH:mm:ss", true, true));
    out.add(layout("MMM d uuuu HH:mm:ss", true, true));
    out.add(layout("MMM d, uuuu HH:mm:ss", true, true));
    out.add(layout("MMM d, uuuu h:mm:ss a", true, true));
    out.add(layout("uuuu MMM d HH:mm:ss", true, true));
    out.add(layout("MMM d HH:mm:ss uuuu", true, true));
    // Without a year: syslog, Android, Proxifier and the like.
    out.add(layout("MMM d HH:mm:ss", false, true));
    out.add(layout("MM-dd HH:mm:ss", false, true));
    out.add(layout("MM/dd HH:mm:ss", false, true));
    out.add(layout("MM.dd HH:mm:ss", false, true));
    out.add(layout("MMdd HH:mm:ss", false, true));
    out.add(layout("d MMM HH:mm:ss", false, true));
    return out;
  }

  /**
   * A case-insensitive, strict layout; with {@code fraction}, the seconds may be followed by a
   * fraction of 1 to 9 digits after '.', ',' or ':', and then by a zone (Z, +01, +0100, +01:00, UTC
   * or GMT).
   */
  private static Layout layout(String pattern, boolean hasYear, boolean fraction) {
    DateTimeFormatterBuilder b =
        new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern);
    if (fraction) {
      for (String sep : List.of(".", ",", ":")) {
        b.optionalStart()
            .appendLiteral(sep)
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false)
            .optionalEnd();
      }
    }
    b.optionalStart().appendLiteral(' ').optionalEnd();
    b.optionalStart().appendOffset("+HH:MM", "Z").optionalEnd();
    b.optionalStart().appendOffset("+HHMM", "Z").optionalEnd();
    b.optionalStart().appendOffset("+HH", "Z").optionalEnd();
    b.optionalStart().appendLiteral("UTC").optionalEnd();
    b.optionalStart().appendLiteral("GMT").optionalEnd();
    if (!hasYear) {
      b.parseDefaulting(ChronoField.YEAR, 2000);
    }
    return new Layout(
        b.toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT), hasYear);
  }
}
