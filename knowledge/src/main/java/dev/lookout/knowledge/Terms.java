package dev.lookout.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words lexical search works on: lower-cased tokens, each compound token ({@code
 * consumer-00042-abc}, {@code blk_123}, {@code java.lang.OutOfMemoryError}) kept whole and also
 * split into its parts, so both "blk_123" and "OutOfMemoryError" find their lines.
 */
final class Terms {
  /** English plurals and forms the suffix rules cannot reach. */
  private static final java.util.Map<String, String> IRREGULAR =
      java.util.Map.of(
          "children", "child",
          "people", "person",
          "indices", "index",
          "indexes", "index",
          "statuses", "status",
          "processes", "process",
          "addresses", "address",
          "lost", "lose",
          "found", "find");

  private static final Set<String> STOP =
      Set.of(
          "a",
          "an",
          "the",
          "and",
          "or",
          "of",
          "to",
          "in",
          "on",
          "at",
          "for",
          "with",
          "by",
          "from",
          "is",
          "are",
          "was",
          "were",
          "be",
          "been",
          "did",
          "do",
          "does",
          "why",
          "what",
          "when",
          "where",
          "which",
          "who",
          "how",
          "happened",
          "happen",
          "going",
          "there",
          "it",
          "its",
          "this",
          "that",
          "any",
          "some",
          "me",
          "tell",
          "show",
          "about",
          "last",
          "past",
          "hour",
          "hours",
          "minute",
          "minutes",
          "min",
          "mins",
          "today",
          "yesterday",
          "since",
          "ago",
          "s",
          "<*>");

  private static final Set<String> STOPPED =
      STOP.stream().map(Terms::stem).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private static final java.util.regex.Pattern PATH_PARTS =
      java.util.regex.Pattern.compile("[/:]+");
  private static final java.util.regex.Pattern PARTS = java.util.regex.Pattern.compile("[-_./:]+");

  private Terms() {}

  /**
   * A light English stemmer for plain words: "terminated", "terminating" and "terminates" meet at
   * "terminat", "sessions" at "session". Words with digits or joiners are identifiers and stay.
   */
  static String stem(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (!Character.isLetter(t.charAt(i))) {
        return t;
      }
    }
    int n = t.length();
    String irregular = IRREGULAR.get(t);
    if (irregular != null) {
      return irregular;
    }
    if (n > 5 && t.endsWith("ing")) {
      return t.substring(0, n - 3);
    }
    if (n > 4 && t.endsWith("ed")) {
      return t.substring(0, n - 2);
    }
    if (n > 4
        && (t.endsWith("ses") || t.endsWith("xes") || t.endsWith("ches") || t.endsWith("shes"))) {
      return t.substring(0, n - 2);
    }
    if (n > 3 && t.endsWith("s") && !t.endsWith("ss") && !t.endsWith("us") && !t.endsWith("is")) {
      return stem(t.substring(0, n - 1));
    }
    // "delete" meets "deleted" and "deleting" at "delet", as "terminate" meets "terminated".
    if (n > 4 && t.endsWith("e") && !t.endsWith("ee")) {
      return t.substring(0, n - 1);
    }
    return t;
  }

  /** The terms of a log line or template, in order, repeats kept, stemmed. */
  static List<String> of(String text) {
    List<String> out = raw(text);
    out.replaceAll(Terms::stem);
    return out;
  }

  private static List<String> raw(String text) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && !word(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && (word(text.charAt(i)) || joiner(text, i))) {
        i++;
      }
      if (i > start) {
        String word = text.substring(start, i);
        add(out, word);
        // A negation is one term however it is spelt: "can't", "couldn't", "cannot", "not".
        if (contracted(text, i) || word.equalsIgnoreCase("cannot")) {
          out.add("not");
          i = contracted(text, i) ? i + 2 : i;
        }
      }
    }
    return out;
  }

  /** Whether an apostrophe and a t end the word that stops at {@code i}: "can't", "isn’t". */
  private static boolean contracted(String text, int i) {
    return i + 1 < text.length()
        && (text.charAt(i) == '\'' || text.charAt(i) == '\u2019')
        && (text.charAt(i + 1) == 't' || text.charAt(i + 1) == 'T')
        && (i + 2 == text.length() || !Character.isLetterOrDigit(text.charAt(i + 2)));
  }

  /** The terms of a question: like a line's, without words that say nothing about the logs. */
  static List<String> ofQuestion(String text) {
    List<String> out = new ArrayList<>();
    for (String t : of(text)) {
      if (!STOPPED.contains(t) && !out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private static boolean digits(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (!Character.isDigit(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static void add(List<String> out, String token) {
    String t = token.toLowerCase(Locale.ROOT);
    while (!t.isEmpty() && isJoin(t.charAt(t.length() - 1))) {
      t = t.substring(0, t.length() - 1);
    }
    if (t.isEmpty() || t.length() > 64 || digits(t)) {
      return; // bare numbers are parameters nobody searches for; they would bloat the postings
    }
    out.add(t);
    boolean path = false;
    boolean joined = false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      path |= c == '/' || c == ':';
      joined |= isJoin(c);
    }
    if (!joined) {
      camel(out, token); // most words: no splitting at all
      return;
    }
    // A path or URL also keeps its segments whole: "llm.internal/v1/generate" -> "llm.internal".
    if (path) {
      for (String seg : split(token, "/:")) {
        String low = seg.toLowerCase(Locale.ROOT);
        if (!seg.isEmpty()
            && !digits(low)
            && (seg.indexOf('-') >= 0 || seg.indexOf('_') >= 0 || seg.indexOf('.') >= 0)) {
          out.add(low);
        }
      }
    }
    List<String> parts = split(token, "-_./:");
    if (parts.size() > 1) {
      for (String part : parts) {
        if (!part.isEmpty() && !digits(part)) {
          out.add(part.toLowerCase(Locale.ROOT));
          camel(out, part);
        }
      }
    } else {
      camel(out, token);
    }
  }

  /** The non-empty parts of {@code token} between runs of the {@code separators}. */
  private static List<String> split(String token, String separators) {
    List<String> out = new ArrayList<>(4);
    int start = 0;
    for (int i = 0; i <= token.length(); i++) {
      if (i == token.length() || separators.indexOf(token.charAt(i)) >= 0) {
        if (i > start) {
          out.add(token.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }

  /** OutOfMemoryError -> out, of, memory, error. */
  private static void camel(List<String> out, String token) {
    boolean upperInside = false;
    for (int i = 1; i < token.length() && !upperInside; i++) {
      upperInside = Character.isUpperCase(token.charAt(i));
    }
    if (!upperInside) {
      return;
    }
    int s = 0;
    int pieces = 0;
    List<String> found = new ArrayList<>();
    for (int j = 1; j <= token.length(); j++) {
      if (j == token.length()
          || (Character.isUpperCase(token.charAt(j))
              && Character.isLowerCase(token.charAt(j - 1)))) {
        found.add(token.substring(s, j).toLowerCase(Locale.ROOT));
        s = j;
        pieces++;
      }
    }
    if (pieces > 1) {
      out.addAll(found);
    }
  }

  private static boolean word(char c) {
    return Character.isLetterOrDigit(c);
  }

  /** A joiner inside a token: a run of them ("blk_-123", "a--b") followed by a word character. */
  private static boolean joiner(String text, int i) {
    int j = i;
    while (j < text.length() && isJoin(text.charAt(j))) {
      j++;
    }
    return j > i && j < text.length() && word(text.charAt(j));
  }

  private static boolean isJoin(char c) {
    return c == '-' || c == '_' || c == '.' || c == '/' || c == ':';
  }
}
