package dev.lookout.simulator.model;

/**
 * How a simulated service behaves: its traffic, the work each request costs and what it is built
 * with. The Admin API cannot change any of this; it changes the {@link ServiceSpec}.
 *
 * @param baseRps mean arrivals per second before the scenario's traffic factor
 * @param inputTokensMean mean prompt tokens per request (0 for services that are not LLM calls)
 * @param outputTokensMean mean completion tokens per request
 * @param baseWorkMillis work per request not explained by tokens
 * @param millisPerInputToken work per prompt token
 * @param millisPerOutputToken work per completion token
 * @param cpuPerBusySlot vCPUs one request in progress keeps busy
 * @param baseMemoryMiB memory an idle instance uses
 * @param memoryPerBusySlotMiB memory each request in progress adds
 * @param leakMiBPerRequest memory never given back per request (the memory-leak scenario)
 * @param coldStartMillis mean time from starting an instance to it being ready
 * @param upstreamTimeoutRate fraction of requests whose upstream call times out
 * @param upstreamTimeoutSeconds how long such a request hangs before failing
 * @param slowRequestMillis requests slower than this are logged as slow
 * @param exportsQueueDepth whether the service writes its backlog as a custom metric
 * @param queueCapacity how many requests the backlog holds before new ones are rejected
 * @param language the runtime, which shapes its log lines and stack traces
 */
public record ServiceProfile(
    String name,
    Scenario scenario,
    ServiceSpec spec,
    double baseRps,
    double inputTokensMean,
    double outputTokensMean,
    double baseWorkMillis,
    double millisPerInputToken,
    double millisPerOutputToken,
    double cpuPerBusySlot,
    double baseMemoryMiB,
    double memoryPerBusySlotMiB,
    double leakMiBPerRequest,
    double coldStartMillis,
    double upstreamTimeoutRate,
    int upstreamTimeoutSeconds,
    double slowRequestMillis,
    boolean exportsQueueDepth,
    long queueCapacity,
    Language language) {

  /** Service names follow Cloud Run's rules: lowercase letters, digits and hyphens. */
  public ServiceProfile {
    if (!name.matches("[a-z]([-a-z0-9]{0,47}[a-z0-9])?")) {
      throw new IllegalArgumentException(
          "service name '"
              + name
              + "' is not valid: use 1-49 lowercase letters, digits and hyphens, starting with a"
              + " letter");
    }
  }

  /** The runtime a service is written in. */
  public enum Language {
    PYTHON,
    JAVA,
    NODE
  }

  /** The hackathon's LLM consumer: token-heavy requests drained from a queue by few workers. */
  public static ServiceProfile llmConsumer(String name, Scenario scenario) {
    return new ServiceProfile(
        name,
        scenario,
        new ServiceSpec(1, 10, 4, 1000, 1024, 300),
        0.9,
        800,
        250,
        150,
        0.4,
        18,
        0.12,
        310,
        45,
        0,
        4200,
        0.004,
        30,
        10_000,
        true,
        5_000,
        Language.PYTHON);
  }

  /** A JSON API: many short requests per instance, CPU bound. */
  public static ServiceProfile webApi(String name, Scenario scenario) {
    return new ServiceProfile(
        name,
        scenario,
        new ServiceSpec(1, 20, 80, 1000, 512, 60),
        22,
        0,
        0,
        45,
        0,
        0,
        0.022,
        180,
        1.5,
        0,
        1800,
        0.001,
        10,
        800,
        false,
        2_000,
        Language.JAVA);
  }

  /** A batch-ish worker: medium requests, memory hungry, a small queue of jobs. */
  public static ServiceProfile worker(String name, Scenario scenario) {
    return new ServiceProfile(
        name,
        scenario,
        new ServiceSpec(0, 8, 8, 2000, 1024, 120),
        1.5,
        0,
        0,
        1400,
        0,
        0,
        0.2,
        260,
        60,
        scenario == Scenario.MEMORY_LEAK ? 0.9 : 0,
        2600,
        0.002,
        20,
        5_000,
        true,
        2_000,
        Language.NODE);
  }

  /** A copy with another scenario, keeping the shape. */
  public ServiceProfile withScenario(Scenario other) {
    return new ServiceProfile(
        name,
        other,
        spec,
        baseRps,
        inputTokensMean,
        outputTokensMean,
        baseWorkMillis,
        millisPerInputToken,
        millisPerOutputToken,
        cpuPerBusySlot,
        baseMemoryMiB,
        memoryPerBusySlotMiB,
        other == Scenario.MEMORY_LEAK && leakMiBPerRequest == 0 ? 0.9 : leakMiBPerRequest,
        coldStartMillis,
        upstreamTimeoutRate,
        upstreamTimeoutSeconds,
        slowRequestMillis,
        exportsQueueDepth,
        queueCapacity,
        language);
  }
}
