package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Severity words scope a question only where they ask for a severity. */
class QuestionParserTest {
  private static Question parse(String text) {
    return QuestionParser.parse(
        text,
        Optional.empty(),
        Optional.empty(),
        Instant.parse("2026-11-22T12:00:00Z"),
        Duration.ofHours(1),
        List.of("checkout"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          any errors on checkout?                 | ERROR
          show me the error logs                  | ERROR
          what warnings were there since 10:00?   | WARNING
          errors and warnings in the last hour    | WARNING
          were there fatal errors?                | ERROR
          list warning lines                      | WARNING
          """)
  void asksForSeverity(String question, Severity severity) {
    Question q = parse(question.strip());

    assertThat(q.minSeverity()).contains(severity);
    assertThat(q.terms()).doesNotContain(Terms.stem("error"), Terms.stem("warning"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          how many errors were detected and corrected?   | error
          instruction cache parity error                 | error
          error rate of checkout                          | error
          why is checkout failing?                        | fail
          """)
  void severityWordAsTerm(String question, String term) {
    Question q = parse(question.strip());

    assertThat(q.minSeverity()).isEmpty();
    assertThat(q.terms()).contains(Terms.stem(term));
  }
}
