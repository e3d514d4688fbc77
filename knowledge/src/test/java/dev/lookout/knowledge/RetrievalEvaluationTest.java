package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The evaluation set in {@code src/test/resources/eval/loghub.json}: questions over the Loghub
 * samples, each labelled with the lines an answer must cite (every line matching a pattern), or
 * with none when the logs do not hold the answer. Reports recall@5 of the labelled lines and how
 * often unanswerable questions get "not enough evidence", for hybrid, lexical-only and vector-only
 * retrieval.
 */
class RetrievalEvaluationTest {
  record Case(String system, String question, Optional<Pattern> cite) {}

  record Score(double recall, int answerable, double refused, int unanswerable) {}

  static List<Case> cases() throws Exception {
    JsonNode all =
        new ObjectMapper()
            .readTree(RetrievalEvaluationTest.class.getResourceAsStream("/eval/loghub.json"));
    List<Case> out = new ArrayList<>();
    for (JsonNode c : all) {
      out.add(
          new Case(
              c.path("system").asText(),
              c.path("question").asText(),
              c.path("cite").isNull()
                  ? Optional.empty()
                  : Optional.of(Pattern.compile(c.path("cite").asText()))));
    }
    return out;
  }

  static Map<KnowledgeBase.Retrieval, Score> evaluate(StringBuilder detail) throws Exception {
    List<Case> cases = cases();
    Map<KnowledgeBase.Retrieval, double[]> sums = new EnumMap<>(KnowledgeBase.Retrieval.class);
    int answerable = 0;
    int unanswerable = 0;
    MiniLmEmbedder embedder = new MiniLmEmbedder();
    for (Loghub.System system : Loghub.systems()) {
      LogFormat format = LogFormat.of(system.format());
      Path file = Loghub.DIR.resolve(system.name()).resolve(system.name() + "_2k.log");
      List<LogEntry> entries = LogFile.readAll(file, Optional.of(format), "");
      try (KnowledgeBase kb =
          new KnowledgeBase(
              new KnowledgeBase.Settings(Duration.ofDays(36_500), 5_000_000, 5, 0.6),
              Optional.of(embedder))) {
        entries.forEach(kb::ingest);
        kb.awaitEmbeddings();
        Instant newest = kb.stats().newest().orElseThrow().plusMillis(1);
        Duration all = Duration.between(kb.stats().oldest().orElseThrow(), newest).plusSeconds(1);
        for (Case c : cases) {
          if (!c.system().equals(system.name())) {
            continue;
          }
          Set<String> labelled = new HashSet<>();
          c.cite()
              .ifPresent(
                  p ->
                      entries.stream()
                          .filter(e -> p.matcher(e.text()).find())
                          .forEach(e -> labelled.add(e.id())));
          if (c.cite().isPresent()) {
            assertThat(labelled).as("lines labelled for: " + c.question()).isNotEmpty();
            answerable++;
          } else {
            unanswerable++;
          }
          for (KnowledgeBase.Retrieval r : KnowledgeBase.Retrieval.values()) {
            Question q =
                QuestionParser.parse(
                    c.question(), Optional.empty(), Optional.empty(), newest, all, kb.services());
            Answer a = kb.ask(q, r);
            double[] s = sums.computeIfAbsent(r, k -> new double[2]);
            if (c.cite().isPresent()) {
              long hits =
                  a.citations().stream().limit(5).filter(x -> labelled.contains(x.id())).count();
              double recall = (double) hits / Math.min(5, labelled.size());
              s[0] += recall;
              if (r == KnowledgeBase.Retrieval.HYBRID && recall < 1) {
                detail.append(
                    String.format(
                        Locale.ROOT,
                        "  %-9s recall %.2f  %s%n",
                        system.name(),
                        recall,
                        c.question()));
              }
            } else {
              s[1] += a.enoughEvidence() ? 0 : 1;
              if (r == KnowledgeBase.Retrieval.HYBRID && a.enoughEvidence()) {
                detail.append(
                    String.format(
                        Locale.ROOT, "  %-9s answered %s%n", system.name(), c.question()));
              }
            }
          }
        }
      }
    }
    Map<KnowledgeBase.Retrieval, Score> out = new EnumMap<>(KnowledgeBase.Retrieval.class);
    for (var e : sums.entrySet()) {
      out.put(
          e.getKey(),
          new Score(
              e.getValue()[0] / answerable,
              answerable,
              e.getValue()[1] / unanswerable,
              unanswerable));
    }
    return out;
  }

  static String table(Map<KnowledgeBase.Retrieval, Score> scores) {
    StringBuilder b =
        new StringBuilder("retrieval  recall@5  not-enough-evidence on unanswerable\n");
    scores.forEach(
        (r, s) ->
            b.append(
                String.format(
                    Locale.ROOT,
                    "%-10s %.3f     %.3f   (%d answerable, %d unanswerable)%n",
                    r.name().toLowerCase(Locale.ROOT),
                    s.recall(),
                    s.refused(),
                    s.answerable(),
                    s.unanswerable())));
    return b.toString();
  }

  @Test
  @DisplayName("the evaluation set: hybrid retrieval cites the labelled lines and refuses the rest")
  void evaluation() throws Exception {
    assumeTrue(
        Loghub.present(),
        () -> {
          System.out.println("skipped: ../shared/loghub is not beside the repository");
          return "../shared/loghub is absent";
        });
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(32);
    StringBuilder detail = new StringBuilder();
    var scores = evaluate(detail);
    String table = table(scores) + detail;
    System.out.print(table);
    Score hybrid = scores.get(KnowledgeBase.Retrieval.HYBRID);
    assertThat(hybrid.recall()).as(table).isGreaterThanOrEqualTo(0.8);
    assertThat(hybrid.refused()).as(table).isGreaterThanOrEqualTo(0.75);
    assertThat(hybrid.recall())
        .as(table)
        .isGreaterThanOrEqualTo(scores.get(KnowledgeBase.Retrieval.VECTOR).recall());
  }
}
