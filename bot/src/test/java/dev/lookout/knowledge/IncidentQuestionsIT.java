package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.cloud.CloudRunLogs;
import dev.lookout.cloud.GoogleClients;
import dev.lookout.simulator.Simulator;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.model.Scenario;
import dev.lookout.simulator.model.ServiceProfile;
import dev.lookout.simulator.model.SimulatedProject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The evaluation set's second half: questions about incidents the simulator produces (a crash loop,
 * an out-of-memory kill, a queue overflow, upstream timeouts), over its logs read through the Cloud
 * Logging client. Each is labelled with a pattern its cited lines must match, or with none when the
 * logs do not hold the answer.
 */
class IncidentQuestionsIT {
  private record Case(String question, Optional<Pattern> cite) {}

  private static final List<Case> CASES =
      List.of(
          new Case(
              "why does nightly-report keep crashing?", cite("Uncaught TypeError|exit\\(1\\)")),
          new Case("why did checkout-api restart?", cite("Memory limit of .* exceeded|signal 9")),
          new Case("was the consumer queue full and rejecting requests?", cite("Queue full")),
          new Case("upstream timeouts on consumer", cite("upstream request timed out|ReadTimeout")),
          new Case("is the consumer backlog growing?", cite("queue backlog growing")),
          new Case("slow requests on consumer", cite("Slow request")),
          new Case("which containers were killed with signal 9?", cite("terminated on signal 9")),
          new Case(
              "which URLs returned 5xx on checkout-api?", cite(" 5\\d\\d \\(5xx server error\\)")),
          new Case("httpx ReadTimeout in the consumer's stack traces", cite("httpx.ReadTimeout")),
          new Case("why did the postgres database fail over?", Optional.empty()),
          new Case("certificate renewal failed on auth-gateway", Optional.empty()),
          new Case("why is the disk full on image-resizer?", Optional.empty()));

  private static Optional<Pattern> cite(String regex) {
    return Optional.of(Pattern.compile(regex));
  }

  private static void load(Simulator sim, String service, String path) throws Exception {
    var r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(sim.loadBaseUrl() + "/services/" + service + path))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
  }

  @Test
  @DisplayName("questions about simulated incidents cite the incident's lines, or refuse")
  void incidents() throws Exception {
    List<ServiceProfile> services = new ArrayList<>();
    for (ServiceProfile p : SimulatedProject.defaultServices()) {
      services.add(p.name().equals("nightly-report") ? p.withScenario(Scenario.CRASH_LOOP) : p);
    }
    try (Simulator sim =
            Simulator.start(
                SimulatorConfig.defaults()
                    .withHistory(Duration.ofMinutes(30))
                    .withServices(services));
        GoogleClients google = GoogleClients.create(Optional.of(sim.grpcEndpoint()));
        KnowledgeBase kb =
            new KnowledgeBase(
                KnowledgeBase.Settings.defaults(), Optional.of(new MiniLmEmbedder()))) {
      load(sim, "checkout-api", "/full/ram?duration=2m");
      load(sim, "consumer", "/full/enqueue?num=15000");
      sim.advance(Duration.ofMinutes(8));
      CloudRunLogs logs = new CloudRunLogs(google, sim.config().projectId());
      Instant now = sim.project().clock().instant();
      List<LogEntry> entries = new ArrayList<>();
      for (ServiceProfile p : services) {
        entries.addAll(logs.between(p.name(), now.minus(Duration.ofHours(1)), now, 200_000));
      }
      entries.forEach(kb::ingest);
      kb.awaitEmbeddings();

      double recall = 0;
      int answerable = 0;
      int refused = 0;
      int unanswerable = 0;
      StringBuilder detail = new StringBuilder();
      for (Case c : CASES) {
        Question q =
            QuestionParser.parse(
                c.question(),
                Optional.empty(),
                Optional.of(Duration.ofMinutes(30)),
                now,
                Duration.ofMinutes(30),
                kb.services());
        Answer a = kb.ask(q);
        if (c.cite().isPresent()) {
          answerable++;
          Set<String> labelled = new HashSet<>();
          Instant from = q.from();
          entries.stream()
              .filter(e -> !e.time().isBefore(from) && e.time().isBefore(now))
              .filter(e -> q.service().map(s -> s.equals(e.service())).orElse(true))
              .filter(e -> c.cite().get().matcher(e.text()).find())
              .forEach(e -> labelled.add(e.id()));
          assertThat(labelled).as("the simulator produced: " + c.question()).isNotEmpty();
          long hits =
              a.citations().stream().limit(5).filter(x -> labelled.contains(x.id())).count();
          double r = (double) hits / Math.min(5, labelled.size());
          recall += r;
          detail.append(String.format(Locale.ROOT, "  recall %.2f  %s%n", r, c.question()));
        } else {
          unanswerable++;
          refused += a.enoughEvidence() ? 0 : 1;
          detail.append(
              String.format(
                  Locale.ROOT,
                  "  %s  %s%n",
                  a.enoughEvidence() ? "answered" : "refused ",
                  c.question()
                      + (a.enoughEvidence() && !a.citations().isEmpty()
                          ? " (first cited: "
                              + a.citations().get(0).text().lines().findFirst().orElse("")
                              + ")"
                          : "")));
        }
      }
      String table =
          String.format(
                  Locale.ROOT,
                  "simulator incidents: recall@5 %.3f over %d, refused %d of %d unanswerable%n",
                  recall / answerable,
                  answerable,
                  refused,
                  unanswerable)
              + detail;
      System.out.print(table);

      // A why-question leads with the failure chain: image-resizer leaks memory until Cloud Run
      // kills it, so the out-of-memory kill leads, whatever else is louder by count.
      Question why =
          QuestionParser.parse(
              "why is image-resizer failing?",
              Optional.empty(),
              Optional.of(Duration.ofMinutes(30)),
              now,
              Duration.ofMinutes(30),
              kb.services());
      boolean killed =
          entries.stream()
              .anyMatch(
                  e ->
                      e.service().equals("image-resizer")
                          && !e.time().isBefore(why.from())
                          && e.text().startsWith("Memory limit of"));
      assertThat(killed).as("image-resizer was OOM-killed in the window").isTrue();
      Answer diagnosis = kb.ask(why);
      System.out.println(diagnosis.summary());
      assertThat(diagnosis.summary()).startsWith("Most likely cause: \"Memory limit of");
      assertThat(diagnosis.citations().get(0).text()).startsWith("Memory limit of");
      assertThat(diagnosis.citations().get(1).text()).contains("signal 9");
      assertThat(recall / answerable).as(table).isGreaterThanOrEqualTo(0.7);
      assertThat(refused).as(table).isEqualTo(unanswerable);
    }
  }
}
