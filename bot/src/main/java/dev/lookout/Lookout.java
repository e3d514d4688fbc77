package dev.lookout;

import dev.lookout.cloud.CloudRunHealthSource;
import dev.lookout.cloud.GoogleClients;
import dev.lookout.config.LookoutConfig;
import dev.lookout.discord.DiscordConnection;
import dev.lookout.discord.InteractionMetrics;
import dev.lookout.health.HealthReports;
import dev.lookout.store.Database;
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
  private volatile JDA jda;

  private Lookout(LookoutConfig config, Clock clock) throws InterruptedException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.database = Database.inDirectory(config.dataDirectory());
    this.clients =
        GoogleClients.create(
            config.google().endpoint(),
            java.util.List.of(new dev.lookout.cloud.GoogleCallMetrics(registry)));
    CloudRunHealthSource health =
        new CloudRunHealthSource(
            clients, config.google().projectId(), config.google().region(), clock);
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
            new dev.lookout.cloud.CloudRunUsage(clients, config.google().projectId()));
    this.http = new HttpEndpoints(config.httpPort(), () -> jda, database, reports, registry);
    this.jda = DiscordConnection.connect(config.discord(), features.router());
    features.start();
    LOG.info("Lookout is connected as {}", jda.getSelfUser().getName());
  }

  public static Lookout start(LookoutConfig config, Clock clock) throws InterruptedException {
    return new Lookout(config, clock);
  }

  public JDA jda() {
    return jda;
  }

  public Features features() {
    return features;
  }

  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    if (jda != null) {
      jda.shutdownNow();
    }
    features.close();
    http.close();
    clients.close();
    database.close();
  }
}
