package dev.lookout.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The Loghub 2k samples in {@code ../shared/loghub}, when they are there. */
final class Loghub {
  static final Path DIR = Path.of("..", "..", "shared", "loghub");

  record Line(String raw, String content, String eventId, String template) {}

  record System(String name, String format, double publishedAccuracy, List<Line> lines) {}

  private Loghub() {}

  static boolean present() {
    return Files.isRegularFile(DIR.resolve("formats.json"));
  }

  static List<System> systems() throws IOException {
    JsonNode formats = new ObjectMapper().readTree(DIR.resolve("formats.json").toFile());
    List<System> out = new ArrayList<>();
    for (Iterator<String> it = formats.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      JsonNode f = formats.get(name);
      out.add(
          new System(
              name,
              f.path("log_format").asText(),
              f.path("drain_grouping_accuracy_published").asDouble(),
              lines(name)));
    }
    return out;
  }

  static Optional<System> system(String name) throws IOException {
    return systems().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  private static List<Line> lines(String name) throws IOException {
    List<String> raw = Files.readAllLines(DIR.resolve(name).resolve(name + "_2k.log"));
    List<String> csv =
        Files.readAllLines(DIR.resolve(name).resolve(name + "_2k.log_structured.csv"));
    List<String> header = Csv.split(csv.get(0));
    int content = header.indexOf("Content");
    int event = header.indexOf("EventId");
    int template = header.indexOf("EventTemplate");
    List<Line> out = new ArrayList<>();
    for (int i = 1; i < csv.size(); i++) {
      List<String> row = Csv.split(csv.get(i));
      out.add(new Line(raw.get(i - 1), row.get(content), row.get(event), row.get(template)));
    }
    return out;
  }

  /** Enough CSV for logparser's files: commas, and double quotes with doubled quotes inside. */
  static final class Csv {
    static List<String> split(String line) {
      List<String> out = new ArrayList<>();
      StringBuilder b = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            b.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            b.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          out.add(b.toString());
          b.setLength(0);
        } else {
          b.append(c);
        }
      }
      out.add(b.toString());
      return out;
    }
  }
}
