package dev.lookout.alerts;

import dev.lookout.health.Figure;
import dev.lookout.health.HealthLimits;
import dev.lookout.health.Limit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules every watched service is judged by: a threshold rule for each figure with limits, and
 * saturation, request-rate anomaly, error-log rate, OOM and crash-loop rules, each with a runbook.
 */
public final class RuleBook {
  /** How a figure's threshold rule behaves beyond its warn and fatal limits. */
  public record Timing(Duration warnFor, Duration fatalFor, double clearFraction, String runbook) {
    public Timing {
      if (warnFor.isNegative() || fatalFor.isNegative()) {
        throw new IllegalArgumentException("durations must not be negative");
      }
      if (!(clearFraction > 0 && clearFraction <= 1)) {
        throw new IllegalArgumentException("clear must be a fraction of warn in (0, 1]");
      }
    }
  }

  static final Map<Figure, String> RUNBOOKS =
      Map.of(
          Figure.CPU_P99,
          "CPU is the bottleneck. Check for a traffic spike or a hot loop in the latest revision;"
              + " raise max instances or CPU, or roll back a bad deploy.",
          Figure.MEMORY_P99,
          "Memory is close to the limit; OOM kills follow. Look for a leak in the latest revision,"
              + " raise the memory limit, or lower concurrency.",
          Figure.ERROR_RATE,
          "Requests are failing. Read the ERROR logs for the cause (upstream timeouts, crashes)"
              + " and roll back if it began with a deploy.",
          Figure.LATENCY_P99,
          "Requests are slow. Check the queue and CPU: if instances are at max, raise it; if an"
              + " upstream is slow, check its status.",
          Figure.QUEUE_DEPTH,
          "Work is piling up. If instances are at max, raise max instances; otherwise check that"
              + " workers are pulling.",
          Figure.REQUEST_RATE,
          "Traffic is unusual. Check for a campaign, a retry storm or a stuck client.",
          Figure.INSTANCES,
          "The instance count is unusual. Check the autoscaler's inputs (concurrency, CPU).");

  /** The timing every figure has unless configured otherwise. */
  public static final Timing DEFAULT_TIMING =
      new Timing(Duration.ofMinutes(3), Duration.ofMinutes(2), 0.9, "");

  private final Timing timing;
  private final Map<Figure, Timing> perFigure;

  public RuleBook(Timing timing, Map<Figure, Timing> perFigure) {
    this.timing = timing;
    this.perFigure = Map.copyOf(perFigure);
  }

  public static RuleBook defaults() {
    return new RuleBook(DEFAULT_TIMING, Map.of());
  }

  /** The rules of a service with these limits. */
  public List<AlertRule> rules(HealthLimits limits) {
    List<AlertRule> rules = new ArrayList<>();
    for (Map.Entry<Figure, Limit> e : limits.limits().entrySet()) {
      Limit l = e.getValue();
      Timing t = perFigure.getOrDefault(e.getKey(), timing);
      String runbook = t.runbook().isBlank() ? RUNBOOKS.getOrDefault(e.getKey(), "") : t.runbook();
      rules.add(
          new ThresholdRule(
              e.getKey(),
              l.warn(),
              l.fatal(),
              t.warnFor(),
              t.fatalFor(),
              l.warn() * t.clearFraction(),
              runbook));
    }
    rules.add(
        new SaturationRule(
            Duration.ofMinutes(2),
            Duration.ofMinutes(2),
            50,
            "Instances are at their maximum and the queue still grows. Raise max instances"
                + " (/scale), or shed load; nothing else will drain it."));
    rules.add(
        new AnomalyRule(
            Figure.REQUEST_RATE,
            6,
            12,
            30,
            Duration.ofMinutes(3),
            RUNBOOKS.get(Figure.REQUEST_RATE)));
    rules.add(
        new LogRateRule(
            20,
            100,
            Duration.ofMinutes(2),
            10,
            "Many ERROR or CRITICAL log entries. /alerts Explain shows the lines; look for one"
                + " cause repeated."));
    rules.add(
        new LogPatternRule(
            "oom",
            "OOM kills",
            "Memory limit of",
            Duration.ofMinutes(10),
            1,
            3,
            "Instances are killed for exceeding their memory limit. Raise the limit or find the leak."));
    rules.add(
        new LogPatternRule(
            "crash_loop",
            "Crash loop",
            "Container called exit",
            Duration.ofMinutes(5),
            3,
            6,
            "Instances exit right after starting. Read the stack trace before the exit; roll back"
                + " the revision if it started with a deploy."));
    return rules;
  }
}
