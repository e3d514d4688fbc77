package dev.lookout.simulator;

import dev.lookout.simulator.model.ServiceProfile;
import dev.lookout.simulator.model.SimulatedProject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * How to boot a simulator: where it listens, its seed and speed, the services and how much history
 * to simulate before it starts answering.
 *
 * @param grpcPort port of the Google APIs; 0 picks a free one
 * @param httpPort port of the load endpoints; 0 picks a free one
 * @param speed virtual seconds per wall second; 0 runs nothing until {@link Simulator#advance}
 * @param start the virtual instant the simulator answers from; history runs up to it
 * @param history how much simulated time is run, quickly, before start
 * @param retention how long metrics and logs are kept
 * @param rolloutDelay how long (virtual) a Cloud Run update takes to finish
 * @param archive how much time before the history is kept hour by hour, each hour summarized from
 *     one simulated minute: cheap months of metrics for report benchmarks
 */
public record SimulatorConfig(
    String projectId,
    String region,
    String host,
    int grpcPort,
    int httpPort,
    long seed,
    double speed,
    Instant start,
    Duration history,
    Duration retention,
    int logEntriesPerService,
    Duration rolloutDelay,
    List<ServiceProfile> services,
    Duration archive) {

  public SimulatorConfig {
    services = List.copyOf(services);
    if (archive.isNegative() || archive.toSeconds() % 3600 != 0) {
      throw new IllegalArgumentException("archive must be whole hours >= 0");
    }
    if (history.isNegative() || retention.compareTo(Duration.ofMinutes(5)) < 0) {
      throw new IllegalArgumentException("history must be >= 0 and retention >= 5m");
    }
  }

  /** Defaults for tests: a fixed start, manual time, the default world, ephemeral ports. */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(
        "lookout-demo",
        "us-central1",
        "127.0.0.1",
        0,
        0,
        42,
        0,
        Instant.parse("2026-11-22T10:00:00Z"),
        Duration.ZERO,
        Duration.ofHours(48),
        20_000,
        Duration.ofSeconds(10),
        SimulatedProject.defaultServices(),
        Duration.ZERO);
  }

  /**
   * The demo's world: real time at sixty times speed, with a day and a bit of history behind it so
   * that yesterday's report has something in it.
   */
  public static SimulatorConfig demo() {
    return defaults()
        .withSpeed(60)
        .withStart(Instant.now().truncatedTo(ChronoUnit.MINUTES))
        .withHistory(Duration.ofHours(26));
  }

  public SimulatorConfig withPorts(int grpc, int http) {
    return new SimulatorConfig(
        projectId,
        region,
        host,
        grpc,
        http,
        seed,
        speed,
        start,
        history,
        retention,
        logEntriesPerService,
        rolloutDelay,
        services,
        archive);
  }

  public SimulatorConfig withSeed(long newSeed) {
    return new SimulatorConfig(
        projectId,
        region,
        host,
        grpcPort,
        httpPort,
        newSeed,
        speed,
        start,
        history,
        retention,
        logEntriesPerService,
        rolloutDelay,
        services,
        archive);
  }

  public SimulatorConfig withSpeed(double newSpeed) {
    return new SimulatorConfig(
        projectId,
        region,
        host,
        grpcPort,
        httpPort,
        seed,
        newSpeed,
        start,
        history,
        retention,
        logEntriesPerService,
        rolloutDelay,
        services,
        archive);
  }

  public SimulatorConfig withStart(Instant newStart) {
    return new SimulatorConfig(
        projectId,
        region,
        host,
        grpcPort,
        httpPort,
        seed,
        speed,
        newStart,
        history,
        retention,
        logEntriesPerService,
        rolloutDelay,
        services,
        archive);
  }

  public SimulatorConfig withHistory(Duration newHistory) {
    return new SimulatorConfig(
        projectId,
        region,
        host,
        grpcPort,
        httpPort,
        seed,
        speed,
        start,
        newHistory,
        retention,
        logEntriesPerService,
        rolloutDelay,
        services,
        archive);
  }

  public SimulatorConfig withRolloutDelay(Duration delay) {
    return new SimulatorConfig(
        projectId,
        region,
        host,
        grpcPort,
        httpPort,
        seed,
        speed,
        start,
        history,
        retention,
        logEntriesPerService,
        delay,
        services,
        archive);
  }

  public SimulatorConfig withArchive(Duration newArchive) {
    return new SimulatorConfig(
        projectId,
        region,
        host,
        grpcPort,
        httpPort,
        seed,
        speed,
        start,
        history,
        retention,
        logEntriesPerService,
        rolloutDelay,
        services,
        newArchive);
  }

  public SimulatorConfig withServices(List<ServiceProfile> newServices) {
    return new SimulatorConfig(
        projectId,
        region,
        host,
        grpcPort,
        httpPort,
        seed,
        speed,
        start,
        history,
        retention,
        logEntriesPerService,
        rolloutDelay,
        newServices,
        archive);
  }

  public SimulatorConfig withProject(String newProjectId, String newRegion) {
    return new SimulatorConfig(
        newProjectId,
        newRegion,
        host,
        grpcPort,
        httpPort,
        seed,
        speed,
        start,
        history,
        retention,
        logEntriesPerService,
        rolloutDelay,
        services,
        archive);
  }
}
