package dev.lookout.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.ExternalAlert;
import dev.lookout.store.IntakeStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's webhook receiver payload, version 4: a group of alerts, each firing or resolved.
 * An alert is one incident from its start (its fingerprint and {@code startsAt}); a delivery is
 * that and its status, so the duplicates Alertmanager sends in HA, and its repeats, store nothing.
 * A group cut short ({@code truncatedAlerts}) says so on each alert it did send.
 */
final class AlertmanagerPayload {
  static final String VERSION = "4";

  /** Alertmanager's "no end yet". */
  private static final Instant NO_END = Instant.parse("0001-01-01T00:00:00Z");

  private AlertmanagerPayload() {}

  static List<IntakeStore.Delivery> read(JsonNode body, String source) {
    JsonNode version = body.get("version");
    if (version == null || !version.isTextual()) {
      throw new PayloadException(400, "version must be a string (Alertmanager sends \"4\")");
    }
    if (!version.asText().equals(VERSION)) {
      throw new PayloadException(
          422,
          "webhook version " + Fields.quote(version.asText()) + " is not read; Lookout reads 4");
    }
    JsonNode alerts = body.get("alerts");
    if (alerts == null || !alerts.isArray()) {
      throw new PayloadException(400, "alerts must be an array");
    }
    long truncated = body.path("truncatedAlerts").asLong(0);
    String group = Fields.optionalText(body, "groupKey");
    List<IntakeStore.Delivery> out = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      out.add(alert(alerts.get(i), "alerts[" + i + "].", source, truncated, group));
    }
    return out;
  }

  private static IntakeStore.Delivery alert(
      JsonNode a, String where, String source, long truncated, String group) {
    if (!a.isObject()) {
      throw new PayloadException(
          400, where.substring(0, where.length() - 1) + " must be an object");
    }
    String status = Fields.text(a, "status", where).toLowerCase(Locale.ROOT);
    if (!status.equals("firing") && !status.equals("resolved")) {
      throw new PayloadException(
          400, where + "status " + Fields.quote(status) + " must be firing or resolved");
    }
    JsonNode labelsNode = Fields.object(a, "labels", where);
    Map<String, String> labels = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = labelsNode.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      labels.put(e.getKey(), e.getValue().asText(""));
    }
    String name = labels.getOrDefault("alertname", "");
    if (name.isBlank()) {
      throw new PayloadException(400, where + "labels.alertname must be a non-empty string");
    }
    Instant starts = Fields.rfc3339(a, "startsAt", where);
    Instant ends = a.hasNonNull("endsAt") ? Fields.rfc3339(a, "endsAt", where) : NO_END;
    boolean firing = status.equals("firing");
    String fingerprint = Fields.optionalText(a, "fingerprint");
    if (fingerprint.isBlank()) {
      // Alertmanager always sends one; a sender that does not is identified by its labels.
      fingerprint = ExternalAlert.digest(labels.toString()).substring(0, 16);
    }
    String key = fingerprint + "@" + starts;
    String service =
        Fields.service(
            first(labels, "service", "service_name", "job", "app", "namespace"), "alertmanager");
    JsonNode annotations = a.path("annotations");
    String summary =
        first(
            Map.of(
                "summary", annotations.path("summary").asText(""),
                "description", annotations.path("description").asText(""),
                "message", annotations.path("message").asText("")),
            "summary",
            "description",
            "message");
    StringBuilder detail = new StringBuilder(Fields.oneLine(summary, 500));
    StringBuilder shown = new StringBuilder();
    labels.forEach(
        (k, v) -> {
          if (!k.equals("alertname") && !k.equals("severity") && shown.length() < 300) {
            shown.append(shown.isEmpty() ? "" : ", ").append(k).append('=').append(v);
          }
        });
    if (!shown.isEmpty()) {
      detail.append(detail.isEmpty() ? "" : "\n").append(Fields.oneLine(shown.toString(), 320));
    }
    String generator = Fields.optionalText(a, "generatorURL");
    if (!generator.isBlank()) {
      detail.append('\n').append(Fields.oneLine(generator, 300));
    }
    if (truncated > 0) {
      detail
          .append("\nAlertmanager left ")
          .append(truncated)
          .append(truncated == 1 ? " more alert" : " more alerts")
          .append(" of this group out of the notification")
          .append(group.isBlank() ? "" : " (" + Fields.oneLine(group, 80) + ")")
          .append('.');
    }
    String runbook =
        Fields.oneLine(
            first(
                Map.of(
                    "runbook_url", annotations.path("runbook_url").asText(""),
                    "runbook", annotations.path("runbook").asText("")),
                "runbook_url",
                "runbook"),
            800);
    AlertSeverity severity =
        switch (labels.getOrDefault("severity", "").toLowerCase(Locale.ROOT)) {
          case "critical", "page", "fatal", "error", "emergency", "alert" -> AlertSeverity.FATAL;
          default -> AlertSeverity.WARN;
        };
    Instant changed = firing ? starts : (ends.equals(NO_END) ? starts : ends);
    ExternalAlert alert =
        new ExternalAlert(
            source,
            key,
            fingerprint,
            service,
            Fields.oneLine(name, 200),
            severity,
            firing,
            detail.isEmpty() ? "Alertmanager alert " + Fields.oneLine(name, 80) : detail.toString(),
            runbook,
            starts,
            changed);
    return new IntakeStore.Delivery(key + "\n" + status, alert);
  }

  private static String first(Map<String, String> values, String... keys) {
    for (String k : keys) {
      String v = values.get(k);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return "";
  }
}
