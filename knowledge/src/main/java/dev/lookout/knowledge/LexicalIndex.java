package dev.lookout.knowledge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Search by words: BM25 over the stored lines (their postings live in the segments) and over the
 * templates in scope, with related words at half weight.
 */
final class LexicalIndex {
  private static final double K1 = 1.2;
  private static final double B = 0.75;
  private static final int MAX_ASKED = 16;

  private final LogLines lines;
  private final TemplateMiner miner;

  LexicalIndex(LogLines lines, TemplateMiner miner) {
    this.lines = lines;
    this.miner = miner;
  }

  /**
   * A line found by words: its BM25 score, the share of the question's subject it answers (which
   * admits it as evidence), the share of all the question's words, whether it holds an identifier
   * the question names, whether it holds one of the question's words of trouble ("failed"), and
   * whether it holds one of the subject's own words (not only related ones).
   */
  record Scored(
      LineRef ref,
      double score,
      double matched,
      double answered,
      boolean named,
      boolean trouble,
      boolean direct) {}

  /** A word searched for: asked for (weight 1) or related to one that was (weight 1/2). */
  private record Probe(String term, double weight, int asked) {}

  private static List<Probe> probes(List<String> terms) {
    List<Probe> out = new ArrayList<>();
    List<String> asked = terms.size() > MAX_ASKED ? terms.subList(0, MAX_ASKED) : terms;
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

  /** Whether {@code term}, or a word related to it, is in any stored line. */
  boolean mentioned(String term) {
    if (lines.mentions(term)) {
      return true;
    }
    for (String r : Concepts.related(term)) {
      if (lines.mentions(r)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a term names one thing (a block, a revision, a host) rather than being a word. */
  static boolean identifier(String term) {
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      if (Character.isDigit(c) || c == '-' || c == '_' || c == '.' || c == ':' || c == '/') {
        return true;
      }
    }
    return false;
  }

  /**
   * BM25 over the lines in scope, with related words at half weight; {@code matched} is the share
   * of the question's words a line answers, directly or through a related word.
   */
  List<Scored> lines(List<String> terms, Scope sc, int limit) {
    return lines(terms, terms, sc, limit);
  }

  /**
   * As {@link #lines(List, Scope, int)}, with {@code matched} the share of the {@code subject} (the
   * terms that name what is asked about) a line answers: the other terms rank lines, they do not
   * admit them.
   */
  List<Scored> lines(List<String> terms, List<String> subject, Scope sc, int limit) {
    List<Probe> probes = probes(terms);
    int asked = Math.min(terms.size(), MAX_ASKED);
    long n = 0;
    long totalLength = 0;
    Map<String, Long> df = new HashMap<>();
    for (Segment s : lines.segments()) {
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
    double[] plain = new double[asked];
    double totalWeight = 0;
    double totalPlain = 0;
    int identifiers = 0;
    int predicate = 0;
    int subjectBits = 0;
    for (int i = 0; i < asked; i++) {
      boolean id = identifier(terms.get(i));
      plain[i] = id ? 3 : 1;
      weight[i] = subject.contains(terms.get(i)) ? plain[i] : 0;
      totalWeight += weight[i];
      totalPlain += plain[i];
      identifiers |= id ? 1 << i : 0;
      predicate |= QuestionParser.troubleTerm(terms.get(i)) ? 1 << i : 0;
      subjectBits |= weight[i] > 0 ? 1 << i : 0;
    }
    PriorityQueue<Scored> top = new PriorityQueue<>((a, b) -> Double.compare(a.score(), b.score()));
    for (Segment s : lines.segments()) {
      if (s.maxTime < sc.from || s.minTime >= sc.to) {
        continue;
      }
      float[] score = null;
      int[] answered = null;
      int[] direct = null;
      for (Probe pr : probes) {
        IntList p = s.postings.get(pr.term());
        if (p == null) {
          continue;
        }
        if (score == null) {
          score = new float[s.size];
          answered = new int[s.size];
          direct = new int[s.size];
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
          if (!sc.covers(s, line)) {
            continue;
          }
          double norm = K1 * (1 - B + B * s.length[line] / avgdl);
          score[line] += (float) (pr.weight() * idf * tf * (K1 + 1) / (tf + norm));
          // A related word answers for the asked one ("request" by an HTTP method); a question
          // about trouble is kept from quiet lines by the retriever, not here.
          answered[line] |= 1 << pr.asked();
          if (pr.weight() == 1) {
            direct[line] |= 1 << pr.asked();
          }
        }
      }
      if (score == null) {
        continue;
      }
      for (int i = 0; i < score.length; i++) {
        if (score[i] > 0 && (top.size() < limit || score[i] > top.peek().score())) {
          double share = 0;
          double all = 0;
          for (int k = 0; k < asked; k++) {
            if ((answered[i] & (1 << k)) != 0) {
              share += weight[k];
              all += plain[k];
            }
          }
          top.add(
              new Scored(
                  new LineRef(s, i),
                  score[i],
                  totalWeight == 0 ? 0 : share / totalWeight,
                  totalPlain == 0 ? 0 : all / totalPlain,
                  (answered[i] & identifiers) != 0,
                  (answered[i] & predicate) != 0,
                  (direct[i] & subjectBits) != 0));
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
                : Long.compare(b.ref().time(), a.ref().time()));
    return out;
  }

  /** BM25 over the templates in scope. */
  List<Integer> templates(List<String> terms, Scope sc, int limit) {
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
    List<Probe> probes = probes(terms);
    List<double[]> scored = new ArrayList<>();
    for (int k = 0; k < docs.size(); k++) {
      List<String> d = docs.get(k);
      double s = 0;
      for (Probe pr : probes) {
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
}
