package dev.lookout.knowledge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The knowledge base on your own logs: {@code java -jar knowledge/target/lookout-knowledge.jar ask
 * --logs FILE [--format '<Date> <Time> <Level> <Component>: <Content>'] [--service NAME] [--window
 * 1h] [--json] [--lexical|--vector] "question"} prints the answer and the cited lines with their
 * line numbers; {@code templates --logs FILE [--format F] [--json]} prints the templates the miner
 * found, as a table with counts, or with {@code --json} one object per entry.
 */
public final class KnowledgeCli {
  private static final String USAGE =
      """
      usage: lookout-knowledge ask --logs FILE [--format FORMAT] [--service NAME] [--window 1h]
                                   [--json] [--lexical | --vector] "question"
             lookout-knowledge templates --logs FILE [--format FORMAT] [--json]
        --format   the line layout in logparser's notation, e.g.
                   '<Date> <Time> <Level> <Component>: <Content>' (default: each line is a message)
        --window   how far back from the newest entry to look (default: the whole file)
        --lexical, --vector   one side of the retrieval only (default: both, fused)
        --json     ask: the answer as JSON; templates: one JSON object per entry,
                   {"line": first line, "template_id": id, "template": "..."}""";

  private KnowledgeCli() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length > 0 && args[0].equals("templates")) {
      return templates(args, out, err);
    }
    if (args.length == 0 || !args[0].equals("ask")) {
      err.println(USAGE);
      return 2;
    }
    Path logs = null;
    Optional<LogFormat> format = Optional.empty();
    Optional<String> service = Optional.empty();
    Optional<Duration> window = Optional.empty();
    boolean json = false;
    KnowledgeBase.Retrieval retrieval = KnowledgeBase.Retrieval.HYBRID;
    List<String> words = new ArrayList<>();
    try {
      for (int i = 1; i < args.length; i++) {
        switch (args[i]) {
          case "--logs" -> logs = Path.of(value(args, ++i, "--logs"));
          case "--format" -> format = Optional.of(LogFormat.of(value(args, ++i, "--format")));
          case "--service" -> service = Optional.of(value(args, ++i, "--service"));
          case "--window" -> window = Optional.of(Durations.parse(value(args, ++i, "--window")));
          case "--json" -> json = true;
          case "--lexical" -> retrieval = KnowledgeBase.Retrieval.LEXICAL;
          case "--vector" -> retrieval = KnowledgeBase.Retrieval.VECTOR;
          default -> {
            if (args[i].startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + args[i]);
            }
            words.add(args[i]);
          }
        }
      }
      if (logs == null || words.isEmpty()) {
        throw new IllegalArgumentException("give --logs FILE and a question");
      }
      if (!Files.isReadable(logs)) {
        throw new IllegalArgumentException("cannot read " + logs);
      }
    } catch (IllegalArgumentException e) {
      err.println("lookout-knowledge: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    String name = service.orElse("");
    try (KnowledgeBase kb =
        new KnowledgeBase(
            new KnowledgeBase.Settings(Duration.ofDays(36_500), 5_000_000, 6, 0.6),
            retrieval == KnowledgeBase.Retrieval.LEXICAL
                ? Optional.empty()
                : Optional.of(new MiniLmEmbedder()))) {
      LogFile.Reading reading = LogFile.read(logs, format, name, kb::ingest);
      kb.awaitEmbeddings();
      var stats = kb.stats();
      Instant newest = stats.newest().orElse(Instant.EPOCH).plusMillis(1);
      Instant oldest = stats.oldest().orElse(Instant.EPOCH);
      Duration all = Duration.between(oldest, newest).plusSeconds(1);
      // Without readable times, no window is computed on invented ones: the whole file is searched.
      Optional<String> timeNote =
          reading.hasTimes()
              ? Optional.empty()
              : Optional.of(
                  "No time could be read from the file's lines"
                      + (format.isEmpty() ? " (no --format given)" : "")
                      + ", so the whole file was searched and no time window was applied.");
      Question q =
          QuestionParser.parse(
              String.join(" ", words),
              service,
              reading.hasTimes() ? window : Optional.of(all),
              newest,
              all,
              kb.services());
      Answer a = kb.ask(q, retrieval);
      if (json) {
        out.println(json(a, stats, timeNote));
      } else {
        timeNote.ifPresent(out::println);
        out.println(a.summary());
        if (!a.citations().isEmpty()) {
          out.println();
          out.println("Cited lines:");
          for (Answer.Citation c : a.citations()) {
            out.println(
                "  line "
                    + c.id()
                    + " ["
                    + c.severity()
                    + "] "
                    + c.text().replace("\n", "\n      "));
          }
        }
        long redacted = stats.redactions().values().stream().mapToLong(Long::longValue).sum();
        if (redacted > 0) {
          out.println();
          out.println(redacted + " secret(s) were redacted from the file before it was read.");
        }
      }
      return a.enoughEvidence() ? 0 : 1;
    }
  }

  /** The templates of a file: a table with counts, or with --json one object per entry. */
  private static int templates(String[] args, PrintStream out, PrintStream err) throws Exception {
    Path logs = null;
    Optional<LogFormat> format = Optional.empty();
    boolean json = false;
    try {
      for (int i = 1; i < args.length; i++) {
        switch (args[i]) {
          case "--logs" -> logs = Path.of(value(args, ++i, "--logs"));
          case "--format" -> format = Optional.of(LogFormat.of(value(args, ++i, "--format")));
          case "--json" -> json = true;
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (logs == null) {
        throw new IllegalArgumentException("give --logs FILE");
      }
      if (!Files.isReadable(logs)) {
        throw new IllegalArgumentException("cannot read " + logs);
      }
    } catch (IllegalArgumentException e) {
      err.println("lookout-knowledge: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    TemplateMiner miner = new TemplateMiner();
    Redactor redactor = new Redactor();
    List<long[]> entries = new ArrayList<>();
    LogFile.read(
        logs,
        format,
        "",
        e -> {
          String text = redactor.redact(e.text()).text();
          int nl = text.indexOf('\n');
          TemplateMiner.Match m = miner.add(nl < 0 ? text : text.substring(0, nl));
          entries.add(new long[] {Long.parseLong(e.id()), m.cluster().id()});
        });
    if (json) {
      ObjectMapper m = new ObjectMapper();
      StringBuilder b = new StringBuilder();
      for (long[] e : entries) {
        ObjectNode o = m.createObjectNode();
        o.put("line", e[0]);
        o.put("template_id", e[1]);
        o.put("template", miner.cluster((int) e[1]).template());
        b.append(m.writeValueAsString(o)).append('\n');
        if (b.length() > 1 << 16) {
          out.print(b);
          b.setLength(0);
        }
      }
      out.print(b);
      out.flush();
    } else {
      List<TemplateMiner.Cluster> clusters = new ArrayList<>(miner.clusters());
      clusters.sort(
          java.util.Comparator.comparingLong(TemplateMiner.Cluster::size)
              .reversed()
              .thenComparingInt(TemplateMiner.Cluster::id));
      out.printf(
          java.util.Locale.ROOT,
          "%,d entries, %,d templates%n%6s %9s  %s%n",
          entries.size(),
          clusters.size(),
          "id",
          "count",
          "template");
      for (TemplateMiner.Cluster c : clusters) {
        out.printf(java.util.Locale.ROOT, "%6d %,9d  %s%n", c.id(), c.size(), c.template());
      }
    }
    return 0;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static String json(Answer a, KnowledgeBase.Stats stats, Optional<String> timeNote)
      throws Exception {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    root.put("answer", a.summary());
    root.put("times_read", timeNote.isEmpty());
    timeNote.ifPresent(n -> root.put("note", n));
    root.put("enough_evidence", a.enoughEvidence());
    root.put("searched", a.searched());
    root.put("scope", a.scope());
    ArrayNode findings = root.putArray("findings");
    for (Answer.Finding f : a.findings()) {
      findings
          .addObject()
          .put("template", f.template())
          .put("severity", f.severity().name())
          .put("count", f.count())
          .put("previous_count", f.previousCount())
          .put("first", f.first().toString())
          .put("last", f.last().toString());
    }
    ArrayNode cited = root.putArray("citations");
    for (Answer.Citation c : a.citations()) {
      cited
          .addObject()
          .put("line", Long.parseLong(c.id()))
          .put("time", c.time().toString())
          .put("severity", c.severity().name())
          .put("text", c.text());
    }
    ObjectNode r = root.putObject("redactions");
    stats.redactions().forEach((k, v) -> r.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
    return m.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
