package dev.lookout.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.simulator.Simulator;
import dev.lookout.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Simulator simulator;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    simulator = Simulator.start(SimulatorConfig.defaults());
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(simulator.loadBaseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/services/checkout-api/full/cpu?duration=30s, cpu, 30",
    "/services/checkout-api/full/cpu/duration/2m, cpu, 120",
    "/services/checkout-api/full/ram?duration=45, ram, 45",
    "/services/checkout-api/full/ram/duration/1m30s, ram, 90",
    "/services/checkout-api/sleep?duration=5m, sleep, 300",
    "/services/checkout-api/state/cpu/40?duration=10s, cpu, 10",
    "/services/checkout-api/state/ram/55.5/duration/20s, ram, 20",
  })
  @DisplayName("drills are accepted in query and path forms")
  void accepted(String path, String drill, long seconds) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("drill").asText()).isEqualTo(drill);
    assertThat(body.get("duration_s").asLong()).isEqualTo(seconds);
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource({
    "/services/consumer/full/cpu?duration=abc, 400, duration",
    "/services/consumer/full/cpu?duration=0, 400, duration",
    "/services/consumer/full/cpu?duration=31m, 400, duration",
    "/services/consumer/full/cpu, 400, duration",
    "/services/consumer/full/enqueue?num=-3, 400, num",
    "/services/consumer/full/enqueue?num=100001, 400, num",
    "/services/consumer/full/enque/lots, 400, num",
    "/services/consumer/state/cpu/101?duration=5s, 400, pct",
    "/services/consumer/state/ram/x?duration=5s, 400, pct",
    "/services/nope/full/cpu?duration=5s, 404, service",
  })
  @DisplayName("a bad value gets a JSON error naming the parameter and what is allowed")
  void rejected(String path, int status, String parameter) throws Exception {
    long depthBefore =
        simulator.project().service("consumer").orElseThrow().snapshot().queueDepth();
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).isEqualTo(status);
    JsonNode error = JSON.readTree(r.body()).get("error");
    assertThat(error.get("parameter").asText()).isEqualTo(parameter);
    assertThat(error.get("allowed").asText()).isNotBlank();
    assertThat(simulator.project().service("consumer").orElseThrow().snapshot().queueDepth())
        .isEqualTo(depthBefore);
  }

  @Test
  @DisplayName("an unknown endpoint is a 404 listing the endpoints")
  void unknownEndpoint() throws Exception {
    HttpResponse<String> r = get("/services/consumer/full/disk?duration=5s");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("/full/enqueue?num=");
  }

  @Test
  @DisplayName("concurrent enqueue drills on one service add up exactly")
  void concurrentEnqueue() throws Exception {
    var service = simulator.project().service("image-resizer").orElseThrow();
    long before = service.snapshot().queueDepth();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        calls.add(pool.submit(() -> get("/services/image-resizer/full/enque/10")));
      }
      for (Future<HttpResponse<String>> c : calls) {
        assertThat(c.get().statusCode()).isEqualTo(200);
      }
    }
    assertThat(service.snapshot().queueDepth()).isEqualTo(before + 400);
  }

  @Test
  @DisplayName("durations parse in every accepted form")
  void durations() {
    assertThat(DrillDurations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DrillDurations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DrillDurations.parse("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DrillDurations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
  }
}
