package dev.lookout.knowledge;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from log text before anything is stored or embedded: bearer tokens, JWTs,
 * Google, AWS and Discord keys, passwords in URLs, secrets in key=value and JSON pairs, and long
 * random-looking strings. What is kept around a secret (the key name, the URL's user and host)
 * stays, so the line still says what happened.
 */
public final class Redactor {
  /** The kinds of secret, each replaced by its own marker. */
  public enum Kind {
    BEARER,
    JWT,
    GOOGLE_API_KEY,
    AWS_KEY,
    DISCORD_TOKEN,
    URL_PASSWORD,
    KEY_VALUE,
    HIGH_ENTROPY;

    public String marker() {
      return "[REDACTED:" + name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
  }

  /** Redacted text and how many secrets of each kind it held. */
  public record Result(String text, Map<Kind, Integer> counts) {
    public int total() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /**
   * A rule, and a cheap test a text must pass before the pattern runs: almost no line holds a
   * secret, and ingest must keep up with a log stream.
   */
  private record Rule(
      Kind kind, Pattern pattern, int secretGroup, BiPredicate<String, String> mayMatch) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              Kind.JWT,
              Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
              0,
              (t, lower) -> t.contains("eyJ")),
          new Rule(
              Kind.BEARER,
              Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]{8,}=*)"),
              1,
              (t, lower) -> lower.contains("bearer")),
          new Rule(
              Kind.GOOGLE_API_KEY,
              Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"),
              0,
              (t, lower) -> t.contains("AIza")),
          new Rule(
              Kind.AWS_KEY,
              Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA)[0-9A-Z]{16}\\b"),
              0,
              (t, lower) ->
                  t.contains("AKIA")
                      || t.contains("ASIA")
                      || t.contains("AGPA")
                      || t.contains("AIDA")),
          new Rule(
              Kind.DISCORD_TOKEN,
              Pattern.compile(
                  "\\b[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}\\b"),
              0,
              (t, lower) -> t.length() >= 58 && t.indexOf('.') >= 0),
          new Rule(
              Kind.URL_PASSWORD,
              Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@]+:([^\\s@/]+)@"),
              1,
              (t, lower) -> t.contains("://") && t.indexOf('@') >= 0),
          new Rule(
              Kind.KEY_VALUE,
              Pattern.compile(
                  "(?i)\\b(?:[a-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey"
                      + "|access[_-]?key|private[_-]?key|credentials?|auth[_-]?key|session[_-]?id"
                      + "|signature|key))\"?\\s*(?:=|:)\\s*\"?([^\\s\"'&,;{}()\\[\\]<>]{4,}+)"
                      // a value that opens a structure (Token{a64f992, Key(...)) is a name
                      + "(?![{(\\[<])"),
              1,
              (t, lower) ->
                  (t.indexOf('=') >= 0 || t.indexOf(':') >= 0) && mentionsSecretWord(lower)));

  private static final String[] SECRET_WORDS = {
    "pass", "pwd", "secret", "token", "key", "credential", "session", "signature"
  };

  private static boolean mentionsSecretWord(String lower) {
    for (String w : SECRET_WORDS) {
      if (lower.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a run of key-like characters as long as {@link #LONG_TOKEN} wants is in the text. */
  private static boolean hasLongRun(String text) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean keyLike =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '_'
              || c == '='
              || c == '-';
      run = keyLike ? run + 1 : 0;
      if (run >= 32) {
        return true;
      }
    }
    return false;
  }

  /** Runs of key-like characters long enough to be a secret; judged by {@link #looksRandom}. */
  private static final Pattern LONG_TOKEN = Pattern.compile("[A-Za-z0-9+/_=-]{32,}");

  /** Redacts {@code text}. */
  public Result redact(String text) {
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    String out = text;
    String lower = text.toLowerCase(Locale.ROOT);
    for (Rule rule : RULES) {
      if (rule.mayMatch().test(out, lower)) {
        out = replace(out, rule, counts);
      }
    }
    if (!hasLongRun(out)) {
      return new Result(out, Map.copyOf(counts));
    }
    Matcher m = LONG_TOKEN.matcher(out);
    StringBuilder b = null;
    int last = 0;
    while (m.find()) {
      if (!looksRandom(m.group())) {
        continue;
      }
      if (b == null) {
        b = new StringBuilder(out.length());
      }
      b.append(out, last, m.start()).append(Kind.HIGH_ENTROPY.marker());
      last = m.end();
      counts.merge(Kind.HIGH_ENTROPY, 1, Integer::sum);
    }
    if (b != null) {
      out = b.append(out, last, out.length()).toString();
    }
    return new Result(out, Map.copyOf(counts));
  }

  private static String replace(String text, Rule rule, Map<Kind, Integer> counts) {
    Matcher m = rule.pattern().matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    int last = 0;
    do {
      int start = m.start(rule.secretGroup());
      int end = m.end(rule.secretGroup());
      if (text.startsWith("[REDACTED:", start)) {
        continue; // already replaced by an earlier, more specific rule
      }
      b.append(text, last, start).append(rule.kind().marker());
      last = end;
      counts.merge(rule.kind(), 1, Integer::sum);
    } while (m.find());
    return b.append(text, last, text.length()).toString();
  }

  /**
   * Whether a long token is random enough to be a key: letters of both cases and digits, and a high
   * character entropy. Hex digests, UUIDs, class names and paths are not.
   */
  static boolean looksRandom(String token) {
    if (token.startsWith("[REDACTED")) {
      return false;
    }
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    int[] freq = new int[128];
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      digit |= c >= '0' && c <= '9';
      freq[c & 127]++;
    }
    if (!(upper && lower && digit)) {
      return false;
    }
    double entropy = 0;
    for (int f : freq) {
      if (f > 0) {
        double p = (double) f / token.length();
        entropy -= p * Math.log(p) / Math.log(2);
      }
    }
    return entropy >= 4.0;
  }
}
