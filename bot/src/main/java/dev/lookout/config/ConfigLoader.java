package dev.lookout.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lookout.health.Figure;
import dev.lookout.health.HealthLimits;
import dev.lookout.health.Limit;
import dev.lookout.knowledge.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code lookout.yaml} and lets environment variables override it. Every value is checked
 * here: a bad one stops the start with a {@link ConfigException} naming the key and what is
 * allowed.
 *
 * <p>Environment: {@code DISCORD_TOKEN}, {@code DISCORD_GUILD_ID}, {@code DISCORD_REST_URL}, {@code
 * DISCORD_GATEWAY_URL}, {@code GOOGLE_CLOUD_PROJECT}, {@code GOOGLE_CLOUD_REGION}, {@code
 * GOOGLE_API_ENDPOINT}, {@code LOOKOUT_DATA_DIR}, {@code PORT}, {@code LOG_FORMAT}.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  /** Whether the environment names neither a Discord token nor a Google project. */
  public static boolean demoMode(Map<String, String> env) {
    return blank(env.get("DISCORD_TOKEN")) && blank(env.get("GOOGLE_CLOUD_PROJECT"));
  }

  /**
   * @param file the YAML file, or empty for defaults only
   * @param env the environment (System.getenv() in production)
   * @param demo whether demo mode supplies Discord and Google itself
   */
  public static LookoutConfig load(Optional<Path> file, Map<String, String> env, boolean demo) {
    if (file.isEmpty()) {
      return parse("defaults", "", env, demo);
    }
    String yaml;
    try {
      yaml = Files.readString(file.get());
    } catch (IOException e) {
      throw new ConfigException(file.get().toString(), "cannot be read: " + e.getMessage());
    }
    return parse(file.get().toString(), yaml, env, demo);
  }

  /** The configuration demo mode uses when no lookout.yaml is given: the simulator's services. */
  public static LookoutConfig demoDefaults(Map<String, String> env) {
    Map<String, String> withToken = new java.util.HashMap<>(env);
    if (firstNonBlank(env.get("LOOKOUT_INTAKE_TOKEN")) == null) {
      // The demo's intake sources share one token, made here and printed at start.
      byte[] random = new byte[24];
      new java.security.SecureRandom().nextBytes(random);
      withToken.put(
          "LOOKOUT_INTAKE_TOKEN",
          java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }
    try (var in = ConfigLoader.class.getResourceAsStream("/demo-lookout.yaml")) {
      return parse(
          "demo-lookout.yaml",
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          withToken,
          true);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * @param source where the YAML came from, for messages
   */
  public static LookoutConfig parse(
      String source, String yaml, Map<String, String> env, boolean demo) {
    JsonNode root = YAML.createObjectNode();
    try {
      JsonNode read = yaml.isBlank() ? null : YAML.readTree(yaml);
      if (read != null && !read.isNull()) {
        if (!read.isObject()) {
          throw new ConfigException(source, "must be a YAML mapping of keys");
        }
        root = read;
      }
    } catch (IOException e) {
      throw new ConfigException(
          source, "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    checkKeys(root, "", LookoutConfig.KEYS.keySet());

    String token = env.getOrDefault("DISCORD_TOKEN", "");
    String project =
        firstNonBlank(env.get("GOOGLE_CLOUD_PROJECT"), text(root, "google", "project"));
    String region =
        firstNonBlank(
            env.get("GOOGLE_CLOUD_REGION"), text(root, "google", "region"), "us-central1");
    if (!demo) {
      if (blank(token)) {
        throw new ConfigException(
            "DISCORD_TOKEN",
            "is required in production; unset GOOGLE_CLOUD_PROJECT too to run the demo");
      }
      if (blank(project)) {
        throw new ConfigException(
            "GOOGLE_CLOUD_PROJECT",
            "is required in production; unset DISCORD_TOKEN too to run the demo");
      }
    }
    if (!region.matches("[a-z]+-[a-z]+[0-9]")) {
      throw new ConfigException(
          "google.region", "'" + region + "' is not a region such as us-central1");
    }
    String guild = firstNonBlank(env.get("DISCORD_GUILD_ID"), text(root, "discord", "guild"));
    if (guild != null && !guild.matches("\\d{15,21}")) {
      throw new ConfigException(
          "discord.guild", "'" + guild + "' is not a Discord id (a 15-21 digit number)");
    }

    HealthLimits limits = HealthLimits.defaults().with(limits(root.path("limits"), "limits"));
    Map<Figure, dev.lookout.alerts.RuleBook.Timing> timings = timings(root.path("limits"), limits);
    List<LookoutConfig.WatchedService> services = new ArrayList<>();
    JsonNode list = root.path("services");
    if (!list.isMissingNode() && !list.isArray()) {
      throw new ConfigException("services", "must be a list of {name, display, limits}");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode s = list.get(i);
      String at = "services[" + i + "]";
      checkKeys(s, at + ".", Set.of("name", "display", "limits", "scaling", "load_url"));
      String name = s.path("name").asText("");
      if (!name.matches("[a-z]([-a-z0-9]{0,47}[a-z0-9])?")) {
        throw new ConfigException(
            at + ".name",
            "'" + name + "' is not a Cloud Run service name (lowercase letters, digits, hyphens)");
      }
      if (!seen.add(name)) {
        throw new ConfigException(at + ".name", "'" + name + "' is listed twice");
      }
      String display = s.path("display").asText(name);
      if (display.isBlank() || display.length() > 64) {
        throw new ConfigException(at + ".display", "must be 1-64 characters");
      }
      String loadUrl = text(s, "load_url");
      if (loadUrl != null && !loadUrl.matches("https?://[^\\s]+")) {
        throw new ConfigException(at + ".load_url", "'" + loadUrl + "' is not an http(s) URL");
      }
      services.add(
          new LookoutConfig.WatchedService(
              name,
              display,
              limits.with(limits(s.path("limits"), at + ".limits")),
              scaling(s.path("scaling"), at + ".scaling"),
              Optional.ofNullable(loadUrl)));
    }

    String operator = text(root, "roles", "operator");
    operator = operator == null ? "operator" : operator;
    if (operator.isBlank() || operator.length() > 100) {
      throw new ConfigException("roles.operator", "must be a role name of 1-100 characters");
    }
    String approver = text(root, "roles", "approver");
    approver = approver == null ? operator : approver;
    if (approver.isBlank() || approver.length() > 100) {
      throw new ConfigException("roles.approver", "must be a role name of 1-100 characters");
    }
    LookoutConfig.Operations operations = operations(root, approver);
    Path data = Path.of(firstNonBlank(env.get("LOOKOUT_DATA_DIR"), text(root, "data_dir"), "data"));
    String portText = firstNonBlank(env.get("PORT"), text(root, "http_port"), "8080");
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException(
          "http_port (PORT)", "'" + portText + "' is not a port number 0-65535");
    }
    String logFormat = firstNonBlank(env.get("LOG_FORMAT"), text(root, "log_format"), "text");
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      throw new ConfigException(
          "log_format (LOG_FORMAT)", "'" + logFormat + "' is not allowed; use text or json");
    }
    Duration interval =
        duration(text(root, "alerts", "interval"), "alerts.interval", Duration.ofSeconds(60));
    if (interval.compareTo(Duration.ofSeconds(10)) < 0
        || interval.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigException("alerts.interval", "must be between 10s and 1h");
    }
    Duration repeat =
        duration(text(root, "alerts", "repeat"), "alerts.repeat", Duration.ofHours(1));
    if (repeat.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new ConfigException("alerts.repeat", "must be at least 1m");
    }
    String fallback = text(root, "alerts", "fallback_channel");
    if (fallback != null && !fallback.matches("\\d{15,21}")) {
      throw new ConfigException(
          "alerts.fallback_channel", "'" + fallback + "' is not a Discord channel id");
    }
    return new LookoutConfig(
        new LookoutConfig.Discord(
            token,
            Optional.ofNullable(guild),
            Optional.ofNullable(blankToNull(env.get("DISCORD_REST_URL"))),
            Optional.ofNullable(blankToNull(env.get("DISCORD_GATEWAY_URL")))),
        new LookoutConfig.Google(
            project == null ? "" : project,
            region,
            Optional.ofNullable(blankToNull(env.get("GOOGLE_API_ENDPOINT")))),
        List.copyOf(services),
        operator,
        limits,
        data,
        port,
        logFormat.equals("json"),
        new LookoutConfig.Alerting(
            interval,
            repeat,
            Optional.ofNullable(fallback),
            timings,
            flapping(root),
            escalation(root)),
        operations,
        knowledge(root),
        llm(root, env),
        reports(root),
        storage(root, env, demo),
        intake(root, env));
  }

  /**
   * {@code intake.sources}: each a name and a kind ({@code cloud-monitoring} or {@code
   * alertmanager}), its token only from the environment, {@code LOOKOUT_INTAKE_TOKEN_<NAME>} (the
   * name in capitals, other characters as _) or else {@code LOOKOUT_INTAKE_TOKEN}. A source without
   * a token is refused at start: an intake nobody can authenticate to is a mistake.
   */
  private static List<dev.lookout.intake.IntakeSource> intake(
      JsonNode root, Map<String, String> env) {
    JsonNode n = root.path("intake");
    checkKeys(n, "intake.", Set.of("sources"));
    JsonNode list = n.path("sources");
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new ConfigException("intake.sources", "must be a list of {name, kind, channels}");
    }
    List<dev.lookout.intake.IntakeSource> out = new ArrayList<>();
    Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode s = list.get(i);
      String key = "intake.sources[" + i + "]";
      checkKeys(s, key + ".", Set.of("name", "kind", "channels"));
      String name = text(s, "name");
      if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
        throw new ConfigException(
            key + ".name", "must be 1 to 40 lower-case letters, digits, - or _");
      }
      if (!names.add(name)) {
        throw new ConfigException(key + ".name", "'" + name + "' is named twice");
      }
      dev.lookout.intake.IntakeSource.Kind kind;
      try {
        kind = dev.lookout.intake.IntakeSource.Kind.parse(String.valueOf(text(s, "kind")));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key + ".kind", e.getMessage());
      }
      List<String> channels = new ArrayList<>();
      JsonNode c = s.path("channels");
      if (!c.isMissingNode() && !c.isNull()) {
        if (!c.isArray()) {
          throw new ConfigException(key + ".channels", "must be a list of Discord channel ids");
        }
        for (JsonNode id : c) {
          if (!id.asText().matches("\\d{15,21}")) {
            throw new ConfigException(
                key + ".channels", "'" + id.asText() + "' is not a Discord channel id");
          }
          channels.add(id.asText());
        }
      }
      String variable =
          "LOOKOUT_INTAKE_TOKEN_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
      String token = firstNonBlank(env.get(variable), env.get("LOOKOUT_INTAKE_TOKEN"));
      if (token == null || token.length() < 16) {
        throw new ConfigException(
            key,
            "needs a token of at least 16 characters in " + variable + " or LOOKOUT_INTAKE_TOKEN");
      }
      out.add(new dev.lookout.intake.IntakeSource(name, kind, token, channels));
    }
    return List.copyOf(out);
  }

  /**
   * {@code database.url} and {@code database.user} (or {@code LOOKOUT_DATABASE_URL} and {@code
   * LOOKOUT_DATABASE_USER}), the password only from {@code LOOKOUT_DATABASE_PASSWORD}, and {@code
   * database.lease}.
   */
  private static LookoutConfig.Storage storage(
      JsonNode root, Map<String, String> env, boolean demo) {
    JsonNode n = root.path("database");
    checkKeys(n, "database.", Set.of("url", "user", "lease"));
    String url = firstNonBlank(env.get("LOOKOUT_DATABASE_URL"), text(n, "url"));
    if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
      throw new ConfigException(
          "database.url (LOOKOUT_DATABASE_URL)",
          "'"
              + url.replaceAll("(?i)password=[^&;]*", "password=***")
              + "' is not a JDBC URL of PostgreSQL (jdbc:postgresql://host:5432/db) or H2");
    }
    String user = firstNonBlank(env.get("LOOKOUT_DATABASE_USER"), text(n, "user"), "");
    Duration lease = duration(text(n, "lease"), "database.lease", Duration.ofSeconds(15));
    if (lease.compareTo(Duration.ofSeconds(3)) < 0 || lease.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new ConfigException("database.lease", "must be between 3s and 5m");
    }
    return new LookoutConfig.Storage(
        Optional.ofNullable(url),
        user,
        Optional.ofNullable(blankToNull(env.get("LOOKOUT_DATABASE_PASSWORD"))),
        lease,
        !demo);
  }

  /**
   * {@code reports.timezone} (an IANA zone such as Europe/Berlin) and {@code reports.retention}.
   */
  private static dev.lookout.reports.ReportSettings reports(JsonNode root) {
    var d = dev.lookout.reports.ReportSettings.defaults();
    JsonNode n = root.path("reports");
    checkKeys(n, "reports.", Set.of("timezone", "retention"));
    java.time.ZoneId zone = d.zone();
    String tz = text(n, "timezone");
    if (tz != null) {
      zone =
          dev.lookout.reports.Zones.parse(tz)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "reports.timezone",
                          "'"
                              + tz
                              + "' is not a time zone; use an IANA name such as Europe/Berlin"));
    }
    Duration retention = duration(text(n, "retention"), "reports.retention", d.retention());
    if (retention.compareTo(Duration.ofDays(62)) < 0
        || retention.compareTo(Duration.ofDays(1000)) > 0) {
      throw new ConfigException(
          "reports.retention", "must be between 62d (a month and the month before) and 1000d");
    }
    return new dev.lookout.reports.ReportSettings(zone, retention, d.monitoringRetention());
  }

  /**
   * The optional LLM that rewrites /ask answers: {@code knowledge.llm} with {@code base_url} (an
   * OpenAI-compatible API, Ollama's included), {@code model} and {@code timeout}; the key comes
   * from the environment, {@code LLM_API_KEY}.
   */
  private static Optional<dev.lookout.knowledge.LlmWriter.Settings> llm(
      JsonNode root, Map<String, String> env) {
    JsonNode n = root.path("knowledge").path("llm");
    if (n.isMissingNode() || n.isNull()) {
      return Optional.empty();
    }
    checkKeys(n, "knowledge.llm.", Set.of("base_url", "model", "timeout"));
    String url = text(n, "base_url");
    if (url == null || !url.matches("https?://\\S+")) {
      throw new ConfigException(
          "knowledge.llm.base_url", "needs an http(s) URL such as http://localhost:11434/v1");
    }
    String model = text(n, "model");
    if (model == null || model.isBlank()) {
      throw new ConfigException("knowledge.llm.model", "needs a model name such as llama3.1");
    }
    Duration timeout = duration(text(n, "timeout"), "knowledge.llm.timeout", Duration.ofSeconds(8));
    return Optional.of(
        new dev.lookout.knowledge.LlmWriter.Settings(
            url, model, env.getOrDefault("LLM_API_KEY", ""), timeout));
  }

  /** How much log the knowledge base keeps: 6 h and a million lines unless configured. */
  private static dev.lookout.knowledge.KnowledgeBase.Settings knowledge(JsonNode root) {
    var d = dev.lookout.knowledge.KnowledgeBase.Settings.defaults();
    JsonNode n = root.path("knowledge");
    checkKeys(n, "knowledge.", Set.of("retention", "max_lines", "llm"));
    Duration retention = duration(text(n, "retention"), "knowledge.retention", Duration.ofHours(6));
    if (retention.compareTo(Duration.ofMinutes(10)) < 0
        || retention.compareTo(Duration.ofDays(7)) > 0) {
      throw new ConfigException("knowledge.retention", "must be between 10m and 168h (7 days)");
    }
    int maxLines = integer(n, "max_lines", "knowledge", d.maxLines(), 10_000, 20_000_000);
    return new dev.lookout.knowledge.KnowledgeBase.Settings(
        retention, maxLines, d.citations(), d.minCosine());
  }

  private static dev.lookout.operations.ScaleBounds scaling(JsonNode node, String at) {
    var d = dev.lookout.operations.ScaleBounds.defaults();
    if (node.isMissingNode() || node.isNull()) {
      return d;
    }
    checkKeys(
        node,
        at + ".",
        Set.of("max_instances", "max_min_instances", "max_step", "max_cpu", "max_memory"));
    try {
      return new dev.lookout.operations.ScaleBounds(
          integer(node, "max_instances", at, d.maxInstances(), 1, 1000),
          integer(node, "max_min_instances", at, d.maxMinInstances(), 0, 1000),
          integer(node, "max_step", at, d.maxStep(), 1, 1000),
          node.has("max_cpu")
              ? dev.lookout.operations.ScaleSettings.parseCpu(node.get("max_cpu").asText())
              : d.maxCpuMillis(),
          node.has("max_memory")
              ? dev.lookout.operations.ScaleSettings.parseMemory(node.get("max_memory").asText())
              : d.maxMemoryMiB());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(at, e.getMessage());
    } catch (dev.lookout.operations.InvalidScaleException e) {
      boolean cpu =
          e.problems().stream()
              .anyMatch(
                  p ->
                      p instanceof dev.lookout.operations.ScaleProblem.Unreadable u
                          && u.field() == dev.lookout.operations.ScaleSettings.Field.CPU);
      throw new ConfigException(
          at,
          cpu
              ? "max_cpu `"
                  + node.get("max_cpu").asText()
                  + "` is not a CPU amount of at most 8, such as 2 or 0.5"
              : "max_memory `"
                  + node.get("max_memory").asText()
                  + "` is not a memory size of at most 32Gi, such as 512Mi or 2Gi");
    }
  }

  /**
   * {@code alerts.escalation}: a list of policies, each {@code {name, schedule, after, severity,
   * services, fallback}}; the first policy that covers an alert escalates it.
   */
  private static List<dev.lookout.alerts.EscalationPolicy> escalation(JsonNode root) {
    JsonNode list = root.path("alerts").path("escalation");
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new ConfigException(
          "alerts.escalation",
          "must be a list of {name, schedule, after, severity, services, fallback}");
    }
    List<dev.lookout.alerts.EscalationPolicy> out = new ArrayList<>();
    Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode p = list.get(i);
      String at = "alerts.escalation[" + i + "]";
      if (!p.isObject()) {
        throw new ConfigException(at, "must be a map");
      }
      checkKeys(
          p,
          at + ".",
          Set.of("name", "schedule", "after", "severity", "services", "fallback", "dm"));
      String name = text(p, "name");
      if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
        throw new ConfigException(
            at + ".name", "must be 1 to 32 lower-case letters, digits, - or _");
      }
      if (!names.add(name)) {
        throw new ConfigException(at + ".name", "'" + name + "' is named twice");
      }
      String schedule = text(p, "schedule");
      if (schedule == null || !schedule.matches("[a-z0-9][a-z0-9-]{0,31}")) {
        throw new ConfigException(
            at + ".schedule", "must name an on-call schedule (lower-case letters, digits, -)");
      }
      Duration after =
          duration(
              text(p, "after"), at + ".after", dev.lookout.alerts.EscalationPolicy.DEFAULT_AFTER);
      if (after.compareTo(Duration.ofMinutes(1)) < 0 || after.compareTo(Duration.ofHours(24)) > 0) {
        throw new ConfigException(at + ".after", "must be between 1m and 24h");
      }
      String severity = String.valueOf(text(p, "severity") == null ? "fatal" : text(p, "severity"));
      dev.lookout.alerts.AlertSeverity least =
          switch (severity.toLowerCase(java.util.Locale.ROOT)) {
            case "fatal" -> dev.lookout.alerts.AlertSeverity.FATAL;
            case "warn" -> dev.lookout.alerts.AlertSeverity.WARN;
            default -> throw new ConfigException(at + ".severity", "must be fatal or warn");
          };
      Set<String> services = new java.util.TreeSet<>();
      JsonNode s = p.path("services");
      if (!s.isMissingNode() && !s.isNull()) {
        if (!s.isArray()) {
          throw new ConfigException(at + ".services", "must be a list of service names");
        }
        s.forEach(v -> services.add(v.asText()));
      }
      Optional<dev.lookout.alerts.EscalationPolicy.Target> fallback = Optional.empty();
      JsonNode f = p.path("fallback");
      if (!f.isMissingNode() && !f.isNull()) {
        checkKeys(f, at + ".fallback.", Set.of("user", "role"));
        if (f.size() != 1 || !f.isObject()) {
          throw new ConfigException(
              at + ".fallback", "must be {user: <user id>} or {role: <role name or id>}");
        }
        String user = text(f, "user");
        String role = text(f, "role");
        if (user != null && !user.matches("\\d{15,21}")) {
          throw new ConfigException(
              at + ".fallback.user", "'" + user + "' is not a Discord user id");
        }
        if (role != null && (role.isBlank() || role.length() > 100 || role.contains("@"))) {
          throw new ConfigException(at + ".fallback.role", "must be a role's name or id");
        }
        fallback =
            Optional.of(
                user != null
                    ? new dev.lookout.alerts.EscalationPolicy.Target(
                        dev.lookout.alerts.EscalationPolicy.Target.Kind.USER, user)
                    : new dev.lookout.alerts.EscalationPolicy.Target(
                        dev.lookout.alerts.EscalationPolicy.Target.Kind.ROLE, role));
      }
      out.add(
          new dev.lookout.alerts.EscalationPolicy(
              name, services, least, schedule, after, fallback, p.path("dm").asBoolean(false)));
    }
    return out;
  }

  /** {@code alerts.flapping}: how many firings within how long make an alert flap. */
  private static dev.lookout.alerts.Flapping flapping(JsonNode root) {
    JsonNode n = root.path("alerts").path("flapping");
    if (n.isMissingNode() || n.isNull()) {
      return dev.lookout.alerts.Flapping.defaults();
    }
    if (!n.isObject()) {
      throw new ConfigException("alerts.flapping", "must be a map of fires and within");
    }
    checkKeys(n, "alerts.flapping.", Set.of("fires", "within"));
    int fires =
        integer(n, "fires", "alerts.flapping", dev.lookout.alerts.Flapping.DEFAULT_FIRES, 0, 1000);
    if (fires == 1) {
      throw new ConfigException(
          "alerts.flapping.fires", "must be 0 (off) or at least 2: one firing is not flapping");
    }
    Duration within =
        duration(
            text(n, "within"),
            "alerts.flapping.within",
            dev.lookout.alerts.Flapping.DEFAULT_WITHIN);
    if (within.compareTo(Duration.ofMinutes(1)) < 0 || within.compareTo(Duration.ofDays(1)) > 0) {
      throw new ConfigException("alerts.flapping.within", "must be between 1m and 24h");
    }
    return new dev.lookout.alerts.Flapping(fires, within);
  }

  private static int integer(JsonNode node, String key, String at, int fallback, int min, int max) {
    if (!node.has(key)) {
      return fallback;
    }
    JsonNode v = node.get(key);
    if (!v.isInt() || v.asInt() < min || v.asInt() > max) {
      throw new ConfigException(
          at + "." + key, "'" + v.asText() + "' is not a whole number from " + min + " to " + max);
    }
    return v.asInt();
  }

  private static double positive(JsonNode node, String key, String at, double fallback) {
    if (!node.has(key)) {
      return fallback;
    }
    JsonNode v = node.get(key);
    if (!v.isNumber() || v.asDouble() < 0) {
      throw new ConfigException(at + "." + key, "'" + v.asText() + "' is not a number >= 0");
    }
    return v.asDouble();
  }

  private static LookoutConfig.Operations operations(JsonNode root, String approver) {
    var p = dev.lookout.operations.ProposalSettings.defaults();
    JsonNode n = root.path("proposals");
    Duration expiry = duration(text(n, "expiry"), "proposals.expiry", p.expiry());
    if (expiry.compareTo(Duration.ofMinutes(1)) < 0 || expiry.compareTo(Duration.ofHours(24)) > 0) {
      throw new ConfigException("proposals.expiry", "must be between 1m and 24h");
    }
    JsonNode self = n.path("allow_self_approval");
    if (!self.isMissingNode() && !self.isBoolean()) {
      throw new ConfigException("proposals.allow_self_approval", "must be true or false");
    }
    var proposals =
        new dev.lookout.operations.ProposalSettings(
            approver,
            self.asBoolean(false),
            expiry,
            duration(text(n, "check_after"), "proposals.check_after", p.checkAfter()),
            duration(text(n, "cooldown"), "proposals.cooldown", p.cooldown()),
            duration(text(n, "idle_after"), "proposals.idle_after", p.idleAfter()));

    var d = dev.lookout.operations.DrillLimits.defaults();
    JsonNode dn = root.path("drills");
    Duration maxDrill = duration(text(dn, "max_duration"), "drills.max_duration", d.maxDuration());
    if (maxDrill.compareTo(Duration.ofMinutes(1)) < 0
        || maxDrill.compareTo(Duration.ofHours(2)) > 0) {
      throw new ConfigException("drills.max_duration", "must be between 1m and 2h");
    }
    Map<dev.lookout.operations.DrillKind, Double> max = new java.util.EnumMap<>(d.maxIntensity());
    JsonNode mi = dn.path("max_intensity");
    if (mi.isObject()) {
      Iterator<String> kinds = mi.fieldNames();
      while (kinds.hasNext()) {
        String k = kinds.next();
        dev.lookout.operations.DrillKind kind;
        try {
          kind = dev.lookout.operations.DrillKind.parse(k);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(
              "drills.max_intensity." + k, "unknown drill kind; allowed: cpu, ram, queue, latency");
        }
        double v = positive(mi, k, "drills.max_intensity", 0);
        if (v <= 0 || v > kind.ceiling()) {
          throw new ConfigException(
              "drills.max_intensity." + k, "must be above 0 and at most " + kind.ceiling());
        }
        max.put(kind, v);
      }
    }
    var drills =
        new dev.lookout.operations.DrillLimits(
            maxDrill, max, duration(text(dn, "alert_grace"), "drills.alert_grace", d.alertGrace()));

    var pr = dev.lookout.cost.Pricing.defaults();
    JsonNode pn = root.path("pricing");
    String currency = text(pn, "currency");
    var pricing =
        new dev.lookout.cost.Pricing(
            currency == null ? pr.currency() : currency,
            positive(pn, "vcpu_second", "pricing", pr.vcpuSecond()),
            positive(pn, "gib_second", "pricing", pr.gibSecond()),
            positive(pn, "idle_vcpu_second", "pricing", pr.idleVcpuSecond()),
            positive(pn, "idle_gib_second", "pricing", pr.idleGibSecond()),
            positive(pn, "idle_watts_per_vcpu", "pricing", pr.idleWattsPerVcpu()),
            positive(pn, "active_watts_per_vcpu", "pricing", pr.activeWattsPerVcpu()),
            positive(pn, "watts_per_gib", "pricing", pr.wattsPerGib()));
    return new LookoutConfig.Operations(proposals, drills, pricing);
  }

  /** Reads a duration in the grammar every command reads ({@link Durations}). */
  static Duration duration(String text, String key, Duration fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }

  private static Map<Figure, Limit> limits(JsonNode node, String at) {
    Map<Figure, Limit> out = new EnumMap<>(Figure.class);
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new ConfigException(at, "must map figures to {warn, fatal}");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      Figure figure;
      try {
        figure = Figure.byKey(key);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            at + "." + key, "unknown figure; allowed: " + LookoutConfig.KEYS.get("limits"));
      }
      JsonNode l = node.get(key);
      checkKeys(
          l, at + "." + key + ".", Set.of("warn", "fatal", "for", "fatal_for", "clear", "runbook"));
      if (!l.path("warn").isNumber() || !l.path("fatal").isNumber()) {
        throw new ConfigException(at + "." + key, "needs numbers warn and fatal");
      }
      if (l.has("for")) {
        duration(text(l, "for"), at + "." + key + ".for", Duration.ZERO);
      }
      try {
        out.put(figure, new Limit(l.get("warn").asDouble(), l.get("fatal").asDouble()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(at + "." + key, e.getMessage());
      }
    }
    return out;
  }

  /**
   * The alert timing of each figure that sets {@code for}, {@code fatal_for}, {@code clear} or a
   * runbook.
   */
  private static Map<Figure, dev.lookout.alerts.RuleBook.Timing> timings(
      JsonNode node, HealthLimits limits) {
    Map<Figure, dev.lookout.alerts.RuleBook.Timing> out = new EnumMap<>(Figure.class);
    if (!node.isObject()) {
      return out;
    }
    var d = dev.lookout.alerts.RuleBook.DEFAULT_TIMING;
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      JsonNode l = node.get(key);
      if (!l.has("for") && !l.has("fatal_for") && !l.has("clear") && !l.has("runbook")) {
        continue;
      }
      String at = "limits." + key;
      Figure figure = Figure.byKey(key);
      Duration warnFor = duration(text(l, "for"), at + ".for", d.warnFor());
      Duration fatalFor = duration(text(l, "fatal_for"), at + ".fatal_for", d.fatalFor());
      double warn = limits.of(figure).orElseThrow().warn();
      double clearFraction = d.clearFraction();
      if (l.has("clear")) {
        if (!l.get("clear").isNumber()
            || l.get("clear").asDouble() < 0
            || l.get("clear").asDouble() > warn) {
          throw new ConfigException(
              at + ".clear", "must be a number from 0 up to warn (" + warn + ")");
        }
        clearFraction = warn == 0 ? 1 : Math.max(1e-9, l.get("clear").asDouble() / warn);
      }
      String runbook = text(l, "runbook");
      if (runbook != null && runbook.length() > 1000) {
        throw new ConfigException(at + ".runbook", "must be at most 1000 characters");
      }
      out.put(
          figure,
          new dev.lookout.alerts.RuleBook.Timing(
              warnFor, fatalFor, clearFraction, runbook == null ? "" : runbook));
    }
    return out;
  }

  private static void checkKeys(JsonNode node, String prefix, Set<String> allowed) {
    if (!node.isObject()) {
      return;
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!allowed.contains(key)) {
        throw new ConfigException(
            prefix + key,
            "unknown key; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
      if (prefix.isEmpty()
          && LookoutConfig.KEYS.containsKey(key)
          && node.get(key).isObject()
          && !key.equals("limits")) {
        Set<String> inner = new HashSet<>();
        for (String k : LookoutConfig.KEYS.get(key).split(", ")) {
          inner.add(k);
        }
        checkKeys(node.get(key), key + ".", inner);
      }
    }
  }

  private static String text(JsonNode root, String... path) {
    JsonNode n = root;
    for (String p : path) {
      n = n.path(p);
    }
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return blank(s) ? null : s;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (!blank(v)) {
        return v;
      }
    }
    return null;
  }
}
