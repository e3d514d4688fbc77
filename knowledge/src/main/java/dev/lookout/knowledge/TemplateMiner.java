package dev.lookout.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Drain-style online template miner (He et al., ICWS 2017): a line's tokens are masked (numbers,
 * addresses, identifiers), routed through a fixed-depth tree by token count and leading tokens, and
 * matched to the most similar template in the leaf; a line too unlike every template starts a new
 * one. Matching a template generalises the positions where they differ to {@code <*>}.
 *
 * <p>Not thread-safe: the knowledge base feeds it from one ingest thread.
 */
public final class TemplateMiner {
  public static final String WILDCARD = "<*>";

  /** Masks applied to every line: the same for every system, so nothing is tuned per log. */
  private static final List<Pattern> GENERIC_MASKS =
      List.of(
          Pattern.compile("(?<![\\w.])(\\d{1,3}\\.){3}\\d{1,3}(:\\d+)?(?![\\w.])"),
          Pattern.compile(
              "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"),
          Pattern.compile("\\b0x[0-9a-fA-F]+\\b"),
          Pattern.compile("(?<![\\w.])[-+]?\\d+(\\.\\d+)?(?![\\w.])"));

  private static final Pattern ONLY_VALUES = Pattern.compile("(<\\*>[,;:/|-]*){2,}");

  /** A template and how many lines it has matched. */
  public static final class Cluster {
    private final int id;
    private String[] tokens;
    private long size;

    Cluster(int id, String[] tokens) {
      this.id = id;
      this.tokens = tokens;
    }

    public int id() {
      return id;
    }

    public String template() {
      return String.join(" ", tokens);
    }

    public long size() {
      return size;
    }
  }

  /** Which template a line matched, and its parameters (the tokens at the template's wildcards). */
  public record Match(Cluster cluster, List<String> parameters, boolean changed) {}

  private final int depth;
  private final double similarity;
  private final int maxChildren;
  private final List<Pattern> masks;
  private final Map<Integer, Node> byLength = new HashMap<>();
  private final List<Cluster> clusters = new ArrayList<>();

  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    final List<Cluster> clusters = new ArrayList<>();
  }

  /** Drain's usual settings: depth 4, similarity 0.5, 100 children a node, generic masks. */
  public TemplateMiner() {
    this(4, 0.5, 100, GENERIC_MASKS);
  }

  public TemplateMiner(int depth, double similarity, int maxChildren, List<Pattern> masks) {
    if (depth < 3) {
      throw new IllegalArgumentException("depth must be at least 3");
    }
    this.depth = depth;
    this.similarity = similarity;
    this.maxChildren = maxChildren;
    this.masks = List.copyOf(masks);
  }

  public List<Cluster> clusters() {
    return List.copyOf(clusters);
  }

  public Cluster cluster(int id) {
    return clusters.get(id);
  }

  /** Maps {@code line} to its template, creating or generalising one as needed. */
  public Match add(String line) {
    String[] raw = tokens(line);
    String[] masked = mask(raw);
    Node leaf = leaf(masked);
    Cluster best = null;
    double bestSim = -1;
    int bestParams = -1;
    for (Cluster c : leaf.clusters) {
      int same = 0;
      int params = 0;
      for (int i = 0; i < masked.length; i++) {
        if (c.tokens[i].equals(masked[i])) {
          same++; // a masked parameter matches a wildcard: both say "a value goes here"
        } else if (c.tokens[i].equals(WILDCARD)) {
          params++;
        }
      }
      double sim = masked.length == 0 ? 1 : (double) same / masked.length;
      if (sim > bestSim || (sim == bestSim && params > bestParams)) {
        best = c;
        bestSim = sim;
        bestParams = params;
      }
    }
    boolean changed = false;
    if (best == null || bestSim < similarity) {
      best = new Cluster(clusters.size(), masked.clone());
      clusters.add(best);
      leaf.clusters.add(best);
      changed = true;
    } else {
      for (int i = 0; i < masked.length; i++) {
        if (!best.tokens[i].equals(masked[i]) && !best.tokens[i].equals(WILDCARD)) {
          best.tokens[i] = WILDCARD;
          changed = true;
        }
      }
    }
    best.size++;
    List<String> parameters = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      if (best.tokens[i].equals(WILDCARD)) {
        parameters.add(raw[i]);
      }
    }
    return new Match(best, parameters, changed);
  }

  private Node leaf(String[] tokens) {
    Node node = byLength.computeIfAbsent(tokens.length, n -> new Node());
    int levels = Math.min(depth - 2, tokens.length);
    for (int i = 0; i < levels; i++) {
      String t = tokens[i];
      String key = hasDigit(t) ? WILDCARD : t;
      Node next = node.children.get(key);
      if (next == null) {
        if (node.children.size() + 1 >= maxChildren && !key.equals(WILDCARD)) {
          key = WILDCARD;
          next = node.children.get(key);
        }
        if (next == null) {
          next = new Node();
          node.children.put(key, next);
        }
      }
      node = next;
    }
    return node;
  }

  private String[] mask(String[] raw) {
    String[] out = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      String t = raw[i];
      if (masks == GENERIC_MASKS && !hasDigit(t)) {
        out[i] = t; // every generic mask needs a digit: most words skip the regexes
        continue;
      }
      for (Pattern p : masks) {
        t = p.matcher(t).replaceAll(WILDCARD);
      }
      // A list or pair of values ("<*>,<*>", "<*>:<*>") is one value.
      out[i] = ONLY_VALUES.matcher(t).matches() ? WILDCARD : t;
    }
    return out;
  }

  static String[] tokens(String line) {
    String s = line.strip();
    return s.isEmpty() ? new String[0] : s.split("\\s+");
  }

  private static boolean hasDigit(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (Character.isDigit(t.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
