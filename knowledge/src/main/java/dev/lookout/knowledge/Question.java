package dev.lookout.knowledge;

import java.time.Instant;
import java.util.Optional;

/**
 * A question and the scope it asks about: a service, a lowest severity, and a time window.
 *
 * @param terms the words searched for, without scope words
 * @param subject those of the terms that name what the question is about (its content nouns and
 *     identifiers), not what happened to it ("failed", "returned", "happened")
 * @param trouble whether the question says something went wrong with its subject ("why did X fail",
 *     "problems with X"): then a line that only names the subject is not an answer
 */
public record Question(
    String text,
    java.util.List<String> terms,
    java.util.List<String> subject,
    boolean trouble,
    boolean diagnosis,
    Optional<String> service,
    Optional<Severity> minSeverity,
    Instant from,
    Instant to) {
  public Question {
    terms = java.util.List.copyOf(terms);
    subject = java.util.List.copyOf(subject);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("the window must end after it starts");
    }
  }

  public java.time.Duration window() {
    return java.time.Duration.between(from, to);
  }
}
