package dev.lookout.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A log file's line layout in logparser's notation, such as {@code <Date> <Time> <Level>
 * <Component>: <Content>}: each {@code <Field>} is a field, the rest is literal (a regular
 * expression, as in Loghub's formats), and a run of spaces matches any whitespace. {@code Content}
 * is the message the template miner reads.
 */
public final class LogFormat {
  private static final Pattern FIELD = Pattern.compile("<([A-Za-z][A-Za-z0-9]*)>");

  private final String format;
  private final Pattern pattern;
  private final List<String> fields;

  private LogFormat(String format, Pattern pattern, List<String> fields) {
    this.format = format;
    this.pattern = pattern;
    this.fields = List.copyOf(fields);
  }

  /**
   * @throws IllegalArgumentException when the format has no {@code <Content>} field or is not a
   *     valid pattern
   */
  public static LogFormat of(String format) {
    StringBuilder regex = new StringBuilder("^");
    List<String> fields = new ArrayList<>();
    Matcher m = FIELD.matcher(format);
    int last = 0;
    while (m.find()) {
      regex.append(format.substring(last, m.start()).replaceAll(" +", "\\\\s+"));
      String name = m.group(1);
      if (fields.contains(name)) {
        throw new IllegalArgumentException("field <" + name + "> appears twice in the format");
      }
      fields.add(name);
      regex.append("(?<").append(name).append(">").append(".*?").append(")");
      last = m.end();
    }
    regex.append(format.substring(last).replaceAll(" +", "\\\\s+")).append("$");
    if (!fields.contains("Content")) {
      throw new IllegalArgumentException(
          "the format needs a <Content> field for the message, e.g. '<Date> <Time> <Level>"
              + " <Component>: <Content>'");
    }
    try {
      return new LogFormat(format, Pattern.compile(regex.toString()), fields);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException("the format is not a valid pattern: " + e.getMessage());
    }
  }

  public List<String> fields() {
    return fields;
  }

  /** The line's fields by name, or empty when the line does not have this layout. */
  public Optional<Map<String, String>> parse(String line) {
    Matcher m = pattern.matcher(line.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String f : fields) {
      out.put(f, m.group(f).strip());
    }
    return Optional.of(out);
  }

  @Override
  public String toString() {
    return format;
  }
}
