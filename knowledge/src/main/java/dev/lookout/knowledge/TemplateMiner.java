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

  /**
   * The generic masking, the same for every system so nothing is tuned per log: see {@link #value}.
   * (A miner built with its own patterns uses those instead.)
   */
  private static final List<Pattern> GENERIC_MASKS = List.of();

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
      if (masks == GENERIC_MASKS) {
        t = value(t);
      } else {
        for (Pattern p : masks) {
          t = p.matcher(t).replaceAll(WILDCARD);
        }
      }
      // A list or pair of values ("<*>,<*>", "<*>:<*>") is one value.
      int w = t.indexOf(WILDCARD);
      out[i] =
          w == 0 && t.indexOf(WILDCARD, 1) > 0 && ONLY_VALUES.matcher(t).matches() ? WILDCARD : t;
    }
    return out;
  }

  /** Punctuation that wraps a value without being part of it: "[10.0.0.1]", "(42)", "x,". */
  private static final String WRAPPERS = "[](){}<>\"'`,;.!?";

  /**
   * A token with the values in it masked, by what values look like in any log rather than in one
   * system: a URL or a path of two or more parts is a value; so is a token with a digit in it that
   * is a number (with a unit or not: 812ms, 3.5GB, 42%), an address (IPv4 with its port, IPv6), a
   * hex string, a UUID, or an identifier made of letters and digits (blk_-123, node-246,
   * attempt_1445_0020_m_000000_0, R02-M1-N0). In {@code key=value} and {@code key:value} only the
   * value is masked. The punctuation around a value stays: "[<*>]", "<*>,".
   */
  static String value(String token) {
    int start = 0;
    int end = token.length();
    while (start < end && WRAPPERS.indexOf(token.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && WRAPPERS.indexOf(token.charAt(end - 1)) >= 0) {
      end--;
    }
    if (start == end) {
      return token;
    }
    String core = token.substring(start, end);
    String masked = maskCore(core);
    return masked == core ? token : token.substring(0, start) + masked + token.substring(end);
  }

  private static String maskCore(String core) {
    if (core.contains("://") || isPath(core)) {
      return WILDCARD;
    }
    if (!hasDigit(core)) {
      return core;
    }
    if (core.length() > 1 && core.charAt(0) == '/') {
      return "/" + WILDCARD; // one part after a slash: "/10.251.42.84", as HDFS writes an address
    }
    int eq = core.indexOf('=');
    if (eq > 0 && eq < core.length() - 1 && !hasDigit(core.substring(0, eq))) {
      String v = value(core.substring(eq + 1));
      return core.substring(0, eq + 1) + (hasDigit(v) ? WILDCARD : v);
    }
    int colon = core.indexOf(':');
    if (colon > 0
        && colon < core.length() - 1
        && !hasDigit(core.substring(0, colon))
        && Character.isLetter(core.charAt(0))
        && core.indexOf(':', colon + 1) < 0
        && !core.substring(0, colon).contains(".")) {
      // "status:200" keeps its key; a host:port ("db.internal:5432") is one value below.
      String v = value(core.substring(colon + 1));
      return core.substring(0, colon + 1) + (hasDigit(v) ? WILDCARD : v);
    }
    return WILDCARD;
  }

  /** A path of two or more parts: /var/log/app.log, ./conf/x, C:\\Windows\\x, ~/a/b. */
  private static boolean isPath(String t) {
    int slashes = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '/' || c == '\\') {
        slashes++;
      }
    }
    boolean rooted =
        t.startsWith("/")
            || t.startsWith("./")
            || t.startsWith("~/")
            || (t.length() > 2
                && Character.isLetter(t.charAt(0))
                && t.charAt(1) == ':'
                && t.charAt(2) == '\\');
    return rooted && slashes >= 2;
  }

  /** The line split on runs of whitespace (by hand: a regex split per line is ingest's cost). */
  static String[] tokens(String line) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    int n = line.length();
    int i = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(line.substring(start, i));
      }
    }
    return out.toArray(new String[0]);
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
