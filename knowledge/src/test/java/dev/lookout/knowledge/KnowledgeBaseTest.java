package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ingest, retrieval and answers over a service's day, with the real MiniLM model. */
class KnowledgeBaseTest {
  private static final Instant NOW = Instant.parse("2026-11-22T11:00:00Z");
  private static KnowledgeBase kb;

  @BeforeAll
  static void fill() {
    kb = new KnowledgeBase(KnowledgeBase.Settings.defaults(), Optional.of(new MiniLmEmbedder()));
    Instant t = NOW.minus(Duration.ofHours(3));
    int n = 0;
    while (t.isBefore(NOW)) {
      String rev =
          t.isBefore(Instant.parse("2026-11-22T10:00:00Z"))
              ? "consumer-00001-abc"
              : "consumer-00002-xyz";
      kb.ingest(
          new LogEntry(
              t,
              "consumer",
              rev,
              Severity.INFO,
              "POST /v1/generate 200 in "
                  + (800 + n % 400)
                  + " ms (input_tokens="
                  + (300 + n % 50)
                  + ")",
              "i" + n));
      kb.ingest(
          new LogEntry(
              t,
              "checkout-api",
              "checkout-api-00003-def",
              Severity.INFO,
              "GET /cart/" + (n % 97) + " 200 in " + (20 + n % 30) + " ms",
              "c" + n));
      if (n % 40 == 0) {
        kb.ingest(
            new LogEntry(
                t,
                "consumer",
                rev,
                Severity.DEBUG,
                "-> POST https://llm.internal/v1/generate Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV",
                "s" + n));
      }
      n++;
      t = t.plusSeconds(5);
    }
    for (String at : List.of("10:31:05", "10:32:40", "10:33:10")) {
      Instant when = Instant.parse("2026-11-22T" + at + "Z");
      kb.ingest(
          new LogEntry(
              when,
              "consumer",
              "consumer-00002-xyz",
              Severity.ERROR,
              "Memory limit of 1024 MiB exceeded with 1187 MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits",
              "oom-" + at));
      kb.ingest(
          new LogEntry(
              when,
              "consumer",
              "consumer-00002-xyz",
              Severity.WARNING,
              "Container terminated on signal 9.",
              "sig-" + at));
    }
    kb.ingest(
        new LogEntry(
            Instant.parse("2026-11-22T10:45:00Z"),
            "checkout-api",
            "checkout-api-00003-def",
            Severity.ERROR,
            "Upstream payments timed out after 3000 ms\njava.net.SocketTimeoutException: Read timed out\n\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)",
            "up-1"));
    kb.awaitEmbeddings();
  }

  @AfterAll
  static void close() {
    kb.close();
  }

  private static Question ask(String text) {
    return QuestionParser.parse(
        text, Optional.empty(), Optional.empty(), NOW, Duration.ofHours(1), kb.services());
  }

  @Test
  @DisplayName("why did consumer restart: the OOM kills are cited, counted and timed")
  void restart() {
    Answer a = kb.ask(ask("why did consumer restart?"));
    assertThat(a.enoughEvidence()).isTrue();
    assertThat(a.citations())
        .extracting(Answer.Citation::text)
        .anyMatch(t -> t.startsWith("Memory limit of 1024 MiB exceeded"))
        .anyMatch(t -> t.equals("Container terminated on signal 9."));
    assertThat(a.citations()).allMatch(c -> c.service().equals("consumer"));
    assertThat(a.summary())
        .contains("last hour of consumer logs")
        .contains("3 times")
        .contains("10:31 UTC–10:33 UTC");
    Answer.Finding oom =
        a.findings().stream()
            .filter(f -> f.template().startsWith("Memory limit"))
            .findFirst()
            .orElseThrow();
    assertThat(oom.count()).isEqualTo(3);
    assertThat(oom.previousCount()).isZero();
    assertThat(oom.revisions()).containsExactly("consumer-00002-xyz");
  }

  @Test
  @DisplayName("a question the logs cannot answer says not enough evidence")
  void noEvidence() {
    Answer a = kb.ask(ask("why is the kafka broker rebalancing partitions?"));
    assertThat(a.enoughEvidence()).isFalse();
    assertThat(a.summary()).startsWith("Not enough evidence in the last hour of logs");
    assertThat(a.citations()).isEmpty();
  }

  @Test
  @DisplayName("a time in the question narrows the window; the whole stack trace is one entry")
  void atTime() {
    Answer a = kb.ask(ask("what failed on checkout-api at 10:45?"));
    assertThat(a.scope()).isEqualTo("checkout-api logs from 10:40 to 10:50 UTC");
    assertThat(a.citations()).hasSize(1);
    assertThat(a.citations().get(0).text())
        .contains("Upstream payments timed out")
        .contains("SocketTimeoutException");
  }

  @Test
  @DisplayName("parameters stay searchable: a revision name finds its lines")
  void parameters() {
    Answer a = kb.ask(ask("requests on revision consumer-00001-abc in the last 3 hours"));
    assertThat(a.enoughEvidence()).isTrue();
    assertThat(a.citations()).isNotEmpty().allMatch(c -> c.revision().equals("consumer-00001-abc"));
  }

  @Test
  @DisplayName("no secret reaches an answer, and the redactions are counted")
  void secrets() {
    Answer a = kb.ask(ask("what calls did consumer make to llm.internal with authorization?"));
    assertThat(a.citations()).isNotEmpty();
    assertThat(a.citations())
        .extracting(Answer.Citation::text)
        .allMatch(t -> !t.contains("eyJ"))
        .anyMatch(t -> t.contains("[REDACTED:jwt]"));
    assertThat(kb.stats().redactions()).containsKey(Redactor.Kind.JWT);
  }

  @Test
  @DisplayName("what is going on with a service: its loudest trouble, or a clear all-quiet")
  void overview() {
    Answer consumer = kb.ask(ask("what is going on with consumer"));
    assertThat(consumer.findings().get(0).template()).startsWith("Memory limit of");
    Answer quiet = kb.ask(ask("what is going on with consumer in the last 10 minutes"));
    assertThat(quiet.summary())
        .startsWith("No warnings or errors in the last 10 min of consumer logs");
  }

  @Test
  @DisplayName("the store is bounded by its line limit and retention window")
  void bounds() {
    try (KnowledgeBase small =
        new KnowledgeBase(
            new KnowledgeBase.Settings(Duration.ofHours(1), 40_000, 6, 0.45), Optional.empty())) {
      Instant t = NOW.minus(Duration.ofHours(2));
      for (int i = 0; i < 100_000; i++) {
        small.ingest(
            new LogEntry(t.plusMillis(i * 50L), "s", "r", Severity.INFO, "line " + i + " ok", ""));
      }
      var stats = small.stats();
      assertThat(stats.lines()).isLessThanOrEqualTo(40_000 + Segment.CAPACITY);
      assertThat(stats.oldest().orElseThrow())
          .isAfterOrEqualTo(
              t.plusMillis(100_000 * 50L)
                  .minus(Duration.ofHours(1))
                  .minusSeconds(Segment.CAPACITY / 20 + 1));
    }
  }

  @Test
  @DisplayName("a subject no line mentions is not answered by lines that share only its verb")
  void subjectAbsent() {
    Answer a = kb.ask(ask("why did the kafka broker time out?"));

    assertThat(a.enoughEvidence()).isFalse();
    assertThat(a.summary()).contains("nothing there is about").contains("`kafka`");
    assertThat(a.citations()).isEmpty();
  }

  @Test
  @DisplayName("when only part of the subject is there, the answer says what is missing")
  void subjectPartly() {
    Answer a = kb.ask(ask("why did the payments ledger time out?"));

    assertThat(a.enoughEvidence()).isFalse();
    assertThat(a.summary()).contains("`ledger`").contains("the closest lines are below");
    assertThat(a.citations())
        .extracting(Answer.Citation::text)
        .anyMatch(t -> t.contains("Upstream payments timed out"));
  }

  @Test
  @DisplayName("a severity word beside a subject is searched for, not a severity filter")
  void severityWordAsTerm() {
    try (KnowledgeBase small =
        new KnowledgeBase(KnowledgeBase.Settings.defaults(), Optional.empty())) {
      for (int i = 0; i < 5; i++) {
        small.ingest(
            new LogEntry(
                NOW.minusSeconds(60 + i),
                "node",
                "",
                Severity.INFO,
                "instruction cache parity error corrected",
                "p" + i));
      }
      small.ingest(
          new LogEntry(NOW.minusSeconds(30), "node", "", Severity.ERROR, "disk full", "d"));
      Question q =
          QuestionParser.parse(
              "how many errors were detected and corrected?",
              Optional.empty(),
              Optional.empty(),
              NOW,
              Duration.ofHours(1),
              small.services());
      Answer a = small.ask(q);

      assertThat(a.enoughEvidence()).isTrue();
      assertThat(a.citations())
          .extracting(Answer.Citation::text)
          .anyMatch(t -> t.contains("parity error corrected"));
    }
  }

  @Test
  @DisplayName(
      "why a service fails leads with what restarts follow, not with the most frequent warning")
  void whyLeadsWithTheFailureChain() {
    try (KnowledgeBase small =
        new KnowledgeBase(KnowledgeBase.Settings.defaults(), Optional.empty())) {
      int id = 0;
      Instant start = NOW.minus(Duration.ofMinutes(50));
      // Many upstream timeouts, steady, and a few kills each followed by a new instance.
      for (int i = 0; i < 120; i++) {
        Instant t = start.plusSeconds(20L * i);
        small.ingest(
            new LogEntry(
                t,
                "resizer",
                "resizer-00002",
                Severity.WARNING,
                "upstream request to storage.internal timed out after " + (5000 + i) + " ms",
                "u" + id++));
      }
      for (int k = 0; k < 6; k++) {
        Instant t = start.plusSeconds(400L * k + 7);
        small.ingest(
            new LogEntry(
                t,
                "resizer",
                "resizer-00002",
                Severity.ERROR,
                "Out of memory: Killed process " + (4000 + k) + " (convert) total-vm:" + k + "kB",
                "o" + id++));
        small.ingest(
            new LogEntry(
                t.plusSeconds(1),
                "resizer",
                "resizer-00002",
                Severity.WARNING,
                "Container terminated on signal 9.",
                "k" + id++));
        small.ingest(
            new LogEntry(
                t.plusSeconds(5),
                "resizer",
                "resizer-00002",
                Severity.INFO,
                "Starting new instance. Reason: the previous one ended",
                "s" + id++));
      }
      // A deploy in the window: its first line is named with the chain.
      small.ingest(
          new LogEntry(
              start.plus(Duration.ofMinutes(30)),
              "resizer",
              "resizer-00003",
              Severity.INFO,
              "Listening on port 8080",
              "d" + id++));
      Question q =
          QuestionParser.parse(
              "why is resizer failing?",
              Optional.empty(),
              Optional.empty(),
              NOW,
              Duration.ofHours(1),
              small.services());
      Answer a = small.ask(q);

      assertThat(q.diagnosis()).isTrue();
      assertThat(a.enoughEvidence()).isTrue();
      assertThat(a.summary())
          .startsWith("Most likely cause: \"Out of memory: Killed process")
          .contains("6 times, each followed within a minute by the instance ending")
          .contains("Revisions that started in the window: resizer-00003.");
      assertThat(a.citations().get(0).text()).startsWith("Out of memory");
      assertThat(a.citations().get(1).text()).contains("signal 9");
      assertThat(a.citations())
          .extracting(Answer.Citation::text)
          .anyMatch(t -> t.contains("timed out"));
    }
  }
}
