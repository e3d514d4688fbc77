package dev.lookout.discord;

import dev.lookout.health.Figure;
import dev.lookout.knowledge.Durations;
import dev.lookout.operations.ScalePolicy;
import dev.lookout.operations.ScalePolicy.Why;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Why Lookout suggests a change, in the words its proposal keeps and its card shows. */
public final class SuggestionTexts implements ScalePolicy.Words {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @Override
  public String reason(Why why) {
    return switch (why) {
      case Why.Saturated s ->
          "saturated at max instances: raise max " + s.fromMax() + " → " + s.toMax();
      case Why.Idle i ->
          "idle for "
              + Durations.format(i.window())
              + " with "
              + i.warmInstances()
              + " warm instance(s): min → 0";
    };
  }

  @Override
  public String evidence(Why why) {
    return switch (why) {
      case Why.Saturated s -> {
        List<String> evidence = new ArrayList<>();
        for (ScalePolicy.Pressure p : s.pressing()) {
          evidence.add(
              p.severity().id()
                  + " alert \""
                  + p.title()
                  + "\" firing"
                  + p.since().map(t -> " since " + TIME.format(t)).orElse(""));
        }
        evidence.add("instances " + s.instances() + " of max " + s.fromMax());
        s.cpuP99().ifPresent(v -> evidence.add("CPU p99 " + Figure.CPU_P99.format(v)));
        s.queueDepth().ifPresent(v -> evidence.add("queue " + Figure.QUEUE_DEPTH.format(v)));
        s.latencyP99().ifPresent(v -> evidence.add("latency p99 " + Figure.LATENCY_P99.format(v)));
        yield String.join("; ", evidence);
      }
      case Why.Idle i ->
          "CPU p99 peaked at "
              + Figure.CPU_P99.format(i.peakCpu())
              + " over the last "
              + Durations.format(i.window())
              + "; no requests now; "
              + String.format(
                  Locale.ROOT,
                  "saves about %.2f %s/h (%.0f %s a month) and %.1f W of reserved idle power",
                  i.savedPerHour(),
                  i.currency(),
                  i.savedPerHour() * 730,
                  i.currency(),
                  i.savedWatts());
    };
  }
}
