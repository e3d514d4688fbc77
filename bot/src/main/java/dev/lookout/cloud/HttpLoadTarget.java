package dev.lookout.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.operations.DrillKind;
import dev.lookout.operations.LoadTarget;
import dev.lookout.operations.ScalingTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A service's load endpoints over HTTP: {@code /state/cpu/{pct}}, {@code /state/ram/{pct}}, {@code
 * /full/enqueue?num=}, {@code /sleep?duration=} and {@code /stop}, under the URL configured for the
 * service or else the service's own URL from Cloud Run.
 */
public final class HttpLoadTarget implements LoadTarget {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, String> configured;
  private final Function<String, String> serviceUri;

  /**
   * @param configured load URL per service, from configuration
   * @param serviceUri a service's own URL, for services without a configured one
   */
  public HttpLoadTarget(Map<String, String> configured, Function<String, String> serviceUri) {
    this.configured = Map.copyOf(configured);
    this.serviceUri = serviceUri;
  }

  /** Reads a service's URL from Cloud Run. */
  public static Function<String, String> fromCloudRun(
      GoogleClients clients, String projectId, String region) {
    return service -> {
      try {
        return clients
            .services()
            .getService("projects/" + projectId + "/locations/" + region + "/services/" + service)
            .getUri();
      } catch (com.google.api.gax.rpc.ApiException e) {
        throw new ScalingTarget.TargetUnavailableException(
            "cannot read the URL of " + service + " from Cloud Run", e);
      }
    };
  }

  @Override
  public void start(String service, DrillKind kind, double intensity, Duration duration) {
    String d = "duration=" + duration.toSeconds() + "s";
    switch (kind) {
      case CPU -> post(service, "/state/cpu/" + number(intensity) + "?" + d);
      case RAM -> post(service, "/state/ram/" + number(intensity) + "?" + d);
      case QUEUE -> post(service, "/full/enqueue?num=" + (long) intensity);
      case LATENCY -> {
        for (int i = 0; i < (int) intensity; i++) {
          post(service, "/sleep?" + d);
        }
      }
    }
  }

  @Override
  public void stop(String service) {
    post(service, "/stop");
  }

  private void post(String service, String path) {
    String base;
    try {
      base =
          Optional.ofNullable(configured.get(service)).orElseGet(() -> serviceUri.apply(service));
    } catch (RuntimeException e) {
      throw new LoadRefusedException(e.getMessage());
    }
    if (base == null || base.isBlank()) {
      throw new LoadRefusedException(
          service + " has no load URL; set services[].load_url in lookout.yaml");
    }
    URI uri = URI.create(base.replaceAll("/+$", "") + path);
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(TIMEOUT)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new LoadRefusedException("cannot reach " + uri.getHost() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadRefusedException("interrupted");
    }
    if (response.statusCode() / 100 != 2) {
      throw new LoadRefusedException(
          "HTTP " + response.statusCode() + ": " + reason(response.body()));
    }
  }

  private static String reason(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.has("message")) {
        return error.get("message").asText()
            + (error.has("allowed") ? " (allowed: " + error.get("allowed").asText() + ")" : "");
      }
    } catch (IOException e) {
      // not JSON: show the start of the body
    }
    return body.length() > 200 ? body.substring(0, 200) : body;
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
