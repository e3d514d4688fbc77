package dev.lookout.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What someone asked to change, as typed; fields left out keep their current value. Whole numbers
 * arrive as Discord sends them, up to 53 bits, and are range-checked before they are narrowed.
 * {@link #against} turns it into the settings to propose, or says everything that is wrong with it.
 */
public record ScaleRequest(
    Optional<Long> minInstances,
    Optional<Long> maxInstances,
    Optional<String> cpu,
    Optional<String> memory,
    Optional<Long> concurrency) {
  /** Far beyond any bound, yet no arithmetic on it can overflow. */
  private static final long LARGEST = 1_000_000;

  private static final Set<Integer> WHOLE_CPUS = Set.of(1000, 2000, 4000, 6000, 8000);

  public boolean isEmpty() {
    return minInstances.isEmpty()
        && maxInstances.isEmpty()
        && cpu.isEmpty()
        && memory.isEmpty()
        && concurrency.isEmpty();
  }

  /**
   * The settings this request leads to from {@code current}, checked against Cloud Run's rules and
   * the service's {@code bounds}.
   *
   * @throws InvalidScaleException naming every problem and what is allowed
   */
  public ScaleSettings against(ScaleSettings current, ScaleBounds bounds) {
    if (isEmpty()) {
      throw new InvalidScaleException(
          "nothing to change; give at least one of min, max, cpu, memory or concurrency");
    }
    List<String> problems = new ArrayList<>();
    int cpuMillis = current.cpuMillis();
    if (cpu.isPresent()) {
      try {
        cpuMillis = ScaleSettings.parseCpu(cpu.get());
      } catch (InvalidScaleException e) {
        problems.add(e.getMessage());
        cpuMillis = -1;
      }
    }
    int memoryMiB = current.memoryMiB();
    if (memory.isPresent()) {
      try {
        memoryMiB = ScaleSettings.parseMemory(memory.get());
      } catch (InvalidScaleException e) {
        problems.add(e.getMessage());
        memoryMiB = -1;
      }
    }
    ScaleSettings proposed =
        new ScaleSettings(
            whole(minInstances, "min", current.minInstances(), problems),
            whole(maxInstances, "max", current.maxInstances(), problems),
            whole(concurrency, "concurrency", current.concurrency(), problems),
            cpuMillis,
            memoryMiB);
    problems.addAll(problems(current, proposed, bounds));
    if (!problems.isEmpty()) {
      throw new InvalidScaleException(String.join("\n", problems));
    }
    if (proposed.changedFrom(current).isEmpty()) {
      throw new InvalidScaleException(
          "nothing to change: the service already runs with " + describe(current));
    }
    return proposed;
  }

  /**
   * A whole number that fits the settings, or the current value with the problem recorded when it
   * is beyond any sensible bound (where narrowing it would overflow).
   */
  private static int whole(Optional<Long> value, String name, int current, List<String> problems) {
    if (value.isEmpty()) {
      return current;
    }
    long v = value.get();
    if (v < -LARGEST || v > LARGEST) {
      problems.add(name + " " + v + " is out of range; it is far beyond what Cloud Run allows");
      return current;
    }
    return (int) v;
  }

  /**
   * Everything about {@code proposed} that Cloud Run or the bounds do not allow; fields that could
   * not be read are marked -1 and already reported.
   */
  public static List<String> problems(
      ScaleSettings current, ScaleSettings proposed, ScaleBounds bounds) {
    List<String> out = new ArrayList<>();
    int min = proposed.minInstances();
    int max = proposed.maxInstances();
    if (min < 0 || min > bounds.maxMinInstances()) {
      out.add(
          "min "
              + min
              + " is out of range; allowed here: 0 to "
              + bounds.maxMinInstances()
              + " (min instances are billed even when idle)");
    }
    if (max < 1 || max > bounds.maxInstances()) {
      out.add("max " + max + " is out of range; allowed here: 1 to " + bounds.maxInstances());
    }
    if (min > max) {
      out.add("min (" + min + ") must not be above max (" + max + ")");
    }
    if (Math.abs(max - current.maxInstances()) > bounds.maxStep()) {
      out.add(
          "max "
              + current.maxInstances()
              + " → "
              + max
              + " is a step of "
              + Math.abs(max - current.maxInstances())
              + "; one proposal may change it by at most "
              + bounds.maxStep());
    }
    if (Math.abs(min - current.minInstances()) > bounds.maxStep()) {
      out.add(
          "min "
              + current.minInstances()
              + " → "
              + min
              + " is a step of "
              + Math.abs(min - current.minInstances())
              + "; one proposal may change it by at most "
              + bounds.maxStep());
    }
    int c = proposed.concurrency();
    if (c < 1 || c > 1000) {
      out.add("concurrency " + c + " is out of range; allowed: 1 to 1000");
    }
    int cpu = proposed.cpuMillis();
    if (cpu >= 0) {
      boolean fractional = cpu >= 80 && cpu <= 1000;
      if (!fractional && !WHOLE_CPUS.contains(cpu)) {
        out.add(
            "cpu "
                + ScaleSettings.cpuText(cpu)
                + " is not a Cloud Run CPU size; allowed: 0.08 to 1, or 1, 2, 4, 6 or 8");
      } else if (cpu > bounds.maxCpuMillis()) {
        out.add(
            "cpu "
                + ScaleSettings.cpuText(cpu)
                + " is above this service's ceiling of "
                + ScaleSettings.cpuText(bounds.maxCpuMillis()));
      } else if (cpu < 1000 && c > 1) {
        out.add(
            "cpu below 1 needs concurrency 1 (Cloud Run); set cpu to at least 1 or concurrency to"
                + " 1");
      }
    }
    int mem = proposed.memoryMiB();
    if (mem >= 0) {
      if (mem < 128 || mem > 32 * 1024) {
        out.add(
            "memory " + ScaleSettings.memoryText(mem) + " is out of range; allowed: 128Mi to 32Gi");
      } else if (mem > bounds.maxMemoryMiB()) {
        out.add(
            "memory "
                + ScaleSettings.memoryText(mem)
                + " is above this service's ceiling of "
                + ScaleSettings.memoryText(bounds.maxMemoryMiB()));
      }
    }
    if (cpu >= 0 && mem >= 0) {
      int[][] memoryForCpu = {{4000, 2048}, {6000, 4096}, {8000, 4096}};
      for (int[] rule : memoryForCpu) {
        if (cpu >= rule[0] && mem < rule[1]) {
          out.add(
              ScaleSettings.cpuText(cpu)
                  + " CPU needs at least "
                  + rule[1] / 1024
                  + " GiB of memory (Cloud Run); memory would be "
                  + ScaleSettings.memoryText(mem));
          break;
        }
      }
      int[][] cpuForMemory = {{24576, 8000}, {16384, 6000}, {8192, 4000}, {4096, 2000}};
      for (int[] rule : cpuForMemory) {
        if (mem > rule[0] && cpu < rule[1]) {
          out.add(
              "memory above "
                  + rule[0] / 1024
                  + " GiB needs at least "
                  + rule[1] / 1000
                  + " CPU (Cloud Run); cpu would be "
                  + ScaleSettings.cpuText(cpu));
          break;
        }
      }
    }
    return out;
  }

  private static String describe(ScaleSettings s) {
    return "min "
        + s.minInstances()
        + ", max "
        + s.maxInstances()
        + ", "
        + s.text(ScaleSettings.Field.CPU)
        + ", "
        + s.text(ScaleSettings.Field.MEMORY)
        + ", concurrency "
        + s.concurrency();
  }
}
