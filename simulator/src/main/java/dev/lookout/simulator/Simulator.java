package dev.lookout.simulator;

import dev.lookout.simulator.gcp.LoggingService;
import dev.lookout.simulator.gcp.MonitoringService;
import dev.lookout.simulator.gcp.Operations;
import dev.lookout.simulator.gcp.RunServices;
import dev.lookout.simulator.load.LoadEndpoints;
import dev.lookout.simulator.model.SimulatedProject;
import dev.lookout.simulator.model.VirtualClock;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running simulated Cloud Run project: the Google APIs over gRPC and the load endpoints over
 * HTTP, on the loopback interface. Start one in-process with {@link #start}; close it to stop.
 */
public final class Simulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

  private final SimulatorConfig config;
  private final SimulatedProject project;
  private final LoadEndpoints load;
  private final RunServices run;
  private final Operations operations;
  private final MonitoringService monitoring;
  private final LoggingService logging;
  private final dev.lookout.simulator.gcp.AlertPolicies policies;
  private volatile Server grpc;
  private final ScheduledExecutorService ticker;

  private Simulator(SimulatorConfig config) {
    this.config = config;
    VirtualClock clock =
        new VirtualClock(
            config.start().minus(config.history()).minus(config.archive()), config.speed());
    java.time.Duration keep = config.archive().plus(config.history()).plusHours(1);
    this.project =
        new SimulatedProject(
            config.projectId(),
            config.region(),
            clock,
            config.seed(),
            config.services(),
            config.archive().isZero() || keep.compareTo(config.retention()) <= 0
                ? config.retention()
                : keep,
            config.logEntriesPerService());
    project.archive(config.archive().toHours());
    project.advance(config.history());
    this.load = new LoadEndpoints(project, config.host(), config.httpPort());
    this.operations = new Operations(project);
    this.monitoring = new MonitoringService(project);
    this.logging = new LoggingService(project);
    // After the history: policies judge the minutes that pass while the simulator runs.
    this.policies =
        new dev.lookout.simulator.gcp.AlertPolicies(
            project, dev.lookout.simulator.gcp.AlertPolicies.defaults());
    this.run =
        new RunServices(
            project,
            operations,
            "http://" + config.host() + ":" + load.port(),
            config.rolloutDelay());
    try {
      this.grpc = startGrpc(config.grpcPort());
    } catch (UncheckedIOException e) {
      load.close();
      throw e;
    }
    this.ticker = config.speed() > 0 ? startTicker(clock) : null;
  }

  private Server startGrpc(int port) {
    try {
      return NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), port))
          .addService(monitoring)
          .addService(logging)
          .addService(run)
          .addService(operations)
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + config.host() + ":" + port, e);
    }
  }

  /**
   * Takes the Google APIs down (every call then fails as an unreachable Google would) or brings
   * them back on the same port. The model keeps running meanwhile.
   */
  public synchronized void googleApisDown(boolean down) {
    if (down && !grpc.isShutdown()) {
      int port = grpc.getPort();
      grpc.shutdownNow();
      try {
        grpc.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      downPort = port;
    } else if (!down && grpc.isShutdown()) {
      grpc = startGrpc(downPort);
    }
  }

  private int downPort;

  /** Boots a simulator; its history has already run when this returns. */
  public static Simulator start(SimulatorConfig config) {
    return new Simulator(config);
  }

  /** Moves virtual time in real time at the configured speed, catching up after pauses. */
  private ScheduledExecutorService startTicker(VirtualClock clock) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "simulator-ticker");
              t.setDaemon(true);
              return t;
            });
    long wallStart = System.nanoTime();
    Instant virtualStart = clock.instant();
    executor.scheduleAtFixedRate(
        () -> {
          try {
            double elapsed = (System.nanoTime() - wallStart) / 1e9 * clock.speed();
            Instant target = virtualStart.plusMillis((long) (elapsed * 1000));
            Duration behind = Duration.between(clock.instant(), target);
            if (!behind.isNegative()) {
              project.advance(behind);
            }
          } catch (RuntimeException e) {
            // An uncaught exception would cancel every later tick.
            LOG.error("simulator tick failed", e);
          }
        },
        0,
        50,
        TimeUnit.MILLISECONDS);
    return executor;
  }

  /** The project's Cloud Monitoring alert policies and their webhook channel. */
  public dev.lookout.simulator.gcp.AlertPolicies policies() {
    return policies;
  }

  public SimulatedProject project() {
    return project;
  }

  public SimulatorConfig config() {
    return config;
  }

  /** The Cloud Run Admin API as this simulator serves it, for reading a service's state. */
  public RunServices run() {
    return run;
  }

  /** {@code host:port} of the Google APIs, as the clients' endpoint override wants it. */
  public String grpcEndpoint() {
    return config.host() + ":" + grpcPort();
  }

  public int grpcPort() {
    return grpc.isShutdown() ? downPort : grpc.getPort();
  }

  public int httpPort() {
    return load.port();
  }

  /** Base URL of the load endpoints; each service's are under {@code /services/{name}}. */
  public String loadBaseUrl() {
    return "http://" + config.host() + ":" + load.port();
  }

  /** Moves virtual time forward by hand (tests use speed 0 and call this). */
  public void advance(Duration duration) {
    project.advance(duration);
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    policies.close();
    grpc.shutdownNow();
    load.close();
    try {
      grpc.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
