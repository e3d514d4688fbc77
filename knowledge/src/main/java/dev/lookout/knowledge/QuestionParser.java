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
  private static final Pattern ERRORS = Pattern.compile("\\b(errors?|fatal|critical)\\b");
  private static final Pattern WARNINGS = Pattern.compile("\\b(warnings?|warns?)\\b");

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

    Optional<Severity> severity = Optional.empty();
    if (ERRORS.matcher(rest).find()) {
      severity = Optional.of(Severity.ERROR);
    } else if (WARNINGS.matcher(rest).find()) {
      severity = Optional.of(Severity.WARNING);
    }
    List<String> terms = new ArrayList<>(Terms.ofQuestion(rest));
    // Words that only say "something is wrong" set the severity, not what to search for.
    terms.removeAll(VAGUE.stream().map(Terms::stem).toList());
    return new Question(text, terms, scope, severity, from, to);
  }

  private static Duration unit(String u) {
    return switch (u.charAt(0)) {
      case 'm' -> Duration.ofMinutes(1);
      case 'd' -> Duration.ofDays(1);
      default -> Duration.ofHours(1);
    };
  }
}
