package dev.lookout.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.ExternalAlert;
import dev.lookout.store.IntakeStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The two payload grammars, field by field. */
class PayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  @DisplayName("a closed Cloud Monitoring incident: its identity, service, severity and end")
  void cloudMonitoringClosed() throws Exception {
    List<IntakeStore.Delivery> d =
        CloudMonitoringPayload.read(
            json(
                """
                {"version": "1.2", "incident": {"incident_id": "0.abc", "state": "closed",
                 "started_at": 1577840461, "ended_at": 1577877071,
                 "resource": {"type": "gce_instance", "labels": {"instance_id": "1"}},
                 "resource_display_name": "GKE Node 7",
                 "policy_name": "disk", "severity": "Warning", "summary": "disk full"}}
                """),
            "gcp",
            JSON);
    assertThat(d).hasSize(1);
    ExternalAlert a = d.get(0).alert();
    assertThat(d.get(0).identity()).isEqualTo("0.abc\nclosed");
    assertThat(a.open()).isFalse();
    assertThat(a.service()).isEqualTo("gke-node-7");
    assertThat(a.severity()).isEqualTo(AlertSeverity.WARN);
    assertThat(a.changedAt()).isEqualTo(Instant.ofEpochSecond(1577877071));
    assertThat(a.title()).isEqualTo("disk");
    assertThat(a.ruleId()).startsWith("ext-").hasSize(20);
  }

  private static ExternalAlert incident(String id, String metric, String service) throws Exception {
    return CloudMonitoringPayload.read(
            json(
                """
                {"version": "1.2", "incident": {"incident_id": "%s", "state": "open",
                 "started_at": 1, "policy_name": "load", "condition_name": "high",
                 "resource": {"type": "cloud_run_revision", "labels": {"service_name": "%s"}},
                 "metric": {"type": "%s", "labels": {}}}}
                """
                    .formatted(id, service, metric)),
            "gcp",
            JSON)
        .get(0)
        .alert();
  }

  @Test
  @DisplayName(
      "incidents of one policy on one service are one alert; CPU and concurrency alerts are load a scale-up relieves")
  void alertIdentity() throws Exception {
    String cpu = "run.googleapis.com/container/cpu/utilizations";
    assertThat(incident("1", cpu, "checkout-api").ruleId())
        .isEqualTo(incident("2", cpu, "checkout-api").ruleId())
        .isNotEqualTo(incident("3", cpu, "consumer").ruleId())
        .startsWith("extp-");
    assertThat(
            incident("4", "run.googleapis.com/container/memory/utilizations", "consumer").ruleId())
        .startsWith("ext-");
    assertThat(ExternalAlert.isExternal(incident("5", cpu, "consumer").ruleId())).isTrue();
    assertThat(
            ExternalAlert.isPressure(
                incident("6", "run.googleapis.com/request_latencies", "consumer").ruleId()))
        .isFalse();
  }

  @Test
  @DisplayName("a policy without a severity takes its severity label")
  void severityLabel() throws Exception {
    ExternalAlert a =
        CloudMonitoringPayload.read(
                json(
                    """
                    {"version": "1.2", "incident": {"incident_id": "1", "state": "open",
                     "started_at": 1, "policy_name": "p", "severity": "No severity",
                     "policy_user_labels": {"severity": "critical"}}}
                    """),
                "gcp",
                JSON)
            .get(0)
            .alert();
    assertThat(a.severity()).isEqualTo(AlertSeverity.FATAL);
    assertThat(a.service()).isEqualTo("cloud-monitoring");
  }

  @Test
  @DisplayName("Alertmanager: one delivery per alert, keyed by fingerprint, start and status")
  void alertmanager() throws Exception {
    List<IntakeStore.Delivery> d =
        AlertmanagerPayload.read(
            json(
                """
                {"version": "4", "groupKey": "g", "truncatedAlerts": 3, "status": "firing",
                 "alerts": [
                  {"status": "firing", "labels": {"alertname": "A", "severity": "page", "job": "api"},
                   "annotations": {"description": "d"}, "startsAt": "2026-12-04T10:00:00.123+01:00",
                   "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "f1"},
                  {"status": "resolved", "labels": {"alertname": "B"},
                   "startsAt": "2026-12-04T08:00:00Z", "endsAt": "2026-12-04T09:00:00Z"}]}
                """),
            "prom");
    assertThat(d).hasSize(2);
    ExternalAlert a = d.get(0).alert();
    assertThat(a.service()).isEqualTo("api");
    assertThat(a.severity()).isEqualTo(AlertSeverity.FATAL);
    assertThat(a.startedAt()).isEqualTo(Instant.parse("2026-12-04T09:00:00.123Z"));
    assertThat(a.detail()).contains("d").contains("left 3 more alerts").contains("(g)");
    assertThat(d.get(0).identity()).isEqualTo("f1@2026-12-04T09:00:00.123Z\nfiring");
    ExternalAlert b = d.get(1).alert();
    assertThat(b.open()).isFalse();
    assertThat(b.service()).isEqualTo("alertmanager");
    assertThat(b.changedAt()).isEqualTo(Instant.parse("2026-12-04T09:00:00Z"));
    assertThat(b.key()).as("a fingerprint from the labels when none is sent").isNotBlank();
  }

  @Test
  @DisplayName("what a sender never sends is refused with the status and the field")
  void refusals() {
    assertThatThrownBy(
            () -> AlertmanagerPayload.read(json("{\"version\": \"4\", \"alerts\": {}}"), "p"))
        .isInstanceOf(PayloadException.class)
        .hasMessage("alerts must be an array");
    assertThatThrownBy(
            () ->
                AlertmanagerPayload.read(
                    json(
                        "{\"version\": \"4\", \"alerts\": [{\"status\": \"pending\", \"labels\":"
                            + " {\"alertname\": \"x\"}, \"startsAt\": \"2026-01-01T00:00:00Z\"}]}"),
                    "p"))
        .hasMessageContaining("alerts[0].status 'pending' must be firing or resolved");
    assertThatThrownBy(
            () ->
                CloudMonitoringPayload.read(
                    json(
                        "{\"version\": \"1.2\", \"incident\": {\"incident_id\": \"1\","
                            + " \"state\": \"open\", \"started_at\": \"soon\","
                            + " \"policy_name\": \"p\"}}"),
                    "g",
                    JSON))
        .hasMessageContaining("incident.started_at must be a time in epoch seconds");
    PayloadException v =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            PayloadException.class,
            () -> CloudMonitoringPayload.read(json("{\"version\": \"2.0\"}"), "g", JSON));
    assertThat(v.status()).isEqualTo(422);
  }
}
