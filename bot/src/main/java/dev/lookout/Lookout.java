package dev.lookout;

import dev.lookout.cloud.CloudRunHealthSource;
import dev.lookout.cloud.GoogleClients;
import dev.lookout.config.LookoutConfig;
import dev.lookout.discord.DiscordConnection;
import dev.lookout.discord.InteractionMetrics;
import dev.lookout.health.HealthReports;
import dev.lookout.store.Database;
import dev.lookout.store.Outbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Lookout: config, then database, Google clients, features and the Discord connection, in
 * that order, and closed in reverse.
 */
public final class Lookout implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Lookout.class);

  private final Database database;
  private final GoogleClients clients;
  private final Features features;
  private final HttpEndpoints http;
  private final Leadership leadership;
  private volatile JDA jda;
  private volatile boolean closed;

  private Lookout(LookoutConfig config, Clock clock, Runnable onLeadershipLost)
      throws InterruptedException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.database = open(config);
    var calls = new dev.lookout.cloud.GoogleCallMetrics(registry, clock);
    try {
      this.clients = GoogleClients.create(config.google().endpoint(), java.util.List.of(calls));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    this.leadership =
        new Leadership(
            new dev.lookout.store.LeaderLease(database, holderName(), config.storage().lease()),
            database);
    CloudRunHealthSource health =
        new CloudRunHealthSource(
            clients,
            config.google().projectId(),
            config.google().region(),
            clock,
            // Only the benchmark turns sharing off, to measure the path without it.
            !Boolean.getBoolean("lookout.bench.unshared"));
    HealthReports reports = new HealthReports(health, clock);
    InteractionMetrics metrics =
        (what, nanos, failed) ->
            Timer.builder("lookout.interaction")
                .description("Time to handle a command or component")
                .tag("what", what)
                .tag("outcome", failed ? "error" : "ok")
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    this.features =
        new Features(
            config,
            database,
            health,
            reports,
            new dev.lookout.cloud.CloudRunLogs(clients, config.google().projectId()),
            () -> jda,
            clock,
            metrics,
            new dev.lookout.cloud.CloudRunScaling(
                clients, config.google().projectId(), config.google().region()),
            new dev.lookout.cloud.HttpLoadTarget(
                config.loadUrls(),
                dev.lookout.cloud.HttpLoadTarget.fromCloudRun(
                    clients, config.google().projectId(), config.google().region())),
            new dev.lookout.cloud.CloudRunUsage(clients, config.google().projectId()),
            () -> leadership.fence());
    Gauge.builder("lookout.outbox.backlog", features.outbox(), Lookout::backlog)
        .description("Messages queued for Discord and not yet delivered")
        .register(registry);
    this.http =
        new HttpEndpoints(
            config.httpPort(),
            () -> jda,
            database,
            calls::lastSuccess,
            () -> leadership.role().name().toLowerCase(java.util.Locale.ROOT),
            leadership::holder,
            registry,
            config.intake().isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(
                    new dev.lookout.intake.IntakeEndpoint(config.intake(), features.intake())));
    // A standby waits here, answering /healthz, until the lease is free. Embedded H2 is one
    // process's by its file lock, so there the lease is taken at once.
    boolean exclusive = database.dialect() == Database.Dialect.H2;
    if (!leadership.awaitLeadership(exclusive)) {
      throw new InterruptedException("stopped while standing by");
    }
    this.jda = DiscordConnection.connect(config.discord(), features.router());
    features.start();
    leadership.keepRenewing(
        () -> {
          stopActing();
          onLeadershipLost.run();
        });
    LOG.info("Lookout is connected as {}", jda.getSelfUser().getName());
  }

  /** Starts Lookout and returns once it leads; a leader that loses its lease stops acting. */
  public static Lookout start(LookoutConfig config, Clock clock) throws InterruptedException {
    return new Lookout(config, clock, () -> {});
  }

  /**
   * Starts Lookout as a process does: returns once it leads, and runs {@code onLeadershipLost}
   * (which ends the process, so that it starts again as a standby) if it ever loses the lease.
   */
  public static Lookout start(LookoutConfig config, Clock clock, Runnable onLeadershipLost)
      throws InterruptedException {
    return new Lookout(config, clock, onLeadershipLost);
  }

  private static Database open(LookoutConfig config) {
    var storage = config.storage();
    if (storage.url().isEmpty()) {
      if (storage.production()) {
        LOG.warn(
            "State lives in embedded H2 on local disk ({}). On Cloud Run that disk is memory and"
                + " is lost on every restart, and a second instance cannot share it: set"
                + " LOOKOUT_DATABASE_URL to a PostgreSQL database (Cloud SQL).",
            config.dataDirectory().toAbsolutePath());
      }
      return Database.inDirectory(config.dataDirectory());
    }
    Database.Location location =
        new Database.Location(storage.url().get(), storage.user(), storage.password().orElse(""));
    LOG.info("State lives in {}", location);
    return Database.open(location);
  }

  /** This process as the lease names it: host, process id and a random part. */
  private static String holderName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "unknown-host";
    }
    return host
        + ":"
        + ProcessHandle.current().pid()
        + ":"
        + Long.toString(new java.security.SecureRandom().nextLong() & 0xffffffL, 36);
  }

  /** Stops everything that acts: routines, the outbox sender, the gateway session. */
  private synchronized void stopActing() {
    features.close();
    if (jda != null) {
      jda.shutdownNow();
    }
  }

  public JDA jda() {
    return jda;
  }

  /** The outbox backlog for the gauge; -1 while the database does not answer. */
  private static double backlog(Outbox outbox) {
    try {
      return outbox.backlog();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  public Features features() {
    return features;
  }

  public int httpPort() {
    return http.port();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopActing();
    if (jda != null) {
      try {
        jda.awaitShutdown(java.time.Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Only once nothing acts any more: a standby may take over at once.
    leadership.close();
    http.close();
    clients.close();
    database.close();
  }
}
