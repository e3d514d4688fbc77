package dev.lookout.discord;

import dev.lookout.operations.ScaleProblem;
import dev.lookout.operations.ScaleSettings;
import dev.lookout.operations.ScaleSettings.Field;
import java.util.List;
import java.util.stream.Collectors;

/** Why a change may not be made, in words that say what is allowed; one problem a line. */
public final class ScaleProblems {
  private ScaleProblems() {}

  public static String text(List<ScaleProblem> problems) {
    return problems.stream().map(ScaleProblems::text).collect(Collectors.joining("\n"));
  }

  public static String text(ScaleProblem problem) {
    return switch (problem) {
      case ScaleProblem.NothingAsked n ->
          "nothing to change; give at least one of min, max, cpu, memory or concurrency";
      case ScaleProblem.NothingToChange n ->
          "nothing to change: the service already runs with "
              + n.current().map(ScaleProblems::describe).orElse("those");
      case ScaleProblem.Unreadable u -> unreadable(u);
      case ScaleProblem.FarOutOfRange f ->
          name(f.field())
              + " "
              + f.value()
              + " is out of range; it is far beyond what Cloud Run allows";
      case ScaleProblem.OutOfRange r -> outOfRange(r);
      case ScaleProblem.MinAboveMax m ->
          "min (" + m.min() + ") must not be above max (" + m.max() + ")";
      case ScaleProblem.StepTooBig s ->
          name(s.field())
              + " "
              + s.from()
              + " → "
              + s.to()
              + " is a step of "
              + Math.abs(s.to() - s.from())
              + "; one proposal may change it by at most "
              + s.maxStep();
      case ScaleProblem.NotACpuSize c ->
          "cpu "
              + ScaleSettings.cpuText(c.cpuMillis())
              + " is not a Cloud Run CPU size; allowed: 0.08 to 1, or 1, 2, 4, 6 or 8";
      case ScaleProblem.AboveCeiling a ->
          name(a.field())
              + " "
              + amount(a.field(), a.value())
              + " is above this service's ceiling of "
              + amount(a.field(), a.ceiling());
      case ScaleProblem.FractionalCpuNeedsConcurrencyOne f ->
          "cpu below 1 needs concurrency 1 (Cloud Run); set cpu to at least 1 or concurrency to 1";
      case ScaleProblem.CpuNeedsMemory c ->
          ScaleSettings.cpuText(c.cpuMillis())
              + " CPU needs at least "
              + c.neededMiB() / 1024
              + " GiB of memory (Cloud Run); memory would be "
              + ScaleSettings.memoryText(c.memoryMiB());
      case ScaleProblem.MemoryNeedsCpu m ->
          "memory above "
              + m.aboveMiB() / 1024
              + " GiB needs at least "
              + m.neededCpuMillis() / 1000
              + " CPU (Cloud Run); cpu would be "
              + ScaleSettings.cpuText(m.cpuMillis());
      case ScaleProblem.DryRunRefused d -> "Cloud Run's dry run refused it: " + d.why();
      case ScaleProblem.NoSuchProposal n -> "there is no proposal #" + n.id();
      case ScaleProblem.NotApplied n ->
          "proposal #" + n.id() + " is " + n.status().key().replace('_', ' ') + ", not applied";
    };
  }

  private static String unreadable(ScaleProblem.Unreadable u) {
    String quoted = name(u.field()) + " `" + u.text() + "`";
    boolean cpu = u.field() == Field.CPU;
    return quoted
        + switch (u.why()) {
          case NOT_AN_AMOUNT ->
              cpu
                  ? " is not a CPU amount; write 1, 2, 4, 6 or 8, or 0.08-1 such as 0.5"
                  : " is not an amount of memory; write it like 512Mi or 2Gi";
          case NO_UNIT -> " has no unit; write it like 512Mi or 2Gi";
          case FAR_TOO_MUCH ->
              " is far more than Cloud Run allows; " + (cpu ? "at most 8 vCPU" : "at most 32Gi");
          case NOT_WHOLE_MIB -> " is not a whole number of MiB; write it like 512Mi or 2Gi";
        };
  }

  private static String outOfRange(ScaleProblem.OutOfRange r) {
    return switch (r.field()) {
      case MIN ->
          "min "
              + r.value()
              + " is out of range; allowed here: "
              + r.lowest()
              + " to "
              + r.highest()
              + " (min instances are billed even when idle)";
      case MAX ->
          "max "
              + r.value()
              + " is out of range; allowed here: "
              + r.lowest()
              + " to "
              + r.highest();
      case MEMORY ->
          "memory "
              + ScaleSettings.memoryText(r.value())
              + " is out of range; allowed: "
              + ScaleSettings.memoryLimit(r.lowest())
              + " to "
              + ScaleSettings.memoryLimit(r.highest());
      default ->
          name(r.field())
              + " "
              + amount(r.field(), r.value())
              + " is out of range; allowed: "
              + amount(r.field(), r.lowest())
              + " to "
              + amount(r.field(), r.highest());
    };
  }

  /** The setting as a member types it in /scale. */
  private static String name(Field field) {
    return switch (field) {
      case MIN -> "min";
      case MAX -> "max";
      case CONCURRENCY -> "concurrency";
      case CPU -> "cpu";
      case MEMORY -> "memory";
    };
  }

  private static String amount(Field field, int value) {
    return switch (field) {
      case CPU -> ScaleSettings.cpuText(value);
      case MEMORY -> ScaleSettings.memoryText(value);
      default -> Integer.toString(value);
    };
  }

  private static String describe(ScaleSettings s) {
    return "min "
        + s.minInstances()
        + ", max "
        + s.maxInstances()
        + ", "
        + s.text(Field.CPU)
        + ", "
        + s.text(Field.MEMORY)
        + ", concurrency "
        + s.concurrency();
  }
}
