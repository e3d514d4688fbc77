package dev.lookout.discord;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.health.Figure;
import dev.lookout.knowledge.Durations;
import dev.lookout.operations.DrillWorkflow;
import dev.lookout.operations.Drills;
import dev.lookout.operations.InvalidDrillException;
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

  /** Why a drill may not run, with what is allowed. */
  public static String refusal(InvalidDrillException.Problem problem) {
    return switch (problem) {
      case InvalidDrillException.Problem.DurationOutOfRange d ->
          "a drill lasts "
              + Durations.range(d.shortest(), d.longest())
              + "; "
              + Durations.format(d.asked())
              + " is outside that";
      case InvalidDrillException.Problem.IntensityOutOfRange i ->
          "intensity "
              + i.kind().describe(i.asked())
              + " is out of range for a "
              + i.kind().key()
              + " drill; allowed: "
              + i.kind().describe(i.lowest())
              + " up to "
              + i.kind().describe(i.highest());
      case InvalidDrillException.Problem.NotWholeRequests n ->
          "a " + n.kind().key() + " drill needs a whole number of requests";
      case InvalidDrillException.Problem.LoadRefused r ->
          "the load endpoint refused it: " + r.why();
    };
  }

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
