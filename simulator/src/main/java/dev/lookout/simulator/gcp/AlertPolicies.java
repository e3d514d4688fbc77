package dev.lookout.simulator.gcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lookout.simulator.model.MinuteSample;
import dev.lookout.simulator.model.ServiceModel;
import dev.lookout.simulator.model.SimulatedProject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cloud Monitoring alert policies over the simulated project's own metrics, with a webhook
 * notification channel: each policy covers every Cloud Run service and opens one incident per
 * service when its condition has held for its duration, closes it when the condition has been clear
 * as long, and sends the incident (schema version 1.2) on both, as Google does. Delivery is at
 * least once: a 5xx or an unreachable receiver is retried with backoff, a 4xx is not.
 */
public final class AlertPolicies {
  private static final Logger LOG = LoggerFactory.getLogger(AlertPolicies.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ATTEMPTS = 6;

  /**
   * A policy with one threshold condition.
   *
   * @param value the condition's figure from one minute of a service, NaN when it has no data
   * @param minutes how many minutes in a row the condition must hold (and be clear to close)
   */
  public record Policy(
      String name,
      String condition,
      String metricType,
      String severity,
      ToDoubleFunction<MinuteSample> value,
      double threshold,
      int minutes,
      String documentation) {}

  /** The project's policies: memory near the limit (warning) and a 5xx share (critical). */
  public static List<Policy> defaults() {
    return List.of(
        new Policy(
            "Cloud Run memory near the limit",
            "memory utilization p99 above 90% for 1 min",
            "run.googleapis.com/container/memory/utilizations",
            "WARNING",
            m -> m.memory().count() == 0 ? Double.NaN : m.memory().percentile(99),
            0.9,
            1,
            "A service near its memory limit is OOM-killed next: look for a leak or raise the"
                + " memory limit."),
        new Policy(
            "Cloud Run 5xx responses",
            "share of 5xx responses above 5% for 2 min",
            "run.googleapis.com/request_count",
            "CRITICAL",
            AlertPolicies::serverErrorShare,
            0.05,
            2,
            "Requests are failing on the server: check the service's recent errors and revision."));
  }

  private static double serverErrorShare(MinuteSample m) {
    long all = 0;
    long failed = 0;
    for (Map.Entry<Integer, Long> e : m.requestsByCode().entrySet()) {
      all += e.getValue();
      failed += e.getKey() >= 500 ? e.getValue() : 0;
    }
    return all < 10 ? Double.NaN : (double) failed / all;
  }

  private record Receiver(URI url, String authorization) {}

  /** One incident's state, per policy and service. */
  private static final class State {
    int breached;
    int clear;
    String incidentId;
    Instant startedAt;
    double observed;
  }

  private final SimulatedProject project;
  private final List<Policy> policies;
  private final Map<String, State> states = new HashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "simulator-alert-webhooks");
            t.setDaemon(true);
            return t;
          });
  private volatile Receiver receiver;
  private Instant lastMinute;
  private long sent;

  public AlertPolicies(SimulatedProject project, List<Policy> policies) {
    this.project = project;
    this.policies = List.copyOf(policies);
    project.onTick(this::onTick);
  }

  /** Sends notifications to {@code url} with a bearer token; before this, none is sent. */
  public void sendTo(URI url, String token) {
    this.receiver = new Receiver(url, "Bearer " + token);
  }

  /** Notifications delivered (answered 2xx) so far. */
  public synchronized long sent() {
    return sent;
  }

  private synchronized void onTick(Instant now) {
    Instant minute = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    if (minute.equals(lastMinute)) {
      return;
    }
    lastMinute = minute;
    for (ServiceModel service : project.services()) {
      List<MinuteSample> history = service.history();
      if (history.isEmpty()) {
        continue;
      }
      MinuteSample last = history.getLast();
      for (Policy p : policies) {
        judge(p, service.profile().name(), last, now);
      }
    }
  }

  private void judge(Policy p, String service, MinuteSample m, Instant now) {
    double v = p.value().applyAsDouble(m);
    State s = states.computeIfAbsent(p.name() + "\n" + service, k -> new State());
    if (Double.isNaN(v)) {
      return;
    }
    if (v > p.threshold()) {
      s.breached++;
      s.clear = 0;
      s.observed = v;
    } else {
      s.clear++;
      s.breached = 0;
    }
    if (s.incidentId == null && s.breached >= p.minutes()) {
      // Derived, not drawn: the model's seeded randomness stays the model's.
      s.incidentId =
          "0."
              + Long.toString(now.getEpochSecond(), 36)
              + "."
              + Math.abs((p.name() + service).hashCode());
      s.startedAt = now;
      notify(p, service, s, "open", now, v);
    } else if (s.incidentId != null && s.clear >= p.minutes()) {
      notify(p, service, s, "closed", now, v);
      s.incidentId = null;
    }
  }

  private void notify(Policy p, String service, State s, String state, Instant now, double v) {
    Receiver r = receiver;
    if (r == null) {
      return;
    }
    ObjectNode incident = JSON.createObjectNode();
    incident.put("incident_id", s.incidentId);
    incident.put("scoping_project_id", project.projectId());
    incident.put(
        "url",
        "https://console.cloud.google.com/monitoring/alerting/incidents/"
            + s.incidentId
            + "?project="
            + project.projectId());
    incident.put("started_at", s.startedAt.getEpochSecond());
    if (state.equals("closed")) {
      incident.put("ended_at", now.getEpochSecond());
    } else {
      incident.putNull("ended_at");
    }
    incident.put("state", state);
    incident.put("resource_name", project.projectId() + " " + service);
    incident.put("resource_display_name", service);
    ObjectNode resource = incident.putObject("resource");
    resource.put("type", "cloud_run_revision");
    ObjectNode labels = resource.putObject("labels");
    labels.put("project_id", project.projectId());
    labels.put("service_name", service);
    labels.put("location", project.region());
    incident.putObject("metric").put("type", p.metricType());
    incident.put("policy_name", p.name());
    incident.put("condition_name", p.condition());
    incident.put("severity", p.severity());
    incident.put("threshold_value", format(p.threshold()));
    incident.put("observed_value", format(state.equals("open") ? v : s.observed));
    incident.put(
        "summary",
        p.condition().substring(0, 1).toUpperCase(Locale.ROOT)
            + p.condition().substring(1)
            + " on "
            + service
            + (state.equals("open") ? "." : ": it has recovered."));
    ObjectNode doc = incident.putObject("documentation");
    doc.put("content", p.documentation());
    doc.put("mime_type", "text/markdown");
    ObjectNode body = JSON.createObjectNode();
    body.put("version", "1.2");
    body.set("incident", incident);
    String json = body.toString();
    sender.execute(() -> deliver(r, json));
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** Posts one notification, retrying what the receiver may take later. */
  private void deliver(Receiver r, String json) {
    Duration wait = Duration.ofMillis(500);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(r.url())
                    .header("Authorization", r.authorization())
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          synchronized (this) {
            sent++;
          }
          return;
        }
        if (response.statusCode() / 100 == 4) {
          LOG.warn("alert webhook refused ({}): {}", response.statusCode(), response.body());
          return;
        }
      } catch (java.io.IOException e) {
        LOG.debug("alert webhook unreachable: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      wait = wait.multipliedBy(2);
    }
    LOG.warn("alert webhook gave up after {} attempts", ATTEMPTS);
  }

  /** Stops sending. */
  public void close() {
    sender.shutdownNow();
  }
}
