package dev.lookout.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.health.Figure;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  private static final Map<String, String> PRODUCTION =
      Map.of("DISCORD_TOKEN", "t0ken", "GOOGLE_CLOUD_PROJECT", "acme-prod");

  @Test
  @DisplayName("the example lookout.yaml loads, and the environment overrides it")
  void example() {
    LookoutConfig config =
        ConfigLoader.load(
            Optional.of(Path.of("../lookout.example.yaml")),
            Map.of(
                "DISCORD_TOKEN", "t0ken",
                "GOOGLE_CLOUD_PROJECT", "acme-prod",
                "GOOGLE_CLOUD_REGION", "europe-west1",
                "PORT", "9090",
                "LOOKOUT_INTAKE_TOKEN_GCP", "gcp-token-0123456789",
                "LOOKOUT_INTAKE_TOKEN", "shared-token-0123456789"),
            false);
    assertThat(config.google().projectId()).isEqualTo("acme-prod");
    assertThat(config.intake())
        .extracting(
            dev.lookout.intake.IntakeSource::name,
            dev.lookout.intake.IntakeSource::kind,
            dev.lookout.intake.IntakeSource::token)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "gcp",
                dev.lookout.intake.IntakeSource.Kind.CLOUD_MONITORING,
                "gcp-token-0123456789"),
            org.assertj.core.groups.Tuple.tuple(
                "prometheus",
                dev.lookout.intake.IntakeSource.Kind.ALERTMANAGER,
                "shared-token-0123456789"));
    assertThat(config.intake().toString()).doesNotContain("token-0123456789");
    assertThat(config.google().region()).isEqualTo("europe-west1");
    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.displayName("consumer")).isEqualTo("LLM consumer");
    assertThat(config.limitsOf("consumer").of(Figure.LATENCY_P99).orElseThrow().warn())
        .isEqualTo(20_000);
    assertThat(config.limitsOf("checkout-api").of(Figure.LATENCY_P99).orElseThrow().warn())
        .isEqualTo(2_000);
    assertThat(config.discord().toString()).doesNotContain("t0ken");
    assertThat(config.operations().proposals().approverRole()).isEqualTo("sre-lead");
    assertThat(config.operations().proposals().expiry())
        .isEqualTo(java.time.Duration.ofMinutes(15));
    assertThat(config.scalingOf("consumer").maxStep()).isEqualTo(20);
    assertThat(config.scalingOf("consumer").maxMemoryMiB()).isEqualTo(8192);
    assertThat(config.loadUrls())
        .containsEntry("checkout-api", "https://checkout-api-loadtest.example.com");
    assertThat(config.operations().drills().max(dev.lookout.operations.DrillKind.QUEUE))
        .isEqualTo(5000);
    assertThat(config.operations().pricing().vcpuSecond()).isEqualTo(0.000024);
  }

  @Test
  @DisplayName("a figure's alert timing, clear threshold and runbook come from its limits")
  void alertTiming() {
    LookoutConfig config =
        ConfigLoader.parse(
            "t.yaml",
            "limits: {cpu: {warn: 0.8, fatal: 0.9, for: 5m, fatal_for: 1m, clear: 0.6, runbook: Call Ana}}",
            PRODUCTION,
            false);
    var rule =
        config.alerting().ruleBook().rules(config.limits()).stream()
            .filter(r -> r.id().equals("cpu"))
            .map(r -> (dev.lookout.alerts.ThresholdRule) r)
            .findFirst()
            .orElseThrow();
    assertThat(rule.warnFor()).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(rule.fatalFor()).isEqualTo(java.time.Duration.ofMinutes(1));
    assertThat(rule.clear()).isCloseTo(0.6, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(rule.runbook()).isEqualTo("Call Ana");
  }

  @Test
  @DisplayName(
      "flap handling is on by default (3 firings in 30 min), configurable, and 0 turns it off")
  void flapping() {
    assertThat(ConfigLoader.parse("t.yaml", "{}", PRODUCTION, false).alerting().flapping())
        .isEqualTo(new dev.lookout.alerts.Flapping(3, java.time.Duration.ofMinutes(30)));
    assertThat(
            ConfigLoader.parse(
                    "t.yaml", "alerts: {flapping: {fires: 5, within: 1h}}", PRODUCTION, false)
                .alerting()
                .flapping())
        .isEqualTo(new dev.lookout.alerts.Flapping(5, java.time.Duration.ofHours(1)));
    assertThat(
            ConfigLoader.parse("t.yaml", "alerts: {flapping: {fires: 0}}", PRODUCTION, false)
                .alerting()
                .flapping()
                .enabled())
        .isFalse();
  }

  @Test
  @DisplayName("escalation policies: schedule, wait, least severity, services and a fallback")
  void escalation() {
    var policies =
        ConfigLoader.parse(
                "t.yaml",
                "alerts: {escalation: [{name: db, schedule: dba, after: 10m, severity: warn,"
                    + " services: [orders], fallback: {user: '123456789012345678'}},"
                    + " {name: rest, schedule: primary}]}",
                PRODUCTION,
                false)
            .alerting()
            .escalation();
    assertThat(policies).hasSize(2);
    assertThat(policies.get(0).after()).isEqualTo(java.time.Duration.ofMinutes(10));
    assertThat(policies.get(0).severity()).isEqualTo(dev.lookout.alerts.AlertSeverity.WARN);
    assertThat(policies.get(0).services()).containsExactly("orders");
    assertThat(policies.get(0).steps(true)).hasSize(3);
    assertThat(policies.get(0).steps(false)).hasSize(2);
    assertThat(policies.get(1).after()).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(policies.get(1).severity()).isEqualTo(dev.lookout.alerts.AlertSeverity.FATAL);
    assertThat(policies.get(1).fallback()).isEmpty();
  }

  @Test
  @DisplayName("reports take a time zone in any case and a retention in days")
  void reports() {
    LookoutConfig config =
        ConfigLoader.parse(
            "t.yaml", "reports: {timezone: europe/berlin, retention: 90d}", PRODUCTION, false);
    assertThat(config.reports().zone()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
    assertThat(config.reports().retention()).isEqualTo(java.time.Duration.ofDays(90));
    assertThat(ConfigLoader.parse("t.yaml", "{}", PRODUCTION, false).reports())
        .isEqualTo(dev.lookout.reports.ReportSettings.defaults());
  }

  @Test
  @DisplayName("demo mode needs neither token nor project")
  void demo() {
    assertThat(ConfigLoader.demoMode(Map.of())).isTrue();
    assertThat(ConfigLoader.demoMode(PRODUCTION)).isFalse();
    LookoutConfig config = ConfigLoader.demoDefaults(Map.of());
    assertThat(config.services()).hasSize(5);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "colour: blue | colour: unknown key; allowed here: alerts, data_dir, database, discord, drills, google, http_port, intake, knowledge, limits, log_format, pricing, proposals, reports, roles, services",
        "reports: {timezone: CEST} | reports.timezone: 'CEST' is not a time zone; use an IANA name such as Europe/Berlin",
        "reports: {retention: 30d} | reports.retention: must be between 62d (a month and the month before) and 1000d",
        "reports: {zone: UTC} | reports.zone: unknown key; allowed here: retention, timezone",
        "knowledge: {retention: 200h} | knowledge.retention: must be between 10m and 168h (7 days)",
        "knowledge: {max_lines: 5} | knowledge.max_lines: '5' is not a whole number from 10000 to 20000000",
        "knowledge: {keep: 1h} | knowledge.keep: unknown key; allowed here: llm, max_lines, retention",
        "knowledge: {llm: {base_url: localhost, model: m}} | knowledge.llm.base_url: needs an http(s) URL",
        "knowledge: {llm: {base_url: 'http://x/v1'}} | knowledge.llm.model: needs a model name",
        "proposals: {expiry: 5s} | proposals.expiry: must be between 1m and 24h",
        "services: [{name: a, scaling: {max_step: 0}}] | services[0].scaling.max_step: '0' is not a whole number from 1 to 1000",
        "google: {zone: x} | google.zone: unknown key; allowed here: project, region",
        "limits: {cpu: {warn: 0.9, fatal: 0.8}} | limits.cpu: warn (0.9) must not be above fatal (0.8)",
        "limits: {cpu: {warn: -1, fatal: 0.8}} | limits.cpu: thresholds must be finite numbers >= 0",
        "limits: {disk: {warn: 1, fatal: 2}} | limits.disk: unknown figure",
        "limits: {cpu: {warn: high, fatal: 2}} | limits.cpu: needs numbers warn and fatal",
        "google: {region: mars} | google.region: 'mars' is not a region such as us-central1",
        "http_port: 70000 | http_port (PORT): '70000' is not a port number 0-65535",
        "log_format: xml | log_format (LOG_FORMAT): 'xml' is not allowed; use text or json",
        "discord: {guild: general} | discord.guild: 'general' is not a Discord id",
        "services: [{name: Bad_Name}] | services[0].name: 'Bad_Name' is not a Cloud Run service name",
        "services: [{name: a}, {name: a}] | services[1].name: 'a' is listed twice",
        "services: [{name: a, limits: {cpu: {warn: 2, fatal: 1}}}] | services[0].limits.cpu: warn (2.0) must not be above fatal (1.0)",
        "[1, 2] | test.yaml: must be a YAML mapping of keys",
        "alerts: {interval: -5m} | alerts.interval: `-5m` is not a duration; write it like 90s, 15m, 1h30m or 2d",
        "limits: {cpu: {warn: 0.8, fatal: 0.9, for: -3m}} | limits.cpu.for: `-3m` is not a duration",
        "limits: {cpu: {warn: 0.8, fatal: 0.9, clear: 0.85}} | limits.cpu.clear: must be a number from 0 up to warn",
        "limits: {cpu: {warn: 0.8, fatal: 0.9, snooze: 1}} | limits.cpu.snooze: unknown key",
        "alerts: {interval: 5s} | alerts.interval: must be between 10s and 1h",
        "alerts: {repeat: often} | alerts.repeat: `often` is not a duration",
        "alerts: {fallback_channel: ops} | alerts.fallback_channel: 'ops' is not a Discord channel id",
        "alerts: {snooze: 1h} | alerts.snooze: unknown key; allowed here: escalation, fallback_channel, flapping, interval, repeat",
        "alerts: {flapping: {fires: 1}} | alerts.flapping.fires: must be 0 (off) or at least 2",
        "alerts: {flapping: {fires: many}} | alerts.flapping.fires: 'many' is not a whole number",
        "alerts: {flapping: {within: 10s}} | alerts.flapping.within: must be between 1m and 24h",
        "alerts: {flapping: {count: 3}} | alerts.flapping.count: unknown key; allowed here: fires, within",
        "alerts: {flapping: often} | alerts.flapping: must be a map of fires and within",
        "intake: {sources: [{name: am, kind: alertmanager, channels: [alerts]}]} | intake.sources[0].channels: 'alerts' is not a Discord channel id",
        "alerts: {escalation: [{name: p, schedule: primary, after: 10s}]} | alerts.escalation[0].after: must be between 1m and 24h",
        "alerts: {escalation: [{name: p}]} | alerts.escalation[0].schedule: must name an on-call schedule",
        "alerts: {escalation: [{name: p, schedule: primary, severity: page}]} | alerts.escalation[0].severity: must be fatal or warn",
        "alerts: {escalation: [{name: p, schedule: primary, fallback: {user: bob}}]} | alerts.escalation[0].fallback.user: 'bob' is not a Discord user id",
        "alerts: {escalation: [{name: p, schedule: primary, fallback: {team: x}}]} | alerts.escalation[0].fallback.team: unknown key",
        "alerts: {escalation: [{name: p, schedule: primary}, {name: p, schedule: b}]} | alerts.escalation[1].name: 'p' is named twice",
      })
  @DisplayName("a bad value fails with one line naming the key and what is allowed")
  void invalid(String yaml, String message) {
    assertThatThrownBy(() -> ConfigLoader.parse("test.yaml", yaml, PRODUCTION, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  @DisplayName("production without a token or a project says which is missing")
  void production() {
    assertThatThrownBy(
            () -> ConfigLoader.parse("x", "", Map.of("GOOGLE_CLOUD_PROJECT", "p"), false))
        .hasMessageStartingWith("DISCORD_TOKEN: is required in production");
    assertThatThrownBy(() -> ConfigLoader.parse("x", "", Map.of("DISCORD_TOKEN", "t"), false))
        .hasMessageStartingWith("GOOGLE_CLOUD_PROJECT: is required in production");
  }

  @org.junit.jupiter.api.Test
  @DisplayName("an intake source needs a known kind, a unique name and a token of 16 characters")
  void intakeRefused() {
    String yaml =
        """
        intake:
          sources:
            - name: gcp
              kind: %s
            - name: %s
              kind: alertmanager
        """;
    Map<String, String> env = new java.util.HashMap<>(PRODUCTION);
    env.put("LOOKOUT_INTAKE_TOKEN", "shared-token-0123456789");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ConfigLoader.parse("t", yaml.formatted("nagios", "prom"), env, false))
        .hasMessageContaining("intake.sources[0].kind")
        .hasMessageContaining("cloud-monitoring, alertmanager");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ConfigLoader.parse("t", yaml.formatted("cloud-monitoring", "gcp"), env, false))
        .hasMessageContaining("'gcp' is named twice");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "t", yaml.formatted("cloud-monitoring", "prom"), PRODUCTION, false))
        .hasMessageContaining("LOOKOUT_INTAKE_TOKEN_GCP or LOOKOUT_INTAKE_TOKEN");
    env.put("LOOKOUT_INTAKE_TOKEN", "short");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ConfigLoader.parse("t", yaml.formatted("cloud-monitoring", "prom"), env, false))
        .hasMessageContaining("at least 16 characters");
  }
}
