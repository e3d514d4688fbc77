package dev.lookout.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.lookout.knowledge.KnowledgeBase;
import dev.lookout.knowledge.LogEntry;
import dev.lookout.knowledge.LogFile;
import dev.lookout.knowledge.LogFormat;
import dev.lookout.knowledge.MiniLmEmbedder;
import dev.lookout.knowledge.Question;
import dev.lookout.knowledge.QuestionParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The knowledge base's figures, side by side with the naive path: ingest throughput on 1M lines
 * (Loghub lines replayed with varied parameters) against embedding every line into langchain4j's
 * InMemoryEmbeddingStore; /ask latency without an LLM at 100k and 1M retained lines; heap at 1M
 * retained lines; cold start of the quantized and the full MiniLM model. Run with {@code ./lookout
 * bench knowledge}; needs {@code ../shared/loghub}.
 */
public final class KnowledgeBenchmark {
  private static final Path LOGHUB = Path.of("..", "..", "shared", "loghub");
  private static final int LINES = 1_000_000;
  private static final Instant START = Instant.parse("2026-11-22T04:00:00Z");
  private static final String[][] SYSTEMS = {
    {"Apache", "\\[<Time>\\] \\[<Level>\\] <Content>"},
    {"HDFS", "<Date> <Time> <Pid> <Level> <Component>: <Content>"},
    {"Hadoop", "<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>"},
    {"Spark", "<Date> <Time> <Level> <Component>: <Content>"},
    {"Zookeeper", "<Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content>"},
    {"OpenStack", "<Logrecord> <Date> <Time> <Pid> <Level> <Component> \\[<ADDR>\\] <Content>"},
    {"HealthApp", "<Time>\\|<Component>\\|<Pid>\\|<Content>"},
    {"OpenSSH", "<Date> <Day> <Time> <Component> sshd\\[<Pid>\\]: <Content>"}
  };
  private static final List<String> QUESTIONS =
      List.of(
          "which workers are in an error state?",
          "exceptions while serving blocks to clients",
          "which map attempts failed?",
          "deprecated mapred settings",
          "sessions that expired after their timeout",
          "instances that were terminated",
          "first sync found no data in db",
          "failed password attempts for invalid users on openssh",
          "why did the namenode run out of heap memory?",
          "what is going on with hdfs",
          "errors on zookeeper in the last hour",
          "connections reset by peer at 09:30");

  public static void main(String[] args) throws Exception {
    if (!Files.isDirectory(LOGHUB)) {
      System.out.println("skipped: ../shared/loghub is not beside the repository");
      System.exit(0);
    }
    List<LogEntry> seeds = new ArrayList<>();
    for (String[] s : SYSTEMS) {
      for (LogEntry e :
          LogFile.readAll(
              LOGHUB.resolve(s[0]).resolve(s[0] + "_2k.log"),
              Optional.of(LogFormat.of(s[1])),
              s[0].toLowerCase(Locale.ROOT))) {
        seeds.add(e);
      }
    }

    // Cold start: the model loaded and its first embedding, in this JVM.
    long t = System.nanoTime();
    EmbeddingModel quantized = new AllMiniLmL6V2QuantizedEmbeddingModel();
    quantized.embed("warm up");
    double coldQ = ms(t);
    t = System.nanoTime();
    EmbeddingModel full = new AllMiniLmL6V2EmbeddingModel();
    full.embed("warm up");
    double coldF = ms(t);
    double perQ = perEmbedding(quantized, seeds);
    double perF = perEmbedding(full, seeds);

    // The naive path: every line embedded and stored.
    InMemoryEmbeddingStore<TextSegment> naive = new InMemoryEmbeddingStore<>();
    int naiveLines = 1000;
    t = System.nanoTime();
    for (int i = 0; i < naiveLines; i++) {
      String text = seeds.get(i * 7 % seeds.size()).text();
      Embedding e = quantized.embed(text).content();
      naive.add(e, TextSegment.from(text));
    }
    double naiveRate = naiveLines / (ms(t) / 1000);

    // Ours: 1M lines, prebuilt so generating them is not timed.
    List<LogEntry> million = new ArrayList<>(LINES);
    generate(seeds, LINES, million::add);
    KnowledgeBase kb =
        new KnowledgeBase(
            new KnowledgeBase.Settings(Duration.ofDays(7), LINES, 6, 0.6),
            Optional.of(new MiniLmEmbedder()));
    t = System.nanoTime();
    for (LogEntry e : million) {
      kb.ingest(e);
    }
    double ingestMs = ms(t);
    kb.awaitEmbeddings();
    double withEmbeddings = ms(t);
    var stats = kb.stats();
    double[] at1m = askLatencies(kb, 300);
    kb.close();
    million = null;
    kb = null;

    KnowledgeBase small =
        new KnowledgeBase(
            new KnowledgeBase.Settings(Duration.ofDays(7), 100_000, 6, 0.6),
            Optional.of(new MiniLmEmbedder()));
    generate(seeds, 100_000, small::ingest);
    small.awaitEmbeddings();
    double[] at100k = askLatencies(small, 300);
    small.close();
    small = null;

    // Heap: a store holding 1M lines, its texts its own (generated on the fly).
    long before = BenchmarkReport.usedHeapAfterGc();
    KnowledgeBase held =
        new KnowledgeBase(
            new KnowledgeBase.Settings(Duration.ofDays(7), LINES, 6, 0.6),
            Optional.of(new MiniLmEmbedder()));
    generate(seeds, LINES, held::ingest);
    held.awaitEmbeddings();
    long heap = BenchmarkReport.usedHeapAfterGc() - before;
    long retained = held.stats().lines();
    held.close();

    BenchmarkReport report =
        new BenchmarkReport("Knowledge base: ingest, /ask, heap, model (issue 6)");
    report.row(
        "ingest, ours (1M lines)",
        String.format(Locale.ROOT, "%,.0f lines/s", LINES / (ingestMs / 1000)),
        String.format(
            Locale.ROOT,
            "redact, mine, index; %,d templates, embedded in the background (all done after %.1f s)",
            stats.templates(),
            withEmbeddings / 1000));
    report.row(
        "ingest, naive (every line embedded into InMemoryEmbeddingStore)",
        String.format(Locale.ROOT, "%,.0f lines/s", naiveRate),
        naiveLines
            + " lines, quantized MiniLM; 1M lines would take "
            + String.format(Locale.ROOT, "%.1f h", LINES / naiveRate / 3600));
    report.row(
        "/ask without an LLM, 100k retained lines (p50 / p99)",
        ms(BenchmarkReport.percentile(at100k, 50))
            + " / "
            + ms(BenchmarkReport.percentile(at100k, 99)),
        at100k.length + " questions from the evaluation set, each embedding its question");
    report.row(
        "/ask without an LLM, 1M retained lines (p50 / p99)",
        ms(BenchmarkReport.percentile(at1m, 50)) + " / " + ms(BenchmarkReport.percentile(at1m, 99)),
        at1m.length + " questions; window: all retained lines");
    report.row(
        "heap at 1M retained lines",
        String.format(Locale.ROOT, "%.0f MiB", heap / 1048576.0),
        String.format(Locale.ROOT, "%,d lines retained, after GC, the model included", retained));
    report.row(
        "model cold start: quantized / full",
        ms(coldQ) + " / " + ms(coldF),
        "load and first embedding in a fresh JVM; the quantized model comes first, so it also pays"
            + " for onnxruntime's start");
    report.row(
        "one embedding: quantized / full",
        ms(perQ) + " / " + ms(perF),
        "mean over 200 Loghub lines; the store embeds each distinct template once");
    double[] recallQ = evaluate(quantized);
    double[] recallF = evaluate(full);
    report.row(
        "evaluation set recall@5, hybrid: quantized / full model",
        String.format(Locale.ROOT, "%.3f / %.3f", recallQ[0], recallF[0]),
        String.format(
            Locale.ROOT,
            "the %d answerable Loghub questions of knowledge/src/test/resources/eval/loghub.json;"
                + " unanswerable refused: %.0f / %.0f of %d",
            (int) recallQ[2],
            recallQ[1],
            recallF[1],
            (int) recallQ[3]));
    report.publish();
    System.exit(0);
  }

  /**
   * The Loghub evaluation set with one model: {mean recall@5, refused, answerable, unanswerable}.
   */
  private static double[] evaluate(EmbeddingModel model) throws Exception {
    var cases =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                Path.of("..", "knowledge", "src", "test", "resources", "eval", "loghub.json")
                    .toFile());
    dev.lookout.knowledge.Embedder embedder =
        text -> {
          float[] v = model.embed(text).content().vector();
          double n = 0;
          for (float x : v) {
            n += x * x;
          }
          for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(n);
          }
          return v;
        };
    double recall = 0;
    double refused = 0;
    int answerable = 0;
    int unanswerable = 0;
    for (String[] s : SYSTEMS) {
      List<LogEntry> entries =
          LogFile.readAll(
              LOGHUB.resolve(s[0]).resolve(s[0] + "_2k.log"), Optional.of(LogFormat.of(s[1])), "");
      try (KnowledgeBase kb =
          new KnowledgeBase(
              new KnowledgeBase.Settings(Duration.ofDays(36_500), 5_000_000, 5, 0.6),
              Optional.of(embedder))) {
        entries.forEach(kb::ingest);
        kb.awaitEmbeddings();
        Instant now = kb.stats().newest().orElseThrow().plusMillis(1);
        Duration all = Duration.between(kb.stats().oldest().orElseThrow(), now).plusSeconds(1);
        for (var c : cases) {
          if (!c.path("system").asText().equals(s[0])) {
            continue;
          }
          var a =
              kb.ask(
                  QuestionParser.parse(
                      c.path("question").asText(),
                      Optional.empty(),
                      Optional.empty(),
                      now,
                      all,
                      kb.services()));
          if (c.path("cite").isNull()) {
            unanswerable++;
            refused += a.enoughEvidence() ? 0 : 1;
            continue;
          }
          answerable++;
          java.util.regex.Pattern p = java.util.regex.Pattern.compile(c.path("cite").asText());
          java.util.Set<String> labelled = new java.util.HashSet<>();
          entries.stream()
              .filter(e -> p.matcher(e.text()).find())
              .forEach(e -> labelled.add(e.id()));
          long hits =
              a.citations().stream().limit(5).filter(x -> labelled.contains(x.id())).count();
          recall += (double) hits / Math.min(5, labelled.size());
        }
      }
    }
    return new double[] {recall / answerable, refused, answerable, unanswerable};
  }

  private static double perEmbedding(EmbeddingModel model, List<LogEntry> seeds) {
    long t = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      model.embed(seeds.get(i * 37 % seeds.size()).text());
    }
    return ms(t) / 200;
  }

  /** Loghub lines replayed round-robin, each digit replaced at random, 20 ms apart. */
  private static void generate(List<LogEntry> seeds, int n, Consumer<LogEntry> out) {
    Random random = new Random(42);
    Iterator<LogEntry> it = seeds.iterator();
    for (int i = 0; i < n; i++) {
      if (!it.hasNext()) {
        it = seeds.iterator();
      }
      LogEntry s = it.next();
      char[] c = s.text().toCharArray();
      for (int k = 0; k < c.length; k++) {
        if (c[k] >= '0' && c[k] <= '9') {
          c[k] = (char) ('0' + random.nextInt(10));
        }
      }
      out.accept(
          new LogEntry(
              START.plusMillis(20L * i),
              s.service(),
              s.service() + "-0000" + (1 + i / 250_000),
              s.severity(),
              new String(c),
              Integer.toString(i),
              s.origin()));
    }
  }

  private static double[] askLatencies(KnowledgeBase kb, int n) {
    Instant now = kb.stats().newest().orElseThrow().plusMillis(1);
    Duration all = Duration.between(kb.stats().oldest().orElseThrow(), now);
    for (int i = 0; i < 20; i++) {
      kb.ask(question(kb, i, now, all));
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      Question q = question(kb, i, now, all);
      long t = System.nanoTime();
      kb.ask(q);
      out[i] = ms(t);
    }
    return out;
  }

  private static Question question(KnowledgeBase kb, int i, Instant now, Duration all) {
    String text = QUESTIONS.get(i % QUESTIONS.size());
    return QuestionParser.parse(text, Optional.empty(), Optional.empty(), now, all, kb.services());
  }

  private static double ms(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f ms" : "%.1f ms", v);
  }
}
