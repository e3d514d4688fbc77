package dev.lookout.simulator.model;

import java.time.Instant;
import java.util.Map;

/**
 * One line a simulated service (or the Cloud Run platform on its behalf) wrote. At most one of
 * {@code text} and {@code json} is set; the platform's request log carries only {@code http}.
 *
 * @param logName the log id, such as {@code run.googleapis.com/stdout}
 * @param sequence a number unique within the project, increasing with time, given by the {@link
 *     LogBook} when the record is stored
 */
public record LogRecord(
    long sequence,
    Instant timestamp,
    String service,
    String revision,
    String instanceId,
    Severity severity,
    String logName,
    String text,
    Map<String, Object> json,
    HttpRequest http,
    String trace) {

  public LogRecord {
    if (text != null && json != null) {
      throw new IllegalArgumentException("a log record has a text or a JSON payload, not both");
    }
    if (text == null && json == null && http == null) {
      throw new IllegalArgumentException("a log record needs a payload or an HTTP request");
    }
    json = json == null ? null : Map.copyOf(json);
  }

  /** What Cloud Run's request log says about one request. */
  public record HttpRequest(
      String method, String url, int status, long latencyMillis, long responseSize) {}

  /** The log names Cloud Run uses. */
  public static final String STDOUT = "run.googleapis.com/stdout";

  public static final String STDERR = "run.googleapis.com/stderr";
  public static final String REQUESTS = "run.googleapis.com/requests";
  public static final String SYSTEM = "run.googleapis.com/varlog/system";
}
