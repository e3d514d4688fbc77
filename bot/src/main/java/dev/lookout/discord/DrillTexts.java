package dev.lookout.discord;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.health.Figure;
import dev.lookout.operations.DrillWorkflow;
import dev.lookout.operations.Drills;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a drill found, in the words its record, its card and the audit keep. */
public final class DrillTexts implements DrillWorkflow.Words {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @Override
  public String peak(DrillWorkflow.Peak peak) {
    List<String> parts = new ArrayList<>();
    peak.cpuP99().ifPresent(v -> parts.add("CPU p99 " + Figure.CPU_P99.format(v)));
    peak.memoryP99().ifPresent(v -> parts.add("memory p99 " + Figure.MEMORY_P99.format(v)));
    peak.instances()
        .ifPresent(
            v ->
                parts.add(
                    "instances "
                        + String.format(Locale.ROOT, "%.0f", v)
                        + " of "
                        + peak.maxInstances()));
    peak.queueDepth().ifPresent(v -> parts.add("queue " + Figure.QUEUE_DEPTH.format(v)));
    peak.latencyP99().ifPresent(v -> parts.add("latency p99 " + Figure.LATENCY_P99.format(v)));
    return String.join(" · ", parts);
  }

  @Override
  public String reached(Drills.DeliveredAlert alert) {
    return alert.severity().id()
        + " alert \""
        + alert.title()
        + "\" reached <#"
        + alert.channelId()
        + "> at "
        + TIME.format(alert.at());
  }

  @Override
  public String missed(AlertSeverity expected, String service, Instant from, Instant until) {
    return "no "
        + expected.id()
        + " alert about "
        + service
        + " reached a subscribed channel between "
        + TIME.format(from)
        + " and "
        + TIME.format(until);
  }

  @Override
  public String finished(Optional<String> verdict, Optional<String> detail) {
    return verdict.map(v -> "fire drill " + v + ": ").orElse("") + detail.orElse("ran its course");
  }

  @Override
  public String stoppedEarly(String actor, Optional<String> stopFailed) {
    return "stopped early by "
        + actor
        + stopFailed
            .map(why -> "; the stop endpoint failed (" + why + "), load may run until its end")
            .orElse("");
  }
}
