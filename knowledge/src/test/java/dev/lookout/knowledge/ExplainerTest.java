package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** /ask and Explain go the same way: one parse, one search, one evidence gate. */
class ExplainerTest {
  private static final Instant NOW = Instant.parse("2026-11-22T11:00:00Z");
  private KnowledgeBase kb;
  private Explainer explainer;

  @BeforeEach
  void fill() {
    kb = new KnowledgeBase(KnowledgeBase.Settings.defaults(), Optional.empty());
    for (int i = 0; i < 30; i++) {
      Instant at = NOW.minus(Duration.ofMinutes(90)).plusSeconds(120L * i);
      kb.ingest(
          new LogEntry(at, "api", "api-00007", Severity.INFO, "GET /health 200 in 3ms", "h" + i));
    }
    for (int i = 0; i < 5; i++) {
      Instant at = NOW.minus(Duration.ofMinutes(10)).plusSeconds(60L * i);
      kb.ingest(
          new LogEntry(
              at,
              "api",
              "api-00007",
              Severity.ERROR,
              "upstream timeout after 5000ms calling payments",
              "e" + i));
      kb.ingest(new LogEntry(at, "billing", "billing-00002", Severity.ERROR, "disk full", "b" + i));
    }
    explainer = new Explainer(kb, Optional.empty(), Duration.ofHours(1));
  }

  @AfterEach
  void close() {
    kb.close();
  }

  @Test
  @DisplayName("Explain answers from the alert's window of its own service, citing its lines")
  void explainCitesTheServicesTrouble() {
    Answer a = explainer.explain("api", NOW.minus(Duration.ofMinutes(15)), NOW);
    assertThat(a.enoughEvidence()).isTrue();
    assertThat(a.citations())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.service()).isEqualTo("api"));
    assertThat(a.citations().getFirst().text()).contains("upstream timeout");
    assertThat(a.from()).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
  }

  @Test
  @DisplayName("Explain over a quiet window says there is no trouble rather than inventing some")
  void explainQuietWindow() {
    Answer a =
        explainer.explain(
            "api", NOW.minus(Duration.ofMinutes(80)), NOW.minus(Duration.ofMinutes(30)));
    assertThat(a.citations()).isEmpty();
    assertThat(a.summary()).startsWith("No warnings or errors in the");
  }

  @Test
  @DisplayName("/ask's question about the same thing finds the same lines")
  void askAgreesWithExplain() {
    Answer asked =
        explainer.ask(
            "upstream timeouts on api?", Optional.empty(), Optional.empty(), NOW, List.of("api"));
    assertThat(asked.enoughEvidence()).isTrue();
    assertThat(asked.citations().getFirst().id()).startsWith("e");
  }
}
