package dev.lookout.config;

import dev.lookout.health.HealthLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Lookout is configured with: where Discord and Google are, which services to watch, the
 * roles that may act, the limits services are judged by, and where data lives.
 *
 * @param services the watched services, in display order; empty means every service in the project
 * @param operatorRole the Discord role allowed to change things (by name)
 */
public record LookoutConfig(
    Discord discord,
    Google google,
    List<WatchedService> services,
    String operatorRole,
    HealthLimits limits,
    Path dataDirectory,
    int httpPort,
    boolean jsonLogs,
    Alerting alerting,
    Operations operations,
    dev.lookout.knowledge.KnowledgeBase.Settings knowledge,
    Optional<dev.lookout.knowledge.LlmWriter.Settings> llm,
    dev.lookout.reports.ReportSettings reports,
    Storage storage,
    List<dev.lookout.intake.IntakeSource> intake) {

  /** How scale proposals and load drills behave, and the prices and power figures estimates use. */
  public record Operations(
      dev.lookout.operations.ProposalSettings proposals,
      dev.lookout.operations.DrillLimits drills,
      dev.lookout.cost.Pricing pricing) {
    public static Operations defaults() {
      return new Operations(
          dev.lookout.operations.ProposalSettings.defaults(),
          dev.lookout.operations.DrillLimits.defaults(),
          dev.lookout.cost.Pricing.defaults());
    }
  }

  /**
   * How alerting runs.
   *
   * @param interval how often every service is polled (of the bot's clock)
   * @param repeat how often a firing, unacknowledged alert is repeated
   * @param fallbackChannel where to report a subscribed channel the bot can no longer post in
   */
  public record Alerting(
      java.time.Duration interval,
      java.time.Duration repeat,
      Optional<String> fallbackChannel,
      java.util.Map<dev.lookout.health.Figure, dev.lookout.alerts.RuleBook.Timing> timings,
      dev.lookout.alerts.Flapping flapping,
      List<dev.lookout.alerts.EscalationPolicy> escalation) {
    public Alerting {
      timings = java.util.Map.copyOf(timings);
      escalation = List.copyOf(escalation);
    }

    public Alerting(
        java.time.Duration interval, java.time.Duration repeat, Optional<String> fallbackChannel) {
      this(
          interval,
          repeat,
          fallbackChannel,
          java.util.Map.of(),
          dev.lookout.alerts.Flapping.defaults(),
          List.of());
    }

    public Alerting with(dev.lookout.alerts.Flapping newFlapping) {
      return new Alerting(interval, repeat, fallbackChannel, timings, newFlapping, escalation);
    }

    public Alerting withEscalation(List<dev.lookout.alerts.EscalationPolicy> policies) {
      return new Alerting(interval, repeat, fallbackChannel, timings, flapping, policies);
    }

    public static Alerting defaults() {
      return new Alerting(
          java.time.Duration.ofSeconds(60), java.time.Duration.ofHours(1), Optional.empty());
    }

    /** The rules every service is judged by, with its own limits. */
    public dev.lookout.alerts.RuleBook ruleBook() {
      return new dev.lookout.alerts.RuleBook(dev.lookout.alerts.RuleBook.DEFAULT_TIMING, timings);
    }
  }

  /**
   * @param guildId commands are registered to this guild when set, globally otherwise
   * @param restBaseUrl overrides discord.com (the simulator in demo mode and tests)
   * @param gatewayUrl overrides Discord's gateway
   */
  public record Discord(
      String token,
      Optional<String> guildId,
      Optional<String> restBaseUrl,
      Optional<String> gatewayUrl) {
    @Override
    public String toString() {
      // The token never reaches a log line.
      return "Discord[guild=" + guildId + ", rest=" + restBaseUrl + ", gateway=" + gatewayUrl + "]";
    }
  }

  /**
   * @param endpoint {@code host:port} of a Google API server replacing Google's (simulator)
   */
  public record Google(String projectId, String region, Optional<String> endpoint) {}

  /**
   * A service to watch, the name people know it by, its own limits, how far chat may scale it, and
   * where its load endpoints are when not at the service's own URL.
   */
  public record WatchedService(
      String name,
      String displayName,
      HealthLimits limits,
      dev.lookout.operations.ScaleBounds scaling,
      Optional<String> loadUrl) {
    public WatchedService(String name, String displayName, HealthLimits limits) {
      this(
          name,
          displayName,
          limits,
          dev.lookout.operations.ScaleBounds.defaults(),
          Optional.empty());
    }
  }

  /** How far chat may scale {@code service}. */
  public dev.lookout.operations.ScaleBounds scalingOf(String service) {
    return services.stream()
        .filter(s -> s.name().equals(service))
        .map(WatchedService::scaling)
        .findFirst()
        .orElse(dev.lookout.operations.ScaleBounds.defaults());
  }

  /** The configured load URL of each service that has one. */
  public Map<String, String> loadUrls() {
    Map<String, String> out = new java.util.HashMap<>();
    services.forEach(s -> s.loadUrl().ifPresent(u -> out.put(s.name(), u)));
    return out;
  }

  /** The display name of {@code service}, or the name itself. */
  public String displayName(String service) {
    return services.stream()
        .filter(s -> s.name().equals(service))
        .map(WatchedService::displayName)
        .findFirst()
        .orElse(service);
  }

  /** The limits {@code service} is judged by. */
  public HealthLimits limitsOf(String service) {
    return services.stream()
        .filter(s -> s.name().equals(service))
        .map(WatchedService::limits)
        .findFirst()
        .orElse(limits);
  }

  /**
   * Where state lives.
   *
   * @param url a JDBC URL ({@code LOOKOUT_DATABASE_URL}); empty means embedded H2 in the data
   *     directory
   * @param password the database password ({@code LOOKOUT_DATABASE_PASSWORD}), when not in the URL
   * @param lease how long the leader's lease lasts unrenewed: how long a standby waits for a leader
   *     that died without a word
   * @param production whether this is production mode, where local H2 state is worth a warning
   */
  public record Storage(
      Optional<String> url,
      String user,
      Optional<String> password,
      java.time.Duration lease,
      boolean production) {
    @Override
    public String toString() {
      return "Storage[url="
          + url.map(u -> u.replaceAll("(?i)password=[^&;]*", "password=***"))
          + ", user="
          + user
          + ", lease="
          + lease
          + "]";
    }

    public static Storage embedded() {
      return new Storage(
          Optional.empty(), "", Optional.empty(), java.time.Duration.ofSeconds(15), false);
    }
  }

  public LookoutConfig withIntake(List<dev.lookout.intake.IntakeSource> sources) {
    return new LookoutConfig(
        discord,
        google,
        services,
        operatorRole,
        limits,
        dataDirectory,
        httpPort,
        jsonLogs,
        alerting,
        operations,
        knowledge,
        llm,
        reports,
        storage,
        List.copyOf(sources));
  }

  public LookoutConfig withStorage(Storage s) {
    return new LookoutConfig(
        discord,
        google,
        services,
        operatorRole,
        limits,
        dataDirectory,
        httpPort,
        jsonLogs,
        alerting,
        operations,
        knowledge,
        llm,
        reports,
        s,
        intake);
  }

  /** Copies for demo mode, which points Discord and Google at the simulator. */
  public LookoutConfig withDiscord(Discord d) {
    return new LookoutConfig(
        d,
        google,
        services,
        operatorRole,
        limits,
        dataDirectory,
        httpPort,
        jsonLogs,
        alerting,
        operations,
        knowledge,
        llm,
        reports,
        storage,
        intake);
  }

  public LookoutConfig withGoogle(Google g) {
    return new LookoutConfig(
        discord,
        g,
        services,
        operatorRole,
        limits,
        dataDirectory,
        httpPort,
        jsonLogs,
        alerting,
        operations,
        knowledge,
        llm,
        reports,
        storage,
        intake);
  }

  public LookoutConfig withHttpPort(int port) {
    return new LookoutConfig(
        discord,
        google,
        services,
        operatorRole,
        limits,
        dataDirectory,
        port,
        jsonLogs,
        alerting,
        operations,
        knowledge,
        llm,
        reports,
        storage,
        intake);
  }

  public LookoutConfig withDataDirectory(Path dir) {
    return new LookoutConfig(
        discord,
        google,
        services,
        operatorRole,
        limits,
        dir,
        httpPort,
        jsonLogs,
        alerting,
        operations,
        knowledge,
        llm,
        reports,
        storage,
        intake);
  }

  public LookoutConfig withAlerting(Alerting a) {
    return new LookoutConfig(
        discord,
        google,
        services,
        operatorRole,
        limits,
        dataDirectory,
        httpPort,
        jsonLogs,
        a,
        operations,
        knowledge,
        llm,
        reports,
        storage,
        intake);
  }

  public LookoutConfig withKnowledge(dev.lookout.knowledge.KnowledgeBase.Settings k) {
    return new LookoutConfig(
        discord,
        google,
        services,
        operatorRole,
        limits,
        dataDirectory,
        httpPort,
        jsonLogs,
        alerting,
        operations,
        k,
        llm,
        reports,
        storage,
        intake);
  }

  public LookoutConfig withReports(dev.lookout.reports.ReportSettings r) {
    return new LookoutConfig(
        discord,
        google,
        services,
        operatorRole,
        limits,
        dataDirectory,
        httpPort,
        jsonLogs,
        alerting,
        operations,
        knowledge,
        llm,
        r,
        storage,
        intake);
  }

  public LookoutConfig withOperations(Operations o) {
    return new LookoutConfig(
        discord,
        google,
        services,
        operatorRole,
        limits,
        dataDirectory,
        httpPort,
        jsonLogs,
        alerting,
        o,
        knowledge,
        llm,
        reports,
        storage,
        intake);
  }

  /** Unused keys are errors, so a typo does not silently fall back to a default. */
  static final Map<String, String> KEYS =
      Map.ofEntries(
          Map.entry("discord", "guild"),
          Map.entry("google", "project, region"),
          Map.entry("services", "a list of {name, display, limits, scaling, load_url}"),
          Map.entry("roles", "operator, approver"),
          Map.entry(
              "limits",
              "cpu, memory, error_rate, latency_p99, queue_depth, request_rate, instances (each"
                  + " {warn, fatal, for, fatal_for, clear, runbook})"),
          Map.entry("data_dir", "a path"),
          Map.entry("database", "url, user, lease"),
          Map.entry("intake", "sources"),
          Map.entry("http_port", "a port number"),
          Map.entry("log_format", "text or json"),
          Map.entry("alerts", "interval, repeat, fallback_channel, flapping, escalation"),
          Map.entry("proposals", "expiry, check_after, allow_self_approval, cooldown, idle_after"),
          Map.entry("drills", "max_duration, max_intensity, alert_grace"),
          Map.entry("knowledge", "retention, max_lines, llm"),
          Map.entry("reports", "timezone, retention"),
          Map.entry(
              "pricing",
              "currency, vcpu_second, gib_second, idle_vcpu_second, idle_gib_second,"
                  + " idle_watts_per_vcpu, active_watts_per_vcpu, watts_per_gib"));
}
