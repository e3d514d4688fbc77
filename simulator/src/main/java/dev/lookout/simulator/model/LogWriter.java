package dev.lookout.simulator.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Phrases what happens to a service as the log lines such a service, and Cloud Run around it,
 * really write: startup banners, request logs, slow requests, backlog warnings, OOM kills,
 * restarts, upstream timeouts with stack traces, and the odd line that leaks a secret.
 */
final class LogWriter {
  private static final DateTimeFormatter JAVA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final ServiceProfile profile;
  private final LogBook book;
  private final RandomGenerator random;

  LogWriter(ServiceProfile profile, LogBook book, RandomGenerator random) {
    this.profile = profile;
    this.book = book;
    this.random = random;
  }

  private void write(
      Instant at,
      String revision,
      String instance,
      Severity severity,
      String logName,
      String text,
      Map<String, Object> json,
      LogRecord.HttpRequest http) {
    String trace =
        http == null ? null : "projects/-/traces/" + hex(32); // request logs carry a trace id
    book.append(
        new LogRecord(
            0, at, profile.name(), revision, instance, severity, logName, text, json, http, trace));
  }

  private void text(Instant at, String rev, String inst, Severity sev, String log, String text) {
    write(at, rev, inst, sev, log, text, null, null);
  }

  private void json(Instant at, String rev, String inst, Severity sev, Map<String, Object> json) {
    write(at, rev, inst, sev, LogRecord.STDOUT, null, json, null);
  }

  /** An app log line in the runtime's own style. */
  private void app(
      Instant at, String rev, String inst, Severity sev, String logger, String message) {
    switch (profile.language()) {
      case JAVA ->
          text(
              at,
              rev,
              inst,
              sev,
              sev.number() >= Severity.WARNING.number() ? LogRecord.STDERR : LogRecord.STDOUT,
              JAVA_TIME.format(at)
                  + " "
                  + javaLevel(sev)
                  + " 1 --- [nio-8080-exec-"
                  + (1 + random.nextInt(10))
                  + "] "
                  + logger
                  + " : "
                  + message);
      case PYTHON -> {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("message", message);
        payload.put("logger", logger);
        payload.put("severity", sev.name());
        json(at, rev, inst, sev, payload);
      }
      case NODE -> {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("msg", message);
        payload.put("level", sev.name().toLowerCase(java.util.Locale.ROOT));
        payload.put("name", profile.name());
        json(at, rev, inst, sev, payload);
      }
    }
  }

  private static String javaLevel(Severity s) {
    return switch (s) {
      case DEBUG -> "DEBUG";
      case INFO, NOTICE, DEFAULT -> " INFO";
      case WARNING -> " WARN";
      default -> "ERROR";
    };
  }

  void instanceStarting(Instant at, String rev, String inst) {
    text(
        at,
        rev,
        inst,
        Severity.INFO,
        LogRecord.SYSTEM,
        "Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling"
            + " factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity"
            + " for current traffic.");
  }

  void instanceReady(Instant at, String rev, String inst, long startupMillis) {
    app(
        at,
        rev,
        inst,
        Severity.INFO,
        logger("boot"),
        "Starting " + profile.name() + " (revision " + rev + ") with PID 1");
    app(
        at,
        rev,
        inst,
        Severity.DEBUG,
        logger("db"),
        "Connecting to postgres://"
            + profile.name()
            + ":"
            + secret(14)
            + "@10.8.0.3:5432/"
            + profile.name().replace('-', '_'));
    app(at, rev, inst, Severity.INFO, logger("boot"), "Listening on port 8080");
    text(
        at,
        rev,
        inst,
        Severity.INFO,
        LogRecord.SYSTEM,
        "Default STARTUP TCP probe succeeded after 1 attempt for container \""
            + profile.name()
            + "-1\" on port 8080. (startup took "
            + startupMillis
            + " ms)");
  }

  void request(
      Instant at,
      String rev,
      String inst,
      int status,
      double latencyMillis,
      int inputTokens,
      int outputTokens) {
    Severity sev =
        status >= 500 ? Severity.ERROR : status >= 400 ? Severity.WARNING : Severity.INFO;
    String path = path();
    write(
        at,
        rev,
        inst,
        sev,
        LogRecord.REQUESTS,
        null,
        null,
        new LogRecord.HttpRequest(
            method(), url(path), status, Math.round(latencyMillis), 200 + random.nextInt(4000)));
    if (status >= 400) {
      return;
    }
    switch (profile.language()) {
      case PYTHON -> {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("message", "generation complete");
        payload.put("logger", "consumer.worker");
        payload.put("severity", "INFO");
        payload.put("input_tokens", inputTokens);
        payload.put("output_tokens", outputTokens);
        payload.put("duration_ms", Math.round(latencyMillis));
        payload.put("model", "gemini-2.0-flash");
        json(at, rev, inst, Severity.INFO, payload);
      }
      case JAVA ->
          app(
              at,
              rev,
              inst,
              Severity.INFO,
              logger("http"),
              method()
                  + " "
                  + path
                  + " completed "
                  + status
                  + " in "
                  + Math.round(latencyMillis)
                  + " ms");
      case NODE -> {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("msg", "job finished");
        payload.put("level", "info");
        payload.put("job_id", hex(12));
        payload.put("duration_ms", Math.round(latencyMillis));
        json(at, rev, inst, Severity.INFO, payload);
      }
    }
    if (random.nextDouble() < 0.08) {
      outboundCallWithSecret(at, rev, inst);
    }
  }

  /** A debug line of an outbound call that carries a credential, as real services leak them. */
  private void outboundCallWithSecret(Instant at, String rev, String inst) {
    String line =
        switch (random.nextInt(3)) {
          case 0 -> "-> POST https://llm.internal/v1/generate Authorization: Bearer " + jwt();
          case 1 ->
              "-> GET https://maps.googleapis.com/maps/api/geocode/json?address=Main+St&key=AIza"
                  + secret(35);
          default -> "-> GET https://reports:" + secret(12) + "@storage.internal/exports/daily.csv";
        };
    app(at, rev, inst, Severity.DEBUG, logger("client"), line);
  }

  void slowRequest(Instant at, String rev, String inst, double latencyMillis) {
    app(
        at,
        rev,
        inst,
        Severity.WARNING,
        logger("http"),
        "Slow request: "
            + method()
            + " "
            + path()
            + " took "
            + Math.round(latencyMillis)
            + " ms (threshold "
            + Math.round(profile.slowRequestMillis())
            + " ms)");
  }

  void upstreamTimeout(Instant at, String rev, String inst, int seconds) {
    String trace =
        switch (profile.language()) {
          case PYTHON ->
              "upstream request timed out after "
                  + seconds
                  + "s\nTraceback (most recent call last):\n"
                  + "  File \"/app/consumer/worker.py\", line 88, in handle\n"
                  + "    completion = await client.generate(prompt, timeout="
                  + seconds
                  + ")\n"
                  + "  File \"/app/consumer/llm.py\", line 41, in generate\n"
                  + "    response = await self._http.post(self.url, json=body)\n"
                  + "  File \"/usr/local/lib/python3.12/site-packages/httpx/_client.py\", line"
                  + " 1629, in send\n"
                  + "    raise exc\n"
                  + "httpx.ReadTimeout: timed out";
          case JAVA ->
              "Upstream call failed\njava.net.http.HttpTimeoutException: request timed out\n"
                  + "\tat java.net.http/jdk.internal.net.http.HttpClientImpl.send"
                  + "(HttpClientImpl.java:951)\n"
                  + "\tat com.example."
                  + profile.name().replace("-", "")
                  + ".PaymentsClient.authorize(PaymentsClient.java:74)\n"
                  + "\tat com.example."
                  + profile.name().replace("-", "")
                  + ".OrderController.create(OrderController.java:52)\n"
                  + "\tat java.base/java.lang.Thread.run(Thread.java:1583)";
          case NODE ->
              "Error: upstream timeout after "
                  + seconds * 1000
                  + "ms\n    at Timeout._onTimeout (/app/src/upstream.js:31:19)\n"
                  + "    at listOnTimeout (node:internal/timers:581:17)\n"
                  + "    at process.processTimers (node:internal/timers:519:7)";
        };
    int nl = trace.indexOf('\n');
    switch (profile.language()) {
      case JAVA -> text(at, rev, inst, Severity.ERROR, LogRecord.STDERR, trace);
      case PYTHON -> {
        // As Cloud Logging's structured logging has it: the message, and the trace in stack_trace.
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("message", trace.substring(0, nl));
        payload.put("logger", logger("upstream"));
        payload.put("severity", Severity.ERROR.name());
        payload.put("stack_trace", trace.substring(nl + 1));
        payload.put(
            "logging.googleapis.com/sourceLocation",
            Map.of("file", "/app/consumer/llm.py", "line", "41", "function", "generate"));
        json(at, rev, inst, Severity.ERROR, payload);
      }
      case NODE -> {
        // As pino writes an error: the message, and the error as type, message and stack.
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("msg", "upstream call failed");
        payload.put("level", "error");
        payload.put("name", profile.name());
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("type", "Error");
        err.put("message", trace.substring("Error: ".length(), nl));
        err.put("stack", trace);
        payload.put("err", err);
        json(at, rev, inst, Severity.ERROR, payload);
      }
    }
  }

  void requestTimeout(Instant at, String rev, String inst, int timeoutSeconds) {
    text(
        at,
        rev,
        inst,
        Severity.ERROR,
        LogRecord.REQUESTS,
        "The request has been terminated because it has reached the maximum request timeout of "
            + timeoutSeconds
            + " seconds.");
  }

  void queueBacklog(Instant at, String rev, long depth, int slots, double waitSeconds) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("message", "queue backlog growing");
    payload.put("queue_depth", depth);
    payload.put("busy_slots", slots);
    payload.put("estimated_wait_s", Math.round(waitSeconds));
    payload.put("severity", "WARNING");
    json(at, rev, null, Severity.WARNING, payload);
  }

  void queueFull(Instant at, String rev, long rejected, long capacity) {
    app(
        at,
        rev,
        null,
        Severity.CRITICAL,
        logger("queue"),
        "Queue full (capacity " + capacity + "): rejected " + rejected + " requests with 429");
  }

  void oomKilled(Instant at, String rev, String inst, int limitMiB, double usedMiB) {
    text(
        at,
        rev,
        inst,
        Severity.ERROR,
        LogRecord.SYSTEM,
        "Memory limit of "
            + limitMiB
            + " MiB exceeded with "
            + Math.round(usedMiB)
            + " MiB used. Consider increasing the memory limit, see"
            + " https://cloud.google.com/run/docs/configuring/memory-limits");
    text(at, rev, inst, Severity.WARNING, LogRecord.SYSTEM, "Container terminated on signal 9.");
  }

  void crashed(Instant at, String rev, String inst) {
    String message =
        switch (profile.language()) {
          case PYTHON ->
              "worker exiting after unhandled exception\nTraceback (most recent call last):\n"
                  + "  File \"/app/consumer/main.py\", line 23, in <module>\n"
                  + "    settings = load_settings()\n"
                  + "  File \"/app/consumer/config.py\", line 17, in load_settings\n"
                  + "    return Settings(**json.loads(os.environ[\"CONSUMER_CONFIG\"]))\n"
                  + "KeyError: 'CONSUMER_CONFIG'";
          case JAVA ->
              "Application run failed\norg.springframework.beans.factory.BeanCreationException:"
                  + " Error creating bean with name 'dataSource'\n"
                  + "\tat org.springframework.beans.factory.support."
                  + "AbstractAutowireCapableBeanFactory.initializeBean"
                  + "(AbstractAutowireCapableBeanFactory.java:1786)\n"
                  + "Caused by: java.net.ConnectException: Connection refused\n"
                  + "\tat java.base/sun.nio.ch.Net.connect0(Native Method)";
          case NODE ->
              "Uncaught TypeError: Cannot read properties of undefined (reading 'bucket')\n"
                  + "    at loadConfig (/app/src/config.js:12:31)\n"
                  + "    at Object.<anonymous> (/app/src/index.js:5:16)";
        };
    if (profile.language() == ServiceProfile.Language.JAVA) {
      text(at, rev, inst, Severity.CRITICAL, LogRecord.STDERR, message);
    } else {
      app(at, rev, inst, Severity.CRITICAL, logger("main"), message);
    }
    text(at, rev, inst, Severity.ERROR, LogRecord.SYSTEM, "Container called exit(1).");
  }

  void instanceStopped(Instant at, String rev, String inst) {
    text(
        at,
        rev,
        inst,
        Severity.INFO,
        LogRecord.SYSTEM,
        "Shutting down instance " + inst.substring(0, 12) + " after idle period.");
  }

  void cacheStats(Instant at, String rev, String inst) {
    app(
        at,
        rev,
        inst,
        Severity.DEBUG,
        logger("cache"),
        String.format(
            java.util.Locale.ROOT,
            "cache stats: hits=%d misses=%d ratio=%.2f",
            500 + random.nextInt(500),
            random.nextInt(120),
            0.8 + random.nextDouble() * 0.19));
  }

  private String logger(String part) {
    return switch (profile.language()) {
      case JAVA -> "c.e." + profile.name().replace("-", "") + "." + capitalized(part);
      case PYTHON -> "consumer." + part;
      case NODE -> part;
    };
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private String method() {
    return profile.language() == ServiceProfile.Language.JAVA ? "GET" : "POST";
  }

  private String path() {
    return switch (profile.language()) {
      case PYTHON -> "/v1/generate";
      case JAVA -> "/v1/orders/" + (10_000 + random.nextInt(90_000));
      case NODE -> "/jobs";
    };
  }

  private String url(String path) {
    return "https://" + profile.name() + "-6xkq3hzpva-uc.a.run.app" + path;
  }

  String hex(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(Character.forDigit(random.nextInt(16), 16));
    }
    return b.toString();
  }

  private String secret(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return b.toString();
  }

  private String jwt() {
    return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + secret(40) + "." + secret(43);
  }
}
