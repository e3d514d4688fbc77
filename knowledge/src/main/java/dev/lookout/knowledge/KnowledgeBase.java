package dev.lookout.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Recent log lines, redacted, each mapped to a template, searchable by words (BM25 over lines and
 * templates) and by meaning (one embedding per distinct template), and answers composed from what
 * is found. A thin facade over its parts, under one read-write lock: {@link LogLines} (the bounded
 * store), {@link LexicalIndex}, {@link TemplateVectors} (which embeds on its own thread), {@link
 * Retriever} (which returns {@link Evidence}) and {@link AnswerComposer}.
 *
 * <p>Ingest is meant for one thread; questions may come from many.
 */
public final class KnowledgeBase implements AutoCloseable {
  private static final int MAX_TERMS_PER_LINE = 256;

  /** How many distinct sources (service, revision, origin) keep their terms ready. */
  private static final int MAX_SOURCES = 10_000;

  /**
   * How much is kept and how sure an answer must be.
   *
   * @param retention lines older than this (by their own time, against the newest line) are dropped
   * @param maxLines at most this many lines are kept
   * @param citations how many lines an answer cites
   * @param minCosine a template this similar in meaning counts as evidence on its own
   */
  public record Settings(Duration retention, int maxLines, int citations, double minCosine) {
    public static Settings defaults() {
      return new Settings(Duration.ofHours(24), 1_000_000, 6, 0.6);
    }
  }

  /** What the store holds. */
  public record Stats(
      long lines,
      int templates,
      int embedded,
      Optional<Instant> oldest,
      Optional<Instant> newest,
      Map<Redactor.Kind, Long> redactions) {}

  /** How retrieval ranks lines: both ways fused, or one of them (for the evaluation). */
  public enum Retrieval {
    HYBRID,
    LEXICAL,
    VECTOR
  }

  private final Redactor redactor = new Redactor();
  private final TemplateMiner miner = new TemplateMiner();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<Redactor.Kind, Long> redactions = new EnumMap<>(Redactor.Kind.class);
  private final Map<String, List<String>> sourceTerms = new ConcurrentHashMap<>();
  private final LogLines lines;
  private final TemplateVectors vectors;
  private final Retriever retriever;
  private final AnswerComposer composer;

  public KnowledgeBase(Settings settings, Optional<Embedder> embedder) {
    this.lines = new LogLines(settings.retention(), settings.maxLines());
    this.vectors = new TemplateVectors(embedder);
    this.retriever = new Retriever(settings, lines, miner, new LexicalIndex(lines, miner), vectors);
    this.composer = new AnswerComposer(lines, miner, retriever);
  }

  /** Stores one entry, redacted; returns how many secrets were removed from it. */
  public int ingest(LogEntry e) {
    Redactor.Result r = redactor.redact(e.text());
    String text = r.text();
    int nl = text.indexOf('\n');
    String message = nl < 0 ? text : text.substring(0, nl);
    List<String> terms = Terms.of(text);
    if (terms.size() > MAX_TERMS_PER_LINE) {
      terms = terms.subList(0, MAX_TERMS_PER_LINE);
    }
    // Where the line came from is searchable too: "revision consumer-00042" finds its lines.
    terms = new ArrayList<>(terms);
    String source = e.service() + " " + e.revision() + " " + e.origin();
    List<String> ofSource = sourceTerms.get(source);
    if (ofSource == null) {
      ofSource = List.copyOf(Terms.of(source));
      if (sourceTerms.size() < MAX_SOURCES) {
        sourceTerms.put(source, ofSource); // most logs have few sources; a node per line has many
      }
    }
    terms.addAll(ofSource);
    lock.writeLock().lock();
    try {
      r.counts().forEach((k, v) -> redactions.merge(k, (long) v, Long::sum));
      TemplateMiner.Match m = miner.add(message);
      if (m.changed()) {
        vectors.changed(m.cluster().id(), m.cluster().template());
      }
      lines.add(
          e.time().toEpochMilli(),
          m.cluster().id(),
          e.severity(),
          e.service(),
          e.revision(),
          text,
          e.id(),
          terms);
    } finally {
      lock.writeLock().unlock();
    }
    return r.total();
  }

  /** Waits until every template seen so far has its embedding (tests and benchmarks). */
  public void awaitEmbeddings() {
    vectors.await();
  }

  public Set<String> services() {
    lock.readLock().lock();
    try {
      return lines.services();
    } finally {
      lock.readLock().unlock();
    }
  }

  public Stats stats() {
    lock.readLock().lock();
    try {
      return new Stats(
          lines.size(),
          miner.clusters().size(),
          vectors.size(),
          lines.oldest(),
          lines.newest(),
          Map.copyOf(redactions));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many stored lines have a time in [{@code from}, {@code to}). */
  public long count(Instant from, Instant to) {
    lock.readLock().lock();
    try {
      return lines.count(from.toEpochMilli(), to.toEpochMilli());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Answers a question from the stored lines, hybrid retrieval. */
  public Answer ask(Question q) {
    return ask(q, Retrieval.HYBRID);
  }

  /** Answers a question with the given retrieval (the evaluation compares them). */
  public Answer ask(Question q, Retrieval retrieval) {
    // The model runs outside the lock: ingest need not wait for it.
    Optional<float[]> questionVector =
        retrieval != Retrieval.LEXICAL && !q.terms().isEmpty()
            ? vectors.embedQuestion(q.text())
            : Optional.empty();
    lock.readLock().lock();
    try {
      return composer.answer(q, retriever.find(q, retrieval, questionVector));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    vectors.close();
  }
}
