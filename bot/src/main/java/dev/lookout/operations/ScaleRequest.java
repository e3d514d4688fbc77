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
      throw new InvalidScaleException(new ScaleProblem.NothingAsked());
    }
    List<ScaleProblem> problems = new ArrayList<>();
    int cpuMillis = current.cpuMillis();
    if (cpu.isPresent()) {
      try {
        cpuMillis = ScaleSettings.parseCpu(cpu.get());
      } catch (InvalidScaleException e) {
        problems.addAll(e.problems());
        cpuMillis = -1;
      }
    }
    int memoryMiB = current.memoryMiB();
    if (memory.isPresent()) {
      try {
        memoryMiB = ScaleSettings.parseMemory(memory.get());
      } catch (InvalidScaleException e) {
        problems.addAll(e.problems());
        memoryMiB = -1;
      }
    }
    ScaleSettings proposed =
        new ScaleSettings(
            whole(minInstances, ScaleSettings.Field.MIN, current.minInstances(), problems),
            whole(maxInstances, ScaleSettings.Field.MAX, current.maxInstances(), problems),
            whole(concurrency, ScaleSettings.Field.CONCURRENCY, current.concurrency(), problems),
            cpuMillis,
            memoryMiB);
    problems.addAll(problems(current, proposed, bounds));
    if (!problems.isEmpty()) {
      throw new InvalidScaleException(problems);
    }
    if (proposed.changedFrom(current).isEmpty()) {
      throw new InvalidScaleException(new ScaleProblem.NothingToChange(Optional.of(current)));
    }
    return proposed;
  }

  /**
   * A whole number that fits the settings, or the current value with the problem recorded when it
   * is beyond any sensible bound (where narrowing it would overflow).
   */
  private static int whole(
      Optional<Long> value, ScaleSettings.Field field, int current, List<ScaleProblem> problems) {
    if (value.isEmpty()) {
      return current;
    }
    long v = value.get();
    if (v < -LARGEST || v > LARGEST) {
      problems.add(new ScaleProblem.FarOutOfRange(field, v));
      return current;
    }
    return (int) v;
  }

  /**
   * Everything about {@code proposed} that Cloud Run or the bounds do not allow; fields that could
   * not be read are marked -1 and already reported.
   */
  public static List<ScaleProblem> problems(
      ScaleSettings current, ScaleSettings proposed, ScaleBounds bounds) {
    List<ScaleProblem> out = new ArrayList<>();
    int min = proposed.minInstances();
    int max = proposed.maxInstances();
    if (min < 0 || min > bounds.maxMinInstances()) {
      out.add(
          new ScaleProblem.OutOfRange(ScaleSettings.Field.MIN, min, 0, bounds.maxMinInstances()));
    }
    if (max < 1 || max > bounds.maxInstances()) {
      out.add(new ScaleProblem.OutOfRange(ScaleSettings.Field.MAX, max, 1, bounds.maxInstances()));
    }
    if (min > max) {
      out.add(new ScaleProblem.MinAboveMax(min, max));
    }
    if (Math.abs(max - current.maxInstances()) > bounds.maxStep()) {
      out.add(
          new ScaleProblem.StepTooBig(
              ScaleSettings.Field.MAX, current.maxInstances(), max, bounds.maxStep()));
    }
    if (Math.abs(min - current.minInstances()) > bounds.maxStep()) {
      out.add(
          new ScaleProblem.StepTooBig(
              ScaleSettings.Field.MIN, current.minInstances(), min, bounds.maxStep()));
    }
    int c = proposed.concurrency();
    if (c < 1 || c > 1000) {
      out.add(new ScaleProblem.OutOfRange(ScaleSettings.Field.CONCURRENCY, c, 1, 1000));
    }
    int cpu = proposed.cpuMillis();
    if (cpu >= 0) {
      boolean fractional = cpu >= 80 && cpu <= 1000;
      if (!fractional && !WHOLE_CPUS.contains(cpu)) {
        out.add(new ScaleProblem.NotACpuSize(cpu));
      } else if (cpu > bounds.maxCpuMillis()) {
        out.add(new ScaleProblem.AboveCeiling(ScaleSettings.Field.CPU, cpu, bounds.maxCpuMillis()));
      } else if (cpu < 1000 && c > 1) {
        out.add(new ScaleProblem.FractionalCpuNeedsConcurrencyOne());
      }
    }
    int mem = proposed.memoryMiB();
    if (mem >= 0) {
      if (mem < 128 || mem > 32 * 1024) {
        out.add(new ScaleProblem.OutOfRange(ScaleSettings.Field.MEMORY, mem, 128, 32 * 1024));
      } else if (mem > bounds.maxMemoryMiB()) {
        out.add(
            new ScaleProblem.AboveCeiling(ScaleSettings.Field.MEMORY, mem, bounds.maxMemoryMiB()));
      }
    }
    if (cpu >= 0 && mem >= 0) {
      int[][] memoryForCpu = {{4000, 2048}, {6000, 4096}, {8000, 4096}};
      for (int[] rule : memoryForCpu) {
        if (cpu >= rule[0] && mem < rule[1]) {
          out.add(new ScaleProblem.CpuNeedsMemory(cpu, rule[1], mem));
          break;
        }
      }
      int[][] cpuForMemory = {{24576, 8000}, {16384, 6000}, {8192, 4000}, {4096, 2000}};
      for (int[] rule : cpuForMemory) {
        if (mem > rule[0] && cpu < rule[1]) {
          out.add(new ScaleProblem.MemoryNeedsCpu(rule[0], rule[1], cpu));
          break;
        }
      }
    }
    return out;
  }
}
