package dev.lookout.knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer to "why is X failing?": not the lines that share the question's words, but the chain
 * of failure a person on call would reconstruct. Every loud template in scope is scored by how
 * severe it is, how much more often it happens than in the window before (a burst), and how often a
 * restart follows it within a minute on the same service; the one that most precedes restarts leads
 * (an out-of-memory kill before a SIGKILL and a new instance), then what followed it, then the
 * other loud templates (upstream timeouts, the 5xx they caused). Revisions that began in the window
 * are named, since a deploy is the other usual cause.
 */
final class FailureChain {
  /** How soon after a line a restart counts as following it. */
  static final long FOLLOW_MILLIS = 60_000;

  /**
   * Words that mark an instance ending, in any runtime's words: a line holding one is an effect
   * (the kill, the exit) rather than a cause, and what precedes these is what the chain looks for.
   */
  private static final Set<String> ENDING_WORDS =
      stems(
          "terminated",
          "terminating",
          "sigkill",
          "sigterm",
          "exited",
          "exit",
          "shutdown",
          "shutting",
          "crashed");

  /** Words that mark an instance (re)starting: cited after the ending, never a cause. */
  private static final Set<String> STARTING_WORDS =
      stems("restart", "restarted", "restarting", "starting", "started", "booting");

  private static Set<String> stems(String... words) {
    return java.util.Arrays.stream(words)
        .map(Terms::stem)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * A template in the chain: the share of its lines that an instance ending followed within a
   * minute, and how much more often than at a random moment of the same service (the lift: a
   * service that restarts all the time makes everything "followed").
   */
  record Link(int template, double followedByRestart, double lift, long count, long before) {}

  /** The chain: its links, lead first, the lines to cite, and revisions begun in the window. */
  record Chain(List<Link> links, List<LineRef> cited, List<String> newRevisions) {
    boolean empty() {
      return links.isEmpty();
    }
  }

  private final LogLines lines;
  private final TemplateMiner miner;

  FailureChain(LogLines lines, TemplateMiner miner) {
    this.lines = lines;
    this.miner = miner;
  }

  Chain find(Scope sc, Scope before, int citations) {
    int templates = sc.count.length;
    boolean[] ending = new boolean[templates];
    boolean[] marker = new boolean[templates];
    int[] worst = new int[templates];
    for (int t = 0; t < templates; t++) {
      if (sc.count[t] > 0) {
        List<String> words = Terms.of(miner.cluster(t).template());
        ending[t] = words.stream().anyMatch(ENDING_WORDS::contains);
        marker[t] = ending[t] || words.stream().anyMatch(STARTING_WORDS::contains);
      }
    }
    // Restart times per service, sorted, and every loud line's time per template.
    Map<Integer, long[]> restarts = new HashMap<>();
    Map<Integer, List<long[]>> loud = new HashMap<>();
    Map<Integer, Long> revisionStart = new LinkedHashMap<>();
    Map<Integer, Integer> revisionService = new HashMap<>();
    Map<Integer, List<Long>> restartLists = new HashMap<>();
    for (Segment s : lines.segments()) {
      if (s.maxTime < sc.from || s.minTime >= sc.to) {
        continue;
      }
      for (int i = 0; i < s.size; i++) {
        if (!sc.covers(s, i)) {
          continue;
        }
        int t = s.template[i];
        worst[t] = Math.max(worst[t], s.severity[i]);
        revisionStart.merge(s.revision[i], s.time[i], Math::min);
        revisionService.putIfAbsent(s.revision[i], s.service[i]);
        // An instance ending at INFO is a scale-down; a failure ends louder (or says nothing).
        if (ending[t]
            && (s.severity[i] >= Severity.WARNING.ordinal()
                || s.severity[i] == Severity.DEFAULT.ordinal())) {
          restartLists.computeIfAbsent(s.service[i], k -> new ArrayList<>()).add(s.time[i]);
        }
        if (marker[t]) {
          continue;
        }
        if (s.severity[i] >= Severity.WARNING.ordinal()) {
          loud.computeIfAbsent(t, k -> new ArrayList<>()).add(new long[] {s.time[i], s.service[i]});
        }
      }
    }
    restartLists.forEach(
        (svc, ts) -> restarts.put(svc, ts.stream().mapToLong(Long::longValue).sorted().toArray()));

    // The chance that a random moment of a service is followed by an ending within a minute.
    Map<Integer, Double> baseRate = new HashMap<>();
    restarts.forEach((svc, r) -> baseRate.put(svc, covered(r, sc.from, sc.to)));
    List<Link> links = new ArrayList<>();
    Map<Integer, Double> score = new HashMap<>();
    for (Map.Entry<Integer, List<long[]>> e : loud.entrySet()) {
      int t = e.getKey();
      int followed = 0;
      double expected = 0;
      for (long[] line : e.getValue()) {
        long[] r = restarts.get((int) line[1]);
        if (r != null && followedWithin(r, line[0])) {
          followed++;
        }
        expected += baseRate.getOrDefault((int) line[1], 0.0);
      }
      int n = e.getValue().size();
      double share = (double) followed / n;
      double lift = followed == 0 ? 0 : share / Math.max(expected / n, 1e-3);
      long prior = t < before.count.length ? before.count[t] : 0;
      double burst = Math.log1p((double) sc.count[t] / (prior + 1));
      links.add(new Link(t, share, lift, sc.count[t], prior));
      score.put(t, worst[t] + 2 * share * Math.min(lift, 5) / 5 + burst);
    }
    if (links.isEmpty()) {
      return new Chain(List.of(), List.of(), List.of());
    }
    links.sort(Comparator.comparingDouble((Link l) -> -score.get(l.template())));
    List<Link> chain = new ArrayList<>();
    // The lead: what restarts follow most (when any do), then the rest by score.
    Link lead =
        links.stream()
            .filter(l -> l.followedByRestart() >= 0.5 && l.lift() >= 2)
            .max(
                Comparator.comparingInt((Link l) -> worst[l.template()])
                    .thenComparingDouble(Link::lift)
                    .thenComparingLong(Link::count))
            .orElse(links.get(0));
    chain.add(lead);
    for (Link l : links) {
      if (l != lead && chain.size() < 3) {
        chain.add(l);
      }
    }

    List<LineRef> cited = new ArrayList<>();
    LineRef leadLine = sc.latest(lead.template());
    if (leadLine != null) {
      cited.add(leadLine);
      if (lead.followedByRestart() >= 0.5 && lead.lift() >= 2) {
        cited.addAll(restartsAfter(sc, leadLine, marker, 2));
      }
    }
    for (Link l : chain.subList(1, chain.size())) {
      LineRef r = sc.latest(l.template());
      if (r != null && !cited.contains(r) && cited.size() < citations) {
        cited.add(r);
      }
    }
    // A second occurrence of the lead, so the citations show it repeats.
    if (cited.size() < citations && lead.count() > 1) {
      LineRef earlier = earlier(sc, leadLine);
      if (earlier != null) {
        cited.add(earlier);
      }
    }

    // A revision began in the window when its service logged under another one before it.
    Map<Integer, Long> serviceStart = new HashMap<>();
    revisionStart.forEach(
        (rev, first) -> serviceStart.merge(revisionService.get(rev), first, Math::min));
    List<String> newRevisions = new ArrayList<>();
    revisionStart.forEach(
        (rev, first) -> {
          String name = lines.revision(rev);
          if (!name.isEmpty()
              && first > serviceStart.get(revisionService.get(rev)) + FOLLOW_MILLIS
              && newRevisions.size() < 3) {
            newRevisions.add(name);
          }
        });
    return new Chain(List.copyOf(chain), List.copyOf(cited), List.copyOf(newRevisions));
  }

  /** The share of [from, to) that lies within a minute before one of the sorted {@code times}. */
  private static double covered(long[] times, long from, long to) {
    long total = 0;
    long reach = from;
    for (long t : times) {
      long start = Math.max(reach, t - FOLLOW_MILLIS);
      long end = Math.min(t, to);
      if (end > start) {
        total += end - start;
      }
      reach = Math.max(reach, end);
    }
    return to > from ? (double) total / (to - from) : 0;
  }

  private static boolean followedWithin(long[] sortedRestarts, long at) {
    int k = Arrays.binarySearch(sortedRestarts, at);
    int next = k >= 0 ? k : -k - 1;
    return next < sortedRestarts.length && sortedRestarts[next] - at <= FOLLOW_MILLIS;
  }

  /** Up to {@code max} restart lines of the same service within a minute after {@code cause}. */
  private List<LineRef> restartsAfter(Scope sc, LineRef cause, boolean[] marker, int max) {
    List<LineRef> out = new ArrayList<>();
    Set<Integer> templates = new HashSet<>();
    int service = cause.segment().service[cause.offset()];
    for (Segment s : lines.segments()) {
      if (s.maxTime < cause.time() || s.minTime > cause.time() + FOLLOW_MILLIS) {
        continue;
      }
      for (int i = 0; i < s.size && out.size() < max; i++) {
        long dt = s.time[i] - cause.time();
        if (dt >= 0
            && dt <= FOLLOW_MILLIS
            && s.service[i] == service
            && marker[s.template[i]]
            && sc.covers(s, i)
            && templates.add(s.template[i])) {
          out.add(new LineRef(s, i));
        }
      }
    }
    return out;
  }

  /** The line of the same template before {@code latest} in scope, or null. */
  private LineRef earlier(Scope sc, LineRef latest) {
    LineRef best = null;
    for (Segment s : lines.segments()) {
      IntList of = s.byTemplate.get(latest.template());
      if (of == null) {
        continue;
      }
      for (int k = 0; k < of.size(); k++) {
        int i = of.get(k);
        if (sc.covers(s, i)
            && s.time[i] < latest.time() - FOLLOW_MILLIS
            && (best == null || s.time[i] > best.time())) {
          best = new LineRef(s, i);
        }
      }
    }
    return best;
  }
}
