package dev.lookout.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An alert raised by another system (a Cloud Monitoring policy, an Alertmanager rule) as Lookout
 * last heard of it: open or closed, on which service, how severe. It joins Lookout's own alerts as
 * an {@link ExternalRule} of its service, so it gets the same life cycle, cards, silences and
 * outbox.
 *
 * @param source the configured intake source it came through
 * @param key the sender's identity of the incident (an incident id, a fingerprint and its start)
 * @param family the sender's identity of the alert across its incidents (a policy's condition on
 *     one resource, an Alertmanager fingerprint): each incident is the alert firing again
 * @param changedAt the sender's time of the state this holds; an older delivery never undoes it
 */
public record ExternalAlert(
    String source,
    String key,
    String family,
    String service,
    String title,
    AlertSeverity severity,
    boolean open,
    String detail,
    String runbook,
    Instant startedAt,
    Instant changedAt) {

  /** How the rule ids of external alerts begin, so that what other systems wrote can be told. */
  public static final String RULE_PREFIX = "ext";

  /** How the rule id of an external alert about load that more instances relieve begins. */
  private static final String PRESSURE_PREFIX = "extp-";

  /**
   * Cloud Monitoring metrics of a Cloud Run service that more instances relieve, as Lookout's own
   * CPU and saturation rules: CPU utilization, and requests in flight per instance.
   */
  private static final java.util.List<String> PRESSURE_METRICS =
      java.util.List.of(
          "run.googleapis.com/container/cpu/utilizations",
          "run.googleapis.com/container/max_request_concurrencies");

  /**
   * A rule id of its own (at most 20 characters), the same for every incident of the alert, so that
   * its incidents are firings of one rule.
   */
  public String ruleId() {
    return (pressure() ? PRESSURE_PREFIX : RULE_PREFIX + "-")
        + digest(source + "\n" + family).substring(0, 16);
  }

  /** Whether the alert is about load that a scale-up relieves (its metric says so). */
  public boolean pressure() {
    return PRESSURE_METRICS.stream().anyMatch(m -> family.contains("\n" + m + "{"));
  }

  /** Whether an external alert's rule is about load that a scale-up relieves. */
  public static boolean isPressure(String ruleId) {
    return ruleId.startsWith(PRESSURE_PREFIX);
  }

  /** Whether an alert's rule is an external alert's: its texts are another system's words. */
  public static boolean isExternal(String ruleId) {
    return ruleId.startsWith(RULE_PREFIX);
  }

  /** SHA-256 of {@code text}, in hex. */
  public static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
