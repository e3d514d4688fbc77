package dev.lookout.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The one way questions reach the logs: {@code /ask} and an alert's Explain both come here, so they
 * parse, search, gate on evidence and (when a model is configured) write prose the same way.
 */
public final class Explainer {
  private final KnowledgeBase knowledge;
  private final Optional<LlmWriter> llm;
  private final Duration defaultWindow;

  public Explainer(KnowledgeBase knowledge, Optional<LlmWriter> llm, Duration defaultWindow) {
    this.knowledge = knowledge;
    this.llm = llm;
    this.defaultWindow = defaultWindow;
  }

  /**
   * Answers a member's question.
   *
   * @param service the service asked about, if one was chosen
   * @param window how far back, if given; otherwise what the question says, or the default
   * @param services the names of the watched services, which the question may mention
   */
  public Answer ask(
      String question,
      Optional<String> service,
      Optional<Duration> window,
      Instant now,
      Collection<String> services) {
    Question q = QuestionParser.parse(question, service, window, now, defaultWindow, services);
    return written(question, knowledge.ask(q));
  }

  /** What the question for an alert's Explain is, in the words a member would use. */
  public static String explainQuestion(String service) {
    return "What is going on with " + service + "?";
  }

  /** "What is going on with the service" over {@code from} until {@code now}. */
  public Answer explain(String service, Instant from, Instant now) {
    return ask(
        explainQuestion(service),
        Optional.of(service),
        Optional.of(Duration.between(from, now)),
        now,
        List.of(service));
  }

  /**
   * The answer in the LLM's prose when one is configured and answers in time, under the same
   * citations; otherwise as composed from the evidence.
   */
  private Answer written(String question, Answer a) {
    if (llm.isEmpty()) {
      return a;
    }
    return llm.get()
        .rewrite(question, a)
        .map(
            prose ->
                a.withSummary(
                    prose
                        + "\n-# Written by "
                        + llm.get().name()
                        + " from the cited lines; the counts: "
                        + a.summary().replace("\n", " ")))
        .orElse(a);
  }
}
