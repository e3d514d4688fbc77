package dev.lookout.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.ExternalAlert;
import dev.lookout.store.IntakeStore;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Cloud Monitoring's incident notification, schema version 1.2, as its webhook channel sends it, or
 * wrapped in a Pub/Sub push message ({@code message.data}, base64). One incident per payload: its
 * id and state are its identity, its policy and condition its title, its severity the policy's
 * (CRITICAL and ERROR are fatal; WARNING and none are warn), its service the Cloud Run service it
 * is about, or the resource's name.
 */
final class CloudMonitoringPayload {
  static final String VERSION = "1.2";

  private CloudMonitoringPayload() {}

  static List<IntakeStore.Delivery> read(JsonNode body, String source, ObjectMapper json) {
    JsonNode payload = body;
    JsonNode message = body.get("message");
    if (message != null && message.isObject() && message.has("data")) {
      payload = unwrap(message, json);
    }
    JsonNode version = payload.get("version");
    if (version == null || !version.isTextual()) {
      throw new PayloadException(400, "version must be a string (Cloud Monitoring sends \"1.2\")");
    }
    if (!version.asText().equals(VERSION)) {
      throw new PayloadException(
          422,
          "schema version " + Fields.quote(version.asText()) + " is not read; Lookout reads 1.2");
    }
    JsonNode incident = Fields.object(payload, "incident", "");
    String where = "incident.";
    String id = Fields.text(incident, "incident_id", where);
    String state = Fields.text(incident, "state", where).toLowerCase(Locale.ROOT);
    if (!state.equals("open") && !state.equals("closed")) {
      throw new PayloadException(
          400, "incident.state " + Fields.quote(state) + " must be open or closed");
    }
    Instant started = epoch(incident, "started_at", true);
    Instant ended = epoch(incident, "ended_at", false);
    boolean open = state.equals("open");
    if (!open && ended == null) {
      ended = started;
    }
    String policy = Fields.text(incident, "policy_name", where);
    String condition = Fields.optionalText(incident, "condition_name");
    String title = Fields.oneLine(policy + (condition.isBlank() ? "" : " · " + condition), 200);
    JsonNode resource = incident.path("resource");
    String service =
        Fields.service(
            firstNonBlank(
                resource.path("labels").path("service_name").asText(""),
                Fields.optionalText(incident, "resource_display_name"),
                resource.path("type").asText("")),
            "cloud-monitoring");
    String summary = Fields.optionalText(incident, "summary");
    String observed = Fields.optionalText(incident, "observed_value");
    String threshold = Fields.optionalText(incident, "threshold_value");
    String url = Fields.optionalText(incident, "url");
    StringBuilder detail = new StringBuilder(Fields.oneLine(summary, 600));
    if (!observed.isBlank() || !threshold.isBlank()) {
      detail
          .append(detail.isEmpty() ? "" : " ")
          .append("(observed ")
          .append(Fields.oneLine(observed.isBlank() ? "?" : observed, 40))
          .append(", threshold ")
          .append(Fields.oneLine(threshold.isBlank() ? "?" : threshold, 40))
          .append(')');
    }
    if (!url.isBlank()) {
      detail.append(detail.isEmpty() ? "" : "\n").append(Fields.oneLine(url, 300));
    }
    String runbook = Fields.oneLine(incident.path("documentation").path("content").asText(""), 800);
    ExternalAlert alert =
        new ExternalAlert(
            source,
            id,
            family(policy, condition, incident),
            service,
            title,
            severity(incident),
            open,
            detail.isEmpty()
                ? "Cloud Monitoring incident " + Fields.oneLine(id, 80)
                : detail.toString(),
            runbook,
            started,
            open ? started : ended);
    return List.of(new IntakeStore.Delivery(id + "\n" + state, alert));
  }

  /**
   * The alert across its incidents: the policy's condition on one resource and metric time series,
   * as Cloud Monitoring opens one incident per such series at a time.
   */
  private static String family(String policy, String condition, JsonNode incident) {
    StringBuilder f = new StringBuilder(policy).append('\n').append(condition);
    for (String part : List.of("resource", "metric")) {
      JsonNode n = incident.path(part);
      f.append('\n').append(n.path("type").asText(""));
      java.util.Map<String, String> labels = new java.util.TreeMap<>();
      n.path("labels")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText("")));
      f.append(labels);
    }
    return f.toString();
  }

  private static JsonNode unwrap(JsonNode message, ObjectMapper json) {
    String data = message.get("data").asText("");
    try {
      return json.readTree(Base64.getDecoder().decode(data));
    } catch (IllegalArgumentException | IOException e) {
      throw new PayloadException(400, "message.data is not base64 of a JSON incident");
    }
  }

  /** The policy's severity, else a {@code severity} user label; CRITICAL and ERROR are fatal. */
  private static AlertSeverity severity(JsonNode incident) {
    String s = Fields.optionalText(incident, "severity");
    if (s.isBlank() || s.equalsIgnoreCase("no severity")) {
      s = incident.path("policy_user_labels").path("severity").asText("");
    }
    return switch (s.toUpperCase(Locale.ROOT)) {
      case "CRITICAL", "ERROR", "FATAL", "PAGE" -> AlertSeverity.FATAL;
      default -> AlertSeverity.WARN;
    };
  }

  private static Instant epoch(JsonNode incident, String field, boolean required) {
    JsonNode n = incident.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new PayloadException(400, "incident." + field + " must be a time in epoch seconds");
      }
      return null;
    }
    if (!n.canConvertToLong() || n.asLong() < 0) {
      throw new PayloadException(400, "incident." + field + " must be a time in epoch seconds");
    }
    return Instant.ofEpochSecond(n.asLong());
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return "";
  }
}
