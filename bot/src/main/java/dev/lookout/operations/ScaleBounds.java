package dev.lookout.operations;

/**
 * How far a service may be scaled from chat, from configuration: ceilings on instances and
 * resources, and the largest step a single proposal may take.
 *
 * @param maxInstances the highest max-instances a proposal may set
 * @param maxMinInstances the highest min-instances (reserved, always-billed capacity)
 * @param maxStep the largest change of min or max instances in one proposal
 * @param maxCpuMillis the most CPU per instance
 * @param maxMemoryMiB the most memory per instance
 */
public record ScaleBounds(
    int maxInstances, int maxMinInstances, int maxStep, int maxCpuMillis, int maxMemoryMiB) {
  public ScaleBounds {
    if (maxInstances < 1
        || maxMinInstances < 0
        || maxMinInstances > maxInstances
        || maxStep < 1
        || maxCpuMillis < 80
        || maxMemoryMiB < 128) {
      throw new IllegalArgumentException(
          "scaling bounds need max_instances >= 1, 0 <= max_min_instances <= max_instances,"
              + " max_step >= 1, max_cpu >= 0.08 and max_memory >= 128Mi");
    }
  }

  public static ScaleBounds defaults() {
    return new ScaleBounds(100, 10, 20, 4000, 8192);
  }
}
