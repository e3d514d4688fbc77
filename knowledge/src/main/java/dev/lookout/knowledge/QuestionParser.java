package dev.lookout.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the scope out of a question: "on consumer" or any known service's name, "errors" or
 * "warnings", "in the last 2 hours", "since 10:00", "at 10:32" (times in UTC). What is left is
 * searched for. Options given explicitly win over what the text says.
 */
public final class QuestionParser {
  private static final Pattern LAST =
      Pattern.compile(
          "\\b(?:in the |over the |during the )?(?:last|past)\\s+(?:(\\d{1,4})\\s*)?"
              + "(m|min|mins|minutes?|h|hrs?|hours?|d|days?)\\b");
  private static final Pattern AGO =
      Pattern.compile("\\b(\\d{1,4})\\s*(m|min|mins|minutes?|h|hrs?|hours?)\\s+ago\\b");
  private static final Pattern AT =
      Pattern.compile("\\b(at|around|since|after)\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\b");

  /** A word naming a severity, and the severity it names. */
  private static final Pattern SEVERITY_WORD =
      Pattern.compile("\\b(errors?|fatal|critical|warnings?|warns?)\\b");

  /** Nouns that make a severity word name a kind of log line: "error logs", "warning lines". */
  private static final Set<String> LINE_NOUNS =
      Set.of(
          "log",
          "logs",
          "line",
          "lines",
          "entries",
          "entry",
          "messages",
          "message",
          "events",
          "level",
          "severity");

  /** Words without content of their own: quantifiers, question words, auxiliaries, time words. */
  private static final Set<String> FUNCTION_WORDS =
      Set.copyOf(
          List.of(
              "a",
              "an",
              "the",
              "any",
              "all",
              "some",
              "many",
              "more",
              "most",
              "much",
              "few",
              "several",
              "only",
              "what",
              "which",
              "why",
              "when",
              "where",
              "how",
              "who",
              "were",
              "was",
              "are",
              "is",
              "be",
              "been",
              "there",
              "did",
              "do",
              "does",
              "have",
              "has",
              "had",
              "me",
              "us",
              "of",
              "in",
              "on",
              "at",
              "for",
              "from",
              "since",
              "during",
              "over",
              "after",
              "before",
              "around",
              "today",
              "yesterday",
              "now",
              "recently",
              "lately",
              "and",
              "or",
              "no",
              "not",
              "than",
              "to",
              "with",
              "by",
              "about",
              "latest",
              "first",
              "other",
              "our",
              "my",
              "your",
              "their",
              "these",
              "those",
              "this",
              "that",
              "just",
              "so",
              "far",
              "yet",
              "ever",
              "too",
              "count",
              "number",
              "times",
              "often"));

  private static final List<String> VAGUE =
      List.of(
          "error",
          "errors",
          "warning",
          "warnings",
          "warn",
          "logs",
          "log",
          "service",
          "services",
          "wrong",
          "problem",
          "problems",
          "issue",
          "issues",
          "broke",
          "broken",
          "happening",
          "on",
          "up",
          "going",
          "fatal",
          "critical",
          "bad",
          "odd",
          "unusual",
          "now",
          "recent",
          "recently",
          "new",
          "see",
          "seen",
          "get",
          "got",
          "have",
          "has",
          "had",
          "can",
          "could",
          "should",
          "we",
          "our",
          "i",
          "my",
          "you");

  /** Around a time given with "at": this much either side. */
  public static final Duration AROUND = Duration.ofMinutes(5);

  private QuestionParser() {}

  /**
   * @param now the end of the default window
   * @param defaultWindow the window when the question names none
   * @param services the services known to the store, for "on consumer"
   */
  public static Question parse(
      String text,
      Optional<String> service,
      Optional<Duration> window,
      Instant now,
      Duration defaultWindow,
      Collection<String> services) {
    String lower = text.toLowerCase(Locale.ROOT);
    Instant from = null;
    Instant to = now;
    String rest = lower;

    Matcher at = AT.matcher(lower);
    if (at.find()) {
      LocalTime t =
          LocalTime.of(
              Integer.parseInt(at.group(2)) % 24,
              Integer.parseInt(at.group(3)) % 60,
              at.group(4) == null ? 0 : Integer.parseInt(at.group(4)) % 60);
      ZonedDateTime day = now.atZone(ZoneOffset.UTC);
      Instant moment = day.with(t).toInstant();
      if (moment.isAfter(now)) {
        moment = moment.minus(1, ChronoUnit.DAYS);
      }
      if (at.group(1).equals("since") || at.group(1).equals("after")) {
        from = moment;
      } else {
        from = moment.minus(AROUND);
        to = moment.plus(AROUND).isAfter(now) ? now : moment.plus(AROUND);
      }
      rest = rest.replace(at.group(), " ");
    }
    Matcher last = LAST.matcher(rest);
    if (from == null && last.find()) {
      long n = last.group(1) == null ? 1 : Long.parseLong(last.group(1));
      from = now.minus(unit(last.group(2)).multipliedBy(Math.max(1, n)));
      rest = rest.replace(last.group(), " ");
    }
    Matcher ago = AGO.matcher(rest);
    if (from == null && ago.find()) {
      Instant moment = now.minus(unit(ago.group(2)).multipliedBy(Long.parseLong(ago.group(1))));
      from = moment.minus(AROUND);
      to = moment.plus(AROUND);
      rest = rest.replace(ago.group(), " ");
    }
    if (window.isPresent()) {
      to = now;
      from = now.minus(window.get());
    }
    if (from == null) {
      from = now.minus(defaultWindow);
    }

    Optional<String> scope = service;
    if (scope.isEmpty()) {
      for (String s : services) {
        if (Pattern.compile(
                "(?<![\\w-])" + Pattern.quote(s.toLowerCase(Locale.ROOT)) + "(?![\\w-])")
            .matcher(rest)
            .find()) {
          scope = Optional.of(s);
          break;
        }
      }
    }
    if (scope.isPresent()) {
      rest =
          rest.replaceAll(
              "(?<![\\w-])" + Pattern.quote(scope.get().toLowerCase(Locale.ROOT)) + "(?![\\w-])",
              " ");
    }

    // A severity word scopes the search only where it asks for a severity; elsewhere it is a term.
    Optional<Severity> severity = Optional.empty();
    List<String> kept = new ArrayList<>();
    Matcher sw = SEVERITY_WORD.matcher(rest);
    StringBuilder unscoped = new StringBuilder();
    boolean subjectless = subjectless(rest);
    while (sw.find()) {
      boolean asks = subjectless || LINE_NOUNS.contains(neighbour(rest.substring(sw.end()), false));
      if (asks) {
        Severity named = sw.group(1).startsWith("warn") ? Severity.WARNING : Severity.ERROR;
        if (severity.isEmpty() || named.compareTo(severity.get()) < 0) {
          severity = Optional.of(named);
        }
      } else {
        kept.add(sw.group(1));
      }
      sw.appendReplacement(unscoped, asks ? " " : sw.group(1));
    }
    sw.appendTail(unscoped);
    rest = unscoped.toString();
    List<String> terms = new ArrayList<>(Terms.ofQuestion(rest));
    // Words that only say "something is wrong" are not what to search for, unless the question
    // uses a severity word as a term ("errors detected").
    List<String> vague = new ArrayList<>(VAGUE.stream().map(Terms::stem).toList());
    vague.removeAll(kept.stream().map(Terms::stem).toList());
    terms.removeAll(vague);
    boolean trouble = false;
    for (String w : rest.split("[^\\p{L}\\p{N}_-]+")) {
      trouble |= TROUBLE_WORDS.contains(w);
    }
    List<String> subject = subject(rest, terms);
    return new Question(
        text, terms, subject, trouble, diagnosis(rest, terms), scope, severity, from, to);
  }

  /**
   * Whether the question names nothing but severities: without its severity words, nothing is left
   * to search for ("any errors on checkout?", "were there fatal errors?"). Then the severity words
   * ask for a severity; beside a subject ("errors detected and corrected", "parity error", "error
   * rate") they are part of what is searched for.
   */
  private static boolean subjectless(String text) {
    List<String> left =
        new ArrayList<>(Terms.ofQuestion(SEVERITY_WORD.matcher(text).replaceAll(" ")));
    left.removeAll(VAGUE.stream().map(Terms::stem).toList());
    left.removeIf(QuestionParser::isNumber);
    return left.isEmpty();
  }

  /** The word next to a position (the last of {@code side} or its first), or "" at a clause end. */
  private static String neighbour(String side, boolean last) {
    String s = last ? side.stripTrailing() : side.stripLeading();
    if (s.isEmpty()) {
      return "";
    }
    char edge = last ? s.charAt(s.length() - 1) : s.charAt(0);
    if (!Character.isLetterOrDigit(edge) && edge != '_' && edge != '-') {
      return ""; // punctuation ends the phrase: "errors?" or "checkout: errors"
    }
    String[] words = s.split("[^\\p{L}\\p{N}_-]+");
    if (words.length == 0) {
      return "";
    }
    return last
        ? words[words.length - 1]
        : words[0].isEmpty() && words.length > 1 ? words[1] : words[0];
  }

  /**
   * Generic verbs of trouble and of events, in all their forms: they say that something went wrong
   * or took place, not what. A specific verb ("terminated", "expired", "evicted") says what
   * happened and stays part of the subject.
   */
  private static final Pattern WHY =
      Pattern.compile("\\b(why|what caused|what is causing|what's causing|cause of|root cause)\\b");

  /** States of a failing service, as people ask about them: "failing", "keeps restarting". */
  private static final Set<String> FAILURE_STATES =
      Set.of(
              "fail",
              "failing",
              "failed",
              "fails",
              "failure",
              "failures",
              "crash",
              "crashing",
              "crashed",
              "crashes",
              "restart",
              "restarting",
              "restarted",
              "restarts",
              "die",
              "dying",
              "died",
              "dies",
              "down",
              "unhealthy",
              "unavailable",
              "broken",
              "erroring",
              "errors",
              "error",
              "keep",
              "keeps",
              "kept",
              "still",
              "again",
              "so",
              "often",
              "much")
          .stream()
          .map(Terms::stem)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * A why-question whose every word is a failure state ("why is X failing?", "why does X keep
   * restarting?"): it asks for a diagnosis, not for lines that contain its words.
   */
  private static boolean diagnosis(String rest, List<String> terms) {
    if (!WHY.matcher(rest).find()) {
      return false;
    }
    for (String t : terms) {
      if (!FAILURE_STATES.contains(t)) {
        return false;
      }
    }
    return true;
  }

  /** Words that say something went wrong, without saying what: a line must show the trouble. */
  private static final Set<String> TROUBLE_WORDS =
      Set.of(
          "fail",
          "fails",
          "failed",
          "failing",
          "failure",
          "failures",
          "break",
          "breaks",
          "broke",
          "broken",
          "breaking",
          "wrong",
          "problem",
          "problems",
          "issue",
          "issues",
          "trouble");

  /** Whether a stemmed term is one of {@link #TROUBLE_WORDS}. */
  static boolean troubleTerm(String term) {
    return TROUBLE_STEMS.contains(term);
  }

  private static final Set<String> TROUBLE_STEMS =
      TROUBLE_WORDS.stream()
          .map(Terms::stem)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private static final Set<String> EVENT_VERBS =
      Set.of(
          "fail",
          "fails",
          "failed",
          "failing",
          "happen",
          "happens",
          "happened",
          "happening",
          "occur",
          "occurs",
          "occurred",
          "occurring",
          "go",
          "goes",
          "went",
          "gone",
          "going",
          "break",
          "breaks",
          "broke",
          "broken",
          "breaking",
          "work",
          "works",
          "worked",
          "working",
          "cause",
          "causes",
          "caused",
          "causing",
          "get",
          "gets",
          "got",
          "getting",
          "make",
          "makes",
          "made",
          "see",
          "saw",
          "seen",
          "show",
          "shows",
          "showed",
          "shown",
          "say",
          "says",
          "said",
          "look",
          "looks",
          "looked",
          "wrong",
          "problem",
          "problems",
          "issue",
          "issues",
          "trouble");

  /**
   * The terms that name the question's subject: identifiers always; words unless they are generic
   * verbs of trouble or events, or words without content of their own ("how many"). When every term
   * is such a word ("what failed?"), all of them are the subject.
   */
  private static List<String> subject(String rest, List<String> terms) {
    Set<String> verbs = new java.util.HashSet<>();
    for (String w : rest.split("[^\\p{L}\\p{N}_-]+")) {
      if (EVENT_VERBS.contains(w) || FUNCTION_WORDS.contains(w)) {
        verbs.add(Terms.stem(w));
      }
    }
    List<String> subject = new ArrayList<>();
    for (String t : terms) {
      if (LexicalIndex.identifier(t) || !verbs.contains(t)) {
        subject.add(t);
      }
    }
    return subject.isEmpty() ? terms : subject;
  }

  private static boolean isNumber(String w) {
    return !w.isEmpty() && w.chars().allMatch(Character::isDigit);
  }

  private static Duration unit(String u) {
    return switch (u.charAt(0)) {
      case 'm' -> Duration.ofMinutes(1);
      case 'd' -> Duration.ofDays(1);
      default -> Duration.ofHours(1);
    };
  }
}
