package dev.lookout.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the evidence for a question: the lines in scope, gated on what the question names, ranked
 * by words and by meaning, fused, and completed with the causes a person would read next.
 */
final class Retriever {
  private static final int RRF_K = 60;

  /** How far before a cited warning the error that caused it is looked for. */
  private static final long CAUSE_WINDOW_MILLIS = 30_000;

  private final KnowledgeBase.Settings settings;
  private final LogLines lines;
  private final TemplateMiner miner;
  private final LexicalIndex lexical;
  private final TemplateVectors vectors;
  private final FailureChain chains;

  Retriever(
      KnowledgeBase.Settings settings,
      LogLines lines,
      TemplateMiner miner,
      LexicalIndex lexical,
      TemplateVectors vectors) {
    this.settings = settings;
    this.lines = lines;
    this.miner = miner;
    this.lexical = lexical;
    this.vectors = vectors;
    this.chains = new FailureChain(lines, miner);
  }

  /** The scope of a question: its service, severity and window. */
  Scope scope(Question q) {
    int service = q.service().map(lines::serviceId).orElse(LogLines.ANY);
    int minSeverity = q.minSeverity().map(Enum::ordinal).orElse(0);
    return lines.scope(
        miner.clusters().size(),
        service,
        minSeverity,
        q.from().toEpochMilli(),
        q.to().toEpochMilli());
  }

  /** The same service and severity over the window just before, for comparison. */
  Scope before(Scope sc) {
    long window = sc.to - sc.from;
    return lines.scope(
        miner.clusters().size(), sc.service, sc.minSeverity, sc.from - window, sc.from);
  }

  Evidence find(Question q, KnowledgeBase.Retrieval retrieval, Optional<float[]> questionVector) {
    Scope sc = scope(q);
    if (sc.lines == 0) {
      return new Evidence.NothingStored(sc);
    }
    if (q.diagnosis()) {
      FailureChain.Chain chain = chains.find(sc, before(sc), settings.citations());
      if (!chain.empty()) {
        return new Evidence.Diagnosis(sc, chain);
      }
    }
    if (q.terms().isEmpty()) {
      return new Evidence.Overview(sc, trouble(sc));
    }
    // Asked about one thing by name (a block, a revision, a host) that no line mentions: the
    // logs cannot tell, however close other lines are in meaning.
    for (String t : q.terms()) {
      if (LexicalIndex.identifier(t) && !lines.mentions(t)) {
        return new Evidence.Unmentioned(sc, t);
      }
    }
    // A question that names something is answered by the lines that mention it.
    boolean named = q.terms().stream().anyMatch(LexicalIndex::identifier);
    List<List<LineRef>> rankings = new ArrayList<>();
    // A line may be cited when it answers half the question's words, or its template does, or
    // its template is close in meaning: fusion orders them, it does not admit strangers.
    Set<LineRef> supported = new HashSet<>();
    // Lines that answer every word of the subject: they come before lines that answer part of it.
    Set<LineRef> complete = new HashSet<>();
    Set<Integer> closeInMeaning = new HashSet<>();
    if (retrieval != KnowledgeBase.Retrieval.VECTOR) {
      List<LexicalIndex.Scored> byWords = lexical.lines(q.terms(), q.subject(), sc, 50);
      rankings.add(byWords.stream().map(LexicalIndex.Scored::ref).toList());
      // Troubleshooting reads the loud lines first: the same matches, worst severity first.
      rankings.add(
          byWords.stream()
              .filter(x -> x.answered() >= 0.5)
              .sorted((a, b) -> Integer.compare(b.ref().severity(), a.ref().severity()))
              .map(LexicalIndex.Scored::ref)
              .toList());
      // A question about trouble ("why did postgres fail over?") is not answered by a line that
      // only names its subject (a DEBUG "connecting to postgres"): the line must show trouble.
      // Nor is a question answered by related words alone ("disk" by a host named storage.*).
      boolean contentSubject = q.subject().stream().anyMatch(t -> !QuestionParser.troubleTerm(t));
      for (LexicalIndex.Scored s : byWords) {
        if (s.matched() >= 0.5
            && (s.direct() || !contentSubject)
            && (!named || s.named())
            && (!q.trouble() || showsTrouble(s))) {
          supported.add(s.ref());
          if (s.matched() >= 0.999) {
            complete.add(s.ref());
          }
        }
      }
      rankings.add(expand(lexical.templates(q.terms(), sc, 10), sc));
    }
    if (questionVector.isPresent()) {
      List<Integer> byMeaning = new ArrayList<>();
      for (TemplateVectors.Near n : vectors.nearest(questionVector.get(), sc, 10)) {
        byMeaning.add(n.template());
        if (n.cosine() >= settings.minCosine() && !named) {
          closeInMeaning.add(n.template());
        }
      }
      rankings.add(expand(byMeaning, sc));
    }
    // Half the subject or more is in no line at all (nor any word related to it): lines about the
    // rest are the closest there is, and not an answer. Identifiers weigh three words, as above.
    List<String> missing = new ArrayList<>();
    for (String t : q.subject()) {
      if (!lexical.mentioned(t)) {
        missing.add(t);
      }
    }
    if (weight(missing) * 2 >= weight(q.subject())) {
      if (missing.size() == q.subject().size()) {
        return new Evidence.Partial(sc, missing, List.of());
      }
      List<LineRef> closest =
          fuse(
              rankings.stream().map(r -> r.stream().filter(supported::contains).toList()).toList(),
              3);
      return new Evidence.Partial(sc, missing, closest);
    }
    boolean enough =
        retrieval == KnowledgeBase.Retrieval.VECTOR
            ? !rankings.isEmpty() && !rankings.get(0).isEmpty()
            : !supported.isEmpty() || !closeInMeaning.isEmpty();
    if (!enough) {
      return new Evidence.NoMatch(sc);
    }
    if (retrieval != KnowledgeBase.Retrieval.VECTOR) {
      rankings.replaceAll(
          r ->
              r.stream()
                  .filter(ref -> supported.contains(ref) || closeInMeaning.contains(ref.template()))
                  .toList());
    }
    return new Evidence.Found(sc, withCauses(completeFirst(rankings, complete)));
  }

  /**
   * The fused ranking, with the lines that answer the whole subject before those that answer part:
   * diversity (two lines a template) is kept among equally complete answers, and a template that
   * answers everything is not pushed out by neighbours that share a word with the question.
   */
  private List<LineRef> completeFirst(List<List<LineRef>> rankings, Set<LineRef> complete) {
    int limit = settings.citations();
    if (complete.isEmpty()) {
      return fuse(rankings, limit);
    }
    List<LineRef> out =
        new ArrayList<>(
            fuse(
                rankings.stream().map(r -> r.stream().filter(complete::contains).toList()).toList(),
                limit));
    if (out.size() < limit) {
      for (LineRef r : fuse(rankings, limit)) {
        if (out.size() < limit && !out.contains(r)) {
          out.add(r);
        }
      }
    }
    return out;
  }

  /** A line that says it failed, or is loud enough (or of unknown severity) to be the failure. */
  private static boolean showsTrouble(LexicalIndex.Scored s) {
    int severity = s.ref().severity();
    return s.trouble()
        || severity >= Severity.WARNING.ordinal()
        || severity == Severity.DEFAULT.ordinal();
  }

  private static int weight(List<String> terms) {
    int w = 0;
    for (String t : terms) {
      w += LexicalIndex.identifier(t) ? 3 : 1;
    }
    return w;
  }

  /** The loudest trouble in scope: severity of the latest line, then how often; at most 3. */
  private static List<LineRef> trouble(Scope sc) {
    List<Integer> ranked = new ArrayList<>();
    for (int t = 0; t < sc.count.length; t++) {
      if (sc.count[t] > 0) {
        ranked.add(t);
      }
    }
    ranked.sort(
        (a, b) -> {
          int sa = sc.latest(a).severity();
          int sb = sc.latest(b).severity();
          return sa != sb ? Integer.compare(sb, sa) : Long.compare(sc.count[b], sc.count[a]);
        });
    List<Integer> loud =
        ranked.stream()
            .filter(
                t ->
                    sc.latest(t).severity() >= Math.max(sc.minSeverity, Severity.WARNING.ordinal()))
            .limit(3)
            .toList();
    return expand(loud, sc);
  }

  /** A ranking of templates as a ranking of lines: each template's latest line in scope. */
  private static List<LineRef> expand(List<Integer> templates, Scope sc) {
    List<LineRef> out = new ArrayList<>();
    for (int t : templates) {
      if (sc.latest(t) != null) {
        out.add(sc.latest(t));
      }
    }
    return out;
  }

  /**
   * Adds, for each cited warning or error, the worst error its service and revision logged in the
   * half minute before it (a termination's out-of-memory line, a failed request's upstream
   * timeout), when that is another template and not cited yet: what a person would read next.
   */
  private List<LineRef> withCauses(List<LineRef> cited) {
    List<LineRef> out = new ArrayList<>(cited);
    Set<Integer> templates = new HashSet<>();
    for (LineRef r : cited) {
      templates.add(r.template());
    }
    List<Segment> all = lines.list();
    for (LineRef r : cited) {
      Segment s = r.segment();
      int i = r.offset();
      if (s.severity[i] < Severity.WARNING.ordinal() || out.size() >= settings.citations() + 3) {
        continue;
      }
      LineRef cause = null;
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
            cause = new LineRef(seg, j);
          }
        }
        si--;
        j = si >= 0 ? all.get(si).size - 1 : -1;
      }
      if (cause != null) {
        templates.add(cause.template());
        out.add(out.indexOf(r) + 1, cause); // read next to what it caused
      }
    }
    return out;
  }

  /** Reciprocal rank fusion, at most two lines of one template. */
  private static List<LineRef> fuse(List<List<LineRef>> rankings, int limit) {
    Map<LineRef, Double> score = new LinkedHashMap<>();
    for (List<LineRef> r : rankings) {
      for (int i = 0; i < r.size(); i++) {
        score.merge(r.get(i), 1.0 / (RRF_K + i + 1), Double::sum);
      }
    }
    List<Map.Entry<LineRef, Double>> all = new ArrayList<>(score.entrySet());
    all.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
    List<LineRef> out = new ArrayList<>();
    Map<Integer, Integer> perTemplate = new HashMap<>();
    for (Map.Entry<LineRef, Double> e : all) {
      LineRef ref = e.getKey();
      if (perTemplate.merge(ref.template(), 1, Integer::sum) <= 2) {
        out.add(ref);
      }
      if (out.size() == limit) {
        return out;
      }
    }
    // Fewer templates than places: the rest go to more lines of the best ones.
    for (Map.Entry<LineRef, Double> e : all) {
      if (out.size() == limit) {
        break;
      }
      if (!out.contains(e.getKey())) {
        out.add(e.getKey());
      }
    }
    return out;
  }
}
