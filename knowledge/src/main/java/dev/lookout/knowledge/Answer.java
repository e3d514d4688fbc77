package dev.lookout.knowledge;

import java.time.Instant;
import java.util.List;

/**
 * What the logs say about a question: a short answer, the templates it rests on, the lines it
 * cites, and how much was searched. {@code enoughEvidence} is false when the logs do not tell, and
 * then the answer says so instead of guessing.
 *
 * @param citations the lines cited, the most telling first
 * @param searched entries in scope (service, severity, window) that were searched
 */
public record Answer(
    String summary,
    boolean enoughEvidence,
    List<Finding> findings,
    List<Citation> citations,
    long searched,
    String scope,
    Instant from,
    Instant to) {

  /** The same answer in other words, under the same citations (the optional LLM's prose). */
  public Answer withSummary(String text) {
    return new Answer(text, enoughEvidence, findings, citations, searched, scope, from, to);
  }

  /**
   * A template that stands out: how often it appeared in the window and in the window before, when
   * first and last, where.
   */
  public record Finding(
      String template,
      Severity severity,
      long count,
      long previousCount,
      Instant first,
      Instant last,
      List<String> services,
      List<String> revisions) {}

  /** A log line the answer rests on. */
  public record Citation(
      Instant time, Severity severity, String service, String revision, String text, String id) {}
}
