package dev.lookout.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A log file's line layout in logparser's notation, read exactly as logparser's {@code
 * generate_logformat_regex} reads it: the format is split at each {@code <Field>} (any text between
 * angle brackets), each field becomes a lazy group {@code .*?}, and the text between fields is a
 * regular expression in which every run of spaces matches any whitespace. So optional groups such
 * as {@code <Component>(\[<PID>\])?: <Content>}, escaped brackets and any regex between the fields
 * work, and a field that took no part in a match is empty. {@code Content} is the message the
 * template miner reads.
 */
public final class LogFormat {
  private static final Pattern FIELD = Pattern.compile("<([^<>]+)>");
  private static final Pattern SPACES = Pattern.compile(" +");
  private static final String[] GROUPS = new String[64];

  static {
    for (int i = 0; i < GROUPS.length; i++) {
      GROUPS[i] = "f" + i;
    }
  }

  private static final Pattern QUANTIFIER = Pattern.compile("\\{\\d+(,\\d*)?}");

  private final String format;
  private final Pattern pattern;
  private final List<String> fields;

  private LogFormat(String format, Pattern pattern, List<String> fields) {
    this.format = format;
    this.pattern = pattern;
    this.fields = List.copyOf(fields);
  }

  /**
   * @throws IllegalArgumentException in one line, when the format has no {@code <Content>} field,
   *     names a field twice, or is not a valid pattern
   */
  public static LogFormat of(String format) {
    StringBuilder regex = new StringBuilder("^");
    List<String> fields = new ArrayList<>();
    Matcher m = FIELD.matcher(format);
    int last = 0;
    while (m.find()) {
      regex.append(literal(format.substring(last, m.start())));
      String name = m.group(1).strip();
      if (fields.size() == GROUPS.length) {
        throw new IllegalArgumentException(
            "the format has more than " + GROUPS.length + " fields: " + format);
      }
      if (fields.contains(name)) {
        throw new IllegalArgumentException(
            "the format names the field <" + name + "> twice: " + format);
      }
      // Java's group names are narrower than logparser's field names, so groups are numbered.
      regex.append("(?<f").append(fields.size()).append(">.*?)");
      fields.add(name);
      last = m.end();
    }
    regex.append(literal(format.substring(last))).append("$");
    if (!fields.contains("Content")) {
      throw new IllegalArgumentException(
          "the format needs a <Content> field for the message, as in '<Date> <Time> <Level>"
              + " <Component>: <Content>'");
    }
    try {
      return new LogFormat(format, Pattern.compile(regex.toString(), Pattern.DOTALL), fields);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "the format is not a valid pattern ("
              + e.getDescription()
              + (e.getIndex() >= 0 ? " near \"" + near(e) + "\"" : "")
              + "): "
              + format);
    }
  }

  /**
   * The text between two fields as logparser reads it: a Python regular expression whose runs of
   * spaces match any whitespace. Python reads a brace that opens no quantifier, and a named group
   * written {@code (?P<name>...)}, where Java would not; both are translated.
   */
  private static String literal(String text) {
    String spaced = SPACES.matcher(text).replaceAll("\\\\s+");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < spaced.length(); i++) {
      char c = spaced.charAt(i);
      if (c == '\\' && i + 1 < spaced.length()) {
        out.append(c).append(spaced.charAt(++i));
      } else if (c == '{' && !QUANTIFIER.matcher(spaced).region(i, spaced.length()).lookingAt()) {
        out.append("\\{");
      } else if (c == '}' && !closesQuantifier(spaced, i)) {
        out.append("\\}");
      } else if (spaced.startsWith("(?P<", i)) {
        out.append("(?<");
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean closesQuantifier(String text, int close) {
    int open = text.lastIndexOf('{', close);
    return open >= 0 && QUANTIFIER.matcher(text.substring(open, close + 1)).matches();
  }

  private static String near(PatternSyntaxException e) {
    String p = e.getPattern();
    int i = Math.min(Math.max(0, e.getIndex()), p.length());
    return p.substring(Math.max(0, i - 10), Math.min(p.length(), i + 10));
  }

  public List<String> fields() {
    return fields;
  }

  /**
   * The line's fields by name (a field that took no part in the match is empty), or empty when the
   * line does not have this layout.
   */
  public Optional<Map<String, String>> parse(String line) {
    Matcher m = pattern.matcher(line.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      String value = m.group(GROUPS[i]);
      out.put(fields.get(i), value == null ? "" : value.strip());
    }
    return Optional.of(out);
  }

  @Override
  public String toString() {
    return format;
  }
}
