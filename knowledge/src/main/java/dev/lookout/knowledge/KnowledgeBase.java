package dev.lookout.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Recent log lines, redacted, each mapped to a template, searchable by words (BM25 over lines and
 * templates) and by meaning (one embedding per distinct template), and answers composed from what
 * is found. Bounded by a retention window and a number of lines; the oldest segments go first.
 *
 * <p>Ingest is meant for one thread; questions may come from many.
 */
public final class KnowledgeBase implements AutoCloseable {
  private static final DateTimeFormatter HM =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final double K1 = 1.2;
  private static final double B = 0.75;
  private static final int RRF_K = 60;
  private static final int MAX_TERMS_PER_LINE = 256;

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

  private final Settings settings;
  private final Optional<Embedder> embedder;
  private final Redactor redactor = new Redactor();
  private final TemplateMiner miner = new TemplateMiner();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  private final List<String> serviceNames = new ArrayList<>();
  private final Map<String, Integer> serviceIds = new HashMap<>();
  private final List<String> revisionNames = new ArrayList<>();
  private final Map<String, Integer> revisionIds = new HashMap<>();
  private final Map<Redactor.Kind, Long> redactions = new EnumMap<>(Redactor.Kind.class);
  private final Map<Integer, float[]> vectors = new ConcurrentHashMap<>();
  private final Map<Integer, String> embeddedAs = new ConcurrentHashMap<>();
  private final ExecutorService embedding =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "knowledge-embedding");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, List<String>> sourceTerms = new ConcurrentHashMap<>();
  private long nextSeq;
  private long newest = Long.MIN_VALUE;

  public KnowledgeBase(Settings settings, Optional<Embedder> embedder) {
    this.settings = settings;
    this.embedder = embedder;
  }

  // ---------------------------------------------------------------- ingest

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
    terms.addAll(
        sourceTerms.computeIfAbsent(
            e.service() + " " + e.revision(), k -> List.copyOf(Terms.of(k))));
    lock.writeLock().lock();
    try {
      r.counts().forEach((k, v) -> redactions.merge(k, (long) v, Long::sum));
      TemplateMiner.Match m = miner.add(message);
      if (m.changed() && embedder.isPresent()) {
        int id = m.cluster().id();
        String template = m.cluster().template();
        embedding.execute(() -> embed(id, template));
      }
      Segment s = segments.peekLast();
      if (s == null || s.full()) {
        if (s != null) {
          s.seal();
        }
        s = new Segment(nextSeq);
        segments.addLast(s);
      }
      long at = e.time().toEpochMilli();
      s.add(
          at,
          m.cluster().id(),
          e.severity(),
          intern(e.service(), serviceNames, serviceIds),
          intern(e.revision(), revisionNames, revisionIds),
          text,
          e.id(),
          terms);
      nextSeq++;
      newest = Math.max(newest, at);
      evict();
    } finally {
      lock.writeLock().unlock();
    }
    return r.total();
  }

  private void embed(int template, String text) {
    String plain = text.replace(TemplateMiner.WILDCARD, " ").replaceAll("\\s+", " ").strip();
    if (plain.equals(embeddedAs.get(template))) {
      return;
    }
    vectors.put(template, embedder.orElseThrow().embed(plain.isEmpty() ? text : plain));
    embeddedAs.put(template, plain);
  }

  /** Waits until every template seen so far has its embedding (tests and benchmarks). */
  public void awaitEmbeddings() {
    try {
      embedding.submit(() -> {}).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void evict() {
    long cutoff = newest - settings.retention().toMillis();
    while (segments.size() > 1) {
      Segment first = segments.peekFirst();
      long kept = nextSeq - first.base - first.size;
      if (first.maxTime < cutoff || kept >= settings.maxLines()) {
        segments.pollFirst();
      } else {
        break;
      }
    }
  }

  private static int intern(String name, List<String> names, Map<String, Integer> ids) {
    Integer id = ids.get(name);
    if (id == null) {
      id = names.size();
      names.add(name);
      ids.put(name, id);
    }
    return id;
  }

  // ---------------------------------------------------------------- queries

  public Set<String> services() {
    lock.readLock().lock();
    try {
      Set<String> out = new LinkedHashSet<>(serviceNames);
      out.remove("");
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  public Stats stats() {
    lock.readLock().lock();
    try {
      long lines = segments.stream().mapToLong(s -> s.size).sum();
      Optional<Instant> oldest =
          segments.stream().filter(s -> s.size > 0).mapToLong(s -> s.minTime).min().stream()
              .mapToObj(Instant::ofEpochMilli)
              .findFirst();
      return new Stats(
          lines,
          miner.clusters().size(),
          vectors.size(),
          oldest,
          newest == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(newest)),
          Map.copyOf(redactions));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many stored lines have a time in [{@code from}, {@code to}). */
  public long count(Instant from, Instant to) {
    lock.readLock().lock();
    try {
      long f = from.toEpochMilli();
      long t = to.toEpochMilli();
      long n = 0;
      for (Segment s : segments) {
        if (s.maxTime < f || s.minTime >= t) {
          continue;
        }
        for (int i = 0; i < s.size; i++) {
          if (s.time[i] >= f && s.time[i] < t) {
            n++;
          }
        }
      }
      return n;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Where a line is: its segment and offset. */
  private record Ref(Segment segment, int offset) {}

  /** The lines in scope, counted per template. */
  private static final class Scope {
    long lines;
    long[] count;
    long[] first;
    long[] last;
    Segment[] latestSegment;
    int[] latestOffset;

    /** The template's latest line in scope, or null. */
    Ref latest(int t) {
      return latestSegment[t] == null ? null : new Ref(latestSegment[t], latestOffset[t]);
    }

    Scope(int templates) {
      count = new long[templates];
      first = new long[templates];
      last = new long[templates];
      latestSegment = new Segment[templates];
      latestOffset = new int[templates];
      Arrays.fill(first, Long.MAX_VALUE);
      Arrays.fill(last, Long.MIN_VALUE);
    }
  }

  private boolean inScope(Segment s, int i, int service, int minSeverity, long from, long to) {
    long t = s.time[i];
    return t >= from
        && t < to
        && (service < 0 || s.service[i] == service)
        // an entry whose severity is unknown is not excluded by a severity filter
        && (s.severity[i] >= minSeverity || s.severity[i] == 0);
  }

  private Scope scope(int service, int minSeverity, long from, long to) {
    Scope sc = new Scope(miner.clusters().size());
    for (Segment s : segments) {
      if (s.maxTime < from || s.minTime >= to) {
        continue;
      }
      for (int i = 0; i < s.size; i++) {
        if (inScope(s, i, service, minSeverity, from, to)) {
          int tpl = s.template[i];
          sc.lines++;
          sc.count[tpl]++;
          sc.first[tpl] = Math.min(sc.first[tpl], s.time[i]);
          if (s.time[i] >= sc.last[tpl]) {
            sc.last[tpl] = s.time[i];
            sc.latestSegment[tpl] = s; // no allocation per line: this runs over every line
            sc.latestOffset[tpl] = i;
          }
        }
      }
    }
    return sc;
  }

  /** Answers a question from the stored lines, hybrid retrieval. */
  public Answer ask(Question q) {
    return ask(q, Retrieval.HYBRID);
  }

  /** Answers a question with the given retrieval (the evaluation compares them). */
  public Answer ask(Question q, Retrieval retrieval) {
    float[] questionVector =
        retrieval != Retrieval.LEXICAL && embedder.isPresent() && !q.terms().isEmpty()
            ? embedder.get().embed(q.text())
            : null;
    lock.readLock().lock();
    try {
      int service = q.service().map(s -> serviceIds.getOrDefault(s, -2)).orElse(-1);
      int minSeverity = q.minSeverity().map(Enum::ordinal).orElse(0);
      long from = q.from().toEpochMilli();
      long to = q.to().toEpochMilli();
      String scopeText = scopeText(q, newest);
      Scope sc = service == -2 ? new Scope(0) : scope(service, minSeverity, from, to);
      if (sc.lines == 0) {
        return new Answer(
            "Not enough evidence: no " + scopeText + " are stored.",
            false,
            List.of(),
            List.of(),
            0,
            scopeText,
            q.from(),
            q.to());
      }
      if (q.terms().isEmpty()) {
        return overview(q, sc, service, minSeverity, scopeText);
      }
      // Asked about one thing by name (a block, a revision, a host) that no line mentions: the
      // logs cannot tell, however close other lines are in meaning.
      for (String t : q.terms()) {
        if (identifier(t) && segments.stream().noneMatch(s -> s.postings.containsKey(t))) {
          return new Answer(
              "Not enough evidence in the "
                  + scopeText
                  + " ("
                  + String.format(Locale.ROOT, "%,d", sc.lines)
                  + " entries searched): nothing there mentions `"
                  + t
                  + "`.",
              false,
              List.of(),
              List.of(),
              sc.lines,
              scopeText,
              q.from(),
              q.to());
        }
      }
      // A question that names something is answered by the lines that mention it.
      boolean named = q.terms().stream().anyMatch(KnowledgeBase::identifier);
      List<List<Ref>> rankings = new ArrayList<>();
      double bestMatched = 0;
      // A line may be cited when it answers half the question's words, or its template does, or
      // its template is close in meaning: fusion orders them, it does not admit strangers.
      Set<Ref> supported = new java.util.HashSet<>();
      Set<Integer> closeInMeaning = new java.util.HashSet<>();
      if (retrieval != Retrieval.VECTOR) {
        List<Scored> lexical = lexical(q.terms(), service, minSeverity, from, to, 50);
        rankings.add(lexical.stream().map(Scored::ref).toList());
        // Troubleshooting reads the loud lines first: the same matches, worst severity first.
        rankings.add(
            lexical.stream()
                .filter(x -> x.matched() >= 0.5)
                .sorted(
                    (a, b) ->
                        Integer.compare(
                            b.ref().segment().severity[b.ref().offset()],
                            a.ref().segment().severity[a.ref().offset()]))
                .map(Scored::ref)
                .toList());
        for (Scored s : lexical) {
          bestMatched = Math.max(bestMatched, s.matched());
          if (s.matched() >= 0.5 && (!named || s.named())) {
            supported.add(s.ref());
          }
        }
        rankings.add(expand(templatesByWords(q.terms(), sc, 10), sc));
      }
      double bestCosine = 0;
      if (questionVector != null) {
        List<Integer> byMeaning = new ArrayList<>();
        PriorityQueue<double[]> top = new PriorityQueue<>((a, b) -> Double.compare(a[1], b[1]));
        for (int t = 0; t < sc.count.length; t++) {
          float[] v = sc.count[t] > 0 ? vectors.get(t) : null;
          if (v == null) {
            continue;
          }
          top.add(new double[] {t, Embedder.cosine(questionVector, v)});
          if (top.size() > 10) {
            top.poll();
          }
        }
        List<double[]> best = new ArrayList<>(top);
        best.sort((a, b) -> Double.compare(b[1], a[1]));
        for (double[] b : best) {
          byMeaning.add((int) b[0]);
        }
        bestCosine = best.isEmpty() ? 0 : best.get(0)[1];
        for (double[] b : best) {
          if (b[1] >= settings.minCosine() && !named) {
            closeInMeaning.add((int) b[0]);
          }
        }
        rankings.add(expand(byMeaning, sc));
      }
      boolean enough =
          retrieval == Retrieval.VECTOR
              ? !rankings.isEmpty() && !rankings.get(0).isEmpty()
              : !supported.isEmpty() || !closeInMeaning.isEmpty();
      if (!enough) {
        return new Answer(
            "Not enough evidence in the "
                + scopeText
                + " ("
                + String.format(Locale.ROOT, "%,d", sc.lines)
                + " entries searched): nothing there matches the question.",
            false,
            List.of(),
            List.of(),
            sc.lines,
            scopeText,
            q.from(),
            q.to());
      }
      if (retrieval != Retrieval.VECTOR) {
        rankings.replaceAll(
            r ->
                r.stream()
                    .filter(
                        ref ->
                            supported.contains(ref)
                                || closeInMeaning.contains(ref.segment().template[ref.offset()]))
                    .toList());
      }
      List<Ref> cited = withCauses(fuse(rankings, settings.citations()));
      return compose(q, sc, cited, service, minSeverity, scopeText);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * A line found by words: its BM25 score, the share of the question it answers, and whether it
   * holds an identifier the question names.
   */
  private record Scored(Ref ref, double score, double matched, boolean named) {}

  /** A word searched for: asked for (weight 1) or related to one that was (weight 1/2). */
  private record Probe(String term, double weight, int asked) {}

  private static List<Probe> probes(List<String> terms) {
    List<Probe> out = new ArrayList<>();
    List<String> asked = terms.size() > 16 ? terms.subList(0, 16) : terms;
    Set<String> seen = new LinkedHashSet<>(asked);
    for (int i = 0; i < asked.size(); i++) {
      out.add(new Probe(asked.get(i), 1, i));
    }
    for (int i = 0; i < asked.size(); i++) {
      for (String r : Concepts.related(asked.get(i))) {
        if (seen.add(r)) {
          out.add(new Probe(r, 0.5, i));
        }
      }
    }
    return out;
  }

  /**
   * BM25 over the lines in scope, with related words at half weight; {@code matched} is the share
   * of the question's words a line answers, directly or through a related word.
   */
  private List<Scored> lexical(
      List<String> terms, int service, int minSeverity, long from, long to, int limit) {
    List<Probe> probes = probes(terms);
    int asked = Math.min(terms.size(), 16);
    long n = 0;
    long totalLength = 0;
    Map<String, Long> df = new HashMap<>();
    for (Segment s : segments) {
      n += s.size;
      totalLength += s.totalLength;
      for (Probe pr : probes) {
        IntList p = s.postings.get(pr.term());
        if (p != null) {
          df.merge(pr.term(), (long) p.distinct, Long::sum);
        }
      }
    }
    double avgdl = n == 0 ? 1 : (double) totalLength / n;
    // How much each asked word weighs in "how much of the question a line answers": an
    // identifier (blk_-160899, consumer-00042, a host name) counts three times a plain word, so a
    // question about one thing is not answered by lines about its neighbours.
    double[] weight = new double[asked];
    double totalWeight = 0;
    int identifiers = 0;
    for (int i = 0; i < asked; i++) {
      boolean id = identifier(terms.get(i));
      weight[i] = id ? 3 : 1;
      totalWeight += weight[i];
      identifiers |= id ? 1 << i : 0;
    }
    PriorityQueue<Scored> top = new PriorityQueue<>((a, b) -> Double.compare(a.score(), b.score()));
    for (Segment s : segments) {
      if (s.maxTime < from || s.minTime >= to) {
        continue;
      }
      float[] score = null;
      int[] answered = null;
      for (Probe pr : probes) {
        IntList p = s.postings.get(pr.term());
        if (p == null) {
          continue;
        }
        if (score == null) {
          score = new float[s.size];
          answered = new int[s.size];
        }
        long d = df.get(pr.term());
        double idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
        int i = 0;
        while (i < p.size()) {
          int line = p.get(i);
          int tf = 0;
          while (i < p.size() && p.get(i) == line) {
            tf++;
            i++;
          }
          if (!inScope(s, line, service, minSeverity, from, to)) {
            continue;
          }
          double norm = K1 * (1 - B + B * s.length[line] / avgdl);
          score[line] += (float) (pr.weight() * idf * tf * (K1 + 1) / (tf + norm));
          // A related word answers for the asked one only on a line that reports trouble (or
          // whose severity is unknown): "restart" is answered by "terminated" at WARNING, while a
          // DEBUG "connecting to postgres" does not answer "why did the database fail".
          if (pr.weight() == 1
              || s.severity[line] >= Severity.WARNING.ordinal()
              || s.severity[line] == 0) {
            answered[line] |= 1 << pr.asked();
          }
        }
      }
      if (score == null) {
        continue;
      }
      for (int i = 0; i < score.length; i++) {
        if (score[i] > 0 && (top.size() < limit || score[i] > top.peek().score())) {
          double share = 0;
          for (int k = 0; k < asked; k++) {
            if ((answered[i] & (1 << k)) != 0) {
              share += weight[k];
            }
          }
          top.add(
              new Scored(
                  new Ref(s, i),
                  score[i],
                  totalWeight == 0 ? 0 : share / totalWeight,
                  (answered[i] & identifiers) != 0));
          if (top.size() > limit) {
            top.poll();
          }
        }
      }
    }
    List<Scored> out = new ArrayList<>(top);
    out.sort(
        (a, b) ->
            a.score() != b.score()
                ? Double.compare(b.score(), a.score())
                : Long.compare(
                    b.ref().segment().time[b.ref().offset()],
                    a.ref().segment().time[a.ref().offset()]));
    return out;
  }

  private static boolean identifier(String term) {
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      if (Character.isDigit(c) || c == '-' || c == '_' || c == '.' || c == ':' || c == '/') {
        return true;
      }
    }
    return false;
  }

  /** BM25 over the templates in scope. */
  private List<Integer> templatesByWords(List<String> terms, Scope sc, int limit) {
    List<List<String>> docs = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (int t = 0; t < sc.count.length; t++) {
      if (sc.count[t] > 0) {
        ids.add(t);
        docs.add(Terms.of(miner.cluster(t).template()));
      }
    }
    Map<String, Integer> df = new HashMap<>();
    double total = 0;
    for (List<String> d : docs) {
      total += d.size();
      for (String t : new LinkedHashSet<>(d)) {
        df.merge(t, 1, Integer::sum);
      }
    }
    double avgdl = docs.isEmpty() ? 1 : total / docs.size();
    List<double[]> scored = new ArrayList<>();
    for (int k = 0; k < docs.size(); k++) {
      List<String> d = docs.get(k);
      double s = 0;
      for (Probe pr : probes(terms)) {
        int tf = Collections.frequency(d, pr.term());
        if (tf > 0) {
          int f = df.get(pr.term());
          double idf = Math.log(1 + (docs.size() - f + 0.5) / (f + 0.5));
          s += pr.weight() * idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * d.size() / avgdl));
        }
      }
      if (s > 0) {
        scored.add(new double[] {ids.get(k), s});
      }
    }
    scored.sort((a, b) -> Double.compare(b[1], a[1]));
    return scored.stream().limit(limit).map(a -> (int) a[0]).toList();
  }

  /** A ranking of templates as a ranking of lines: each template's latest line in scope. */
  private static List<Ref> expand(List<Integer> templates, Scope sc) {
    List<Ref> out = new ArrayList<>();
    for (int t : templates) {
      if (sc.latest(t) != null) {
        out.add(sc.latest(t));
      }
    }
    return out;
  }

  /** How far before a cited warning the error that caused it is looked for. */
  private static final long CAUSE_WINDOW_MILLIS = 30_000;

  /**
   * Adds, for each cited warning or error, the worst error its service and revision logged in the
   * half minute before it (a termination's out-of-memory line, a failed request's upstream
   * timeout), when that is another template and not cited yet: what a person would read next.
   */
  private List<Ref> withCauses(List<Ref> cited) {
    List<Ref> out = new ArrayList<>(cited);
    Set<Integer> templates = new java.util.HashSet<>();
    for (Ref r : cited) {
      templates.add(r.segment().template[r.offset()]);
    }
    List<Segment> all = new ArrayList<>(segments);
    for (Ref r : cited) {
      Segment s = r.segment();
      int i = r.offset();
      if (s.severity[i] < Severity.WARNING.ordinal() || out.size() >= settings.citations() + 3) {
        continue;
      }
      Ref cause = null;
      // A cause is louder than its effect: a termination's out-of-memory error, not the failed
      // requests that an out-of-memory error itself caused.
      int worst = Math.max(Severity.ERROR.ordinal(), s.severity[i] + 1) - 1;
      int si = all.indexOf(s);
      int j = i;
      scan:
      while (si >= 0) {
        Segment seg = all.get(si);
        for (; j >= 0; j--) {
          if (s.time[i] - seg.time[j] > CAUSE_WINDOW_MILLIS) {
            break scan;
          }
          if (seg.service[j] == s.service[i]
              && seg.revision[j] == s.revision[i]
              && seg.severity[j] > worst
              && !templates.contains(seg.template[j])) {
            worst = seg.severity[j];
            cause = new Ref(seg, j);
          }
        }
        si--;
        j = si >= 0 ? all.get(si).size - 1 : -1;
      }
      if (cause != null) {
        templates.add(cause.segment().template[cause.offset()]);
        out.add(out.indexOf(r) + 1, cause); // read next to what it caused
      }
    }
    return out;
  }

  /** Reciprocal rank fusion, at most two lines of one template. */
  private static List<Ref> fuse(List<List<Ref>> rankings, int limit) {
    Map<Ref, Double> score = new LinkedHashMap<>();
    for (List<Ref> r : rankings) {
      for (int i = 0; i < r.size(); i++) {
        score.merge(r.get(i), 1.0 / (RRF_K + i + 1), Double::sum);
      }
    }
    List<Map.Entry<Ref, Double>> all = new ArrayList<>(score.entrySet());
    all.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
    List<Ref> out = new ArrayList<>();
    Map<Integer, Integer> perTemplate = new HashMap<>();
    for (Map.Entry<Ref, Double> e : all) {
      Ref ref = e.getKey();
      int tpl = ref.segment().template[ref.offset()];
      if (perTemplate.merge(tpl, 1, Integer::sum) <= 2) {
        out.add(ref);
      }
      if (out.size() == limit) {
        return out;
      }
    }
    // Fewer templates than places: the rest go to more lines of the best ones.
    for (Map.Entry<Ref, Double> e : all) {
      if (out.size() == limit) {
        break;
      }
      if (!out.contains(e.getKey())) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  private Answer overview(Question q, Scope sc, int service, int minSeverity, String scopeText) {
    List<Integer> ranked = new ArrayList<>();
    for (int t = 0; t < sc.count.length; t++) {
      if (sc.count[t] > 0) {
        ranked.add(t);
      }
    }
    // The loudest trouble first: severity of the latest line, then how often.
    ranked.sort(
        (a, b) -> {
          int sa = sc.latest(a).segment().severity[sc.latest(a).offset()];
          int sb = sc.latest(b).segment().severity[sc.latest(b).offset()];
          return sa != sb ? Integer.compare(sb, sa) : Long.compare(sc.count[b], sc.count[a]);
        });
    List<Integer> trouble =
        ranked.stream()
            .filter(
                t ->
                    sc.latest(t).segment().severity[sc.latest(t).offset()]
                        >= Math.max(minSeverity, Severity.WARNING.ordinal()))
            .limit(3)
            .toList();
    if (trouble.isEmpty()) {
      return new Answer(
          "No warnings or errors in the "
              + scopeText
              + " ("
              + String.format(Locale.ROOT, "%,d", sc.lines)
              + " entries searched).",
          true,
          List.of(),
          List.of(),
          sc.lines,
          scopeText,
          q.from(),
          q.to());
    }
    return compose(q, sc, expand(trouble, sc), service, minSeverity, scopeText);
  }

  private Answer compose(
      Question q, Scope sc, List<Ref> cited, int service, int minSeverity, String scopeText) {
    long window = q.to().toEpochMilli() - q.from().toEpochMilli();
    Scope before =
        scope(service, minSeverity, q.from().toEpochMilli() - window, q.from().toEpochMilli());
    List<Answer.Finding> findings = new ArrayList<>();
    Set<Integer> seen = new LinkedHashSet<>();
    for (Ref r : cited) {
      int t = r.segment().template[r.offset()];
      if (!seen.add(t) || findings.size() == 3) {
        continue;
      }
      Set<String> services = new LinkedHashSet<>();
      Set<String> revisions = new LinkedHashSet<>();
      int worst = 0;
      for (Segment s : segments) {
        IntList lines = s.byTemplate.get(t);
        if (lines == null) {
          continue;
        }
        for (int k = lines.size() - 1; k >= 0; k--) {
          int i = lines.get(k);
          if (inScope(s, i, service, minSeverity, q.from().toEpochMilli(), q.to().toEpochMilli())) {
            if (services.size() < 4) {
              services.add(serviceNames.get(s.service[i]));
            }
            if (revisions.size() < 4) {
              revisions.add(revisionNames.get(s.revision[i]));
            }
            worst = Math.max(worst, s.severity[i]);
          }
        }
      }
      services.remove("");
      revisions.remove("");
      findings.add(
          new Answer.Finding(
              miner.cluster(t).template(),
              Severity.values()[worst],
              sc.count[t],
              t < before.count.length ? before.count[t] : 0,
              Instant.ofEpochMilli(sc.first[t]),
              Instant.ofEpochMilli(sc.last[t]),
              List.copyOf(services),
              List.copyOf(revisions)));
    }
    List<Answer.Citation> citations = new ArrayList<>();
    for (Ref r : cited) {
      Segment s = r.segment();
      int i = r.offset();
      citations.add(
          new Answer.Citation(
              Instant.ofEpochMilli(s.time[i]),
              Severity.values()[s.severity[i]],
              serviceNames.get(s.service[i]),
              revisionNames.get(s.revision[i]),
              s.text[i],
              s.id[i]));
    }
    return new Answer(
        summary(findings, sc.lines, scopeText),
        true,
        List.copyOf(findings),
        List.copyOf(citations),
        sc.lines,
        scopeText,
        q.from(),
        q.to());
  }

  private static String summary(List<Answer.Finding> findings, long searched, String scopeText) {
    StringBuilder b = new StringBuilder();
    b.append("From the ")
        .append(scopeText)
        .append(" (")
        .append(String.format(Locale.ROOT, "%,d", searched))
        .append(" entries searched):");
    for (Answer.Finding f : findings) {
      b.append("\n- ")
          .append(f.severity())
          .append(" \"")
          .append(f.template().length() > 160 ? f.template().substring(0, 159) + "…" : f.template())
          .append("\" ")
          .append(f.count())
          .append(f.count() == 1 ? " time" : " times");
      if (f.count() == 1) {
        b.append(" at ").append(HM.format(f.first()));
      } else {
        b.append(", ").append(HM.format(f.first())).append("–").append(HM.format(f.last()));
      }
      if (!f.services().isEmpty()) {
        b.append(" on ").append(String.join(", ", f.services()));
      }
      if (!f.revisions().isEmpty()) {
        b.append(" (").append(String.join(", ", f.revisions())).append(")");
      }
      b.append("; ").append(change(f.count(), f.previousCount())).append('.');
    }
    return b.toString();
  }

  private static String change(long now, long before) {
    if (before == 0) {
      return "none in the window before";
    }
    if (now == before) {
      return "as often as in the window before";
    }
    double ratio = (double) now / before;
    return ratio >= 1
        ? String.format(Locale.ROOT, "%.1f× the window before (%d)", ratio, before)
        : String.format(Locale.ROOT, "down from %d in the window before", before);
  }

  private static String scopeText(Question q, long newest) {
    String what =
        q.minSeverity().map(s -> s == Severity.ERROR ? "error " : "warning ").orElse("")
            + q.service().map(s -> s + " logs").orElse("logs");
    if (q.to().toEpochMilli() < newest - 60_000) {
      return what + " from " + HM.format(q.from()).replace(" UTC", "") + " to " + HM.format(q.to());
    }
    long minutes = Math.round(q.window().toSeconds() / 60.0);
    String window =
        minutes < 120 && minutes % 60 != 0
            ? minutes + " min"
            : minutes < 48 * 60
                ? Math.round(minutes / 60.0) + "h"
                : Math.round(minutes / 1440.0) + " days";
    return window.equals("1h") ? "last hour of " + what : "last " + window + " of " + what;
  }

  @Override
  public void close() {
    embedding.shutdownNow();
    try {
      embedding.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
