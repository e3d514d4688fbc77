package dev.lookout;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.lookout.config.ConfigException;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.demo.DemoWorld;
import dev.lookout.demo.TerminalChat;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * Starts Lookout: loads the configuration and wires. With no {@code DISCORD_TOKEN} and no {@code
 * GOOGLE_CLOUD_PROJECT} it runs in demo mode: the simulator starts in-process, the bot connects to
 * it through its normal code path, and a terminal chat lets a person play a Discord member.
 */
public final class LookoutMain {
  private LookoutMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    boolean demo = ConfigLoader.demoMode(env);
    LookoutConfig config;
    Optional<Path> file;
    try {
      file = configFile(env);
      config =
          demo && file.isEmpty()
              ? ConfigLoader.demoDefaults(env)
              : ConfigLoader.load(file, env, demo);
    } catch (ConfigException e) {
      System.err.println("lookout: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (config.jsonLogs()) {
      useJsonLogs();
    }
    boolean terminal = demo && System.console() != null;
    if (terminal) {
      // The chat owns the terminal; only warnings and errors interrupt it.
      ((LoggerContext) LoggerFactory.getILoggerFactory())
          .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
          .setLevel(Level.WARN);
    }

    DemoWorld world = null;
    Clock clock = Clock.systemUTC();
    if (demo) {
      System.out.println("Lookout demo mode: no DISCORD_TOKEN and no GOOGLE_CLOUD_PROJECT.");
      System.out.println("Starting the simulated Cloud Run project and Discord...");
      java.nio.file.Path data = config.dataDirectory();
      java.nio.file.Files.createDirectories(data);
      world =
          DemoWorld.start(
              SimulatorConfig.demo()
                  .withStart(dev.lookout.demo.DemoTime.start(data, java.time.Instant.now())),
              DiscordConfig.defaults());
      dev.lookout.demo.DemoTime.keep(data, world.clock());
      config = world.configure(config);
      if (file.isEmpty()) {
        // Time runs 60 times faster here: 15 virtual minutes would leave a person 15 seconds to
        // try the Approve button, so demo proposals wait 15 virtual hours (15 minutes).
        var ops = config.operations();
        config =
            config.withOperations(
                new LookoutConfig.Operations(
                    ops.proposals().withExpiry(Duration.ofHours(15)), ops.drills(), ops.pricing()));
      }
      if (env.get("PORT") == null) {
        config = config.withHttpPort(0);
      }
      clock = world.clock();
    }
    Lookout bot;
    try {
      // A leader that loses its lease ends the process; Cloud Run (or systemd) starts it again,
      // and it comes back as a standby.
      bot =
          Lookout.start(
              config,
              clock,
              () -> {
                System.err.println("lookout: lost the leader lease to another instance; exiting");
                Runtime.getRuntime().halt(3);
              });
    } catch (dev.lookout.cloud.GoogleClients.MissingCredentialsException e) {
      System.err.println("lookout: " + e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      if (world != null) {
        world.close();
      }
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    DemoWorld demoWorld = world;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  bot.close();
                  if (demoWorld != null) {
                    demoWorld.close();
                  }
                  stopped.countDown();
                }));
    System.out.println("Lookout is ready. /healthz and /metrics on port " + bot.httpPort() + ".");
    if (world != null) {
      System.out.println("  Google APIs (simulated): " + world.cloud().grpcEndpoint());
      System.out.println("  Discord control API:     " + world.discord().controlUrl());
      // The simulated project's alert policies notify the bot as a webhook channel would.
      for (dev.lookout.intake.IntakeSource s : config.intake()) {
        if (s.kind() == dev.lookout.intake.IntakeSource.Kind.CLOUD_MONITORING) {
          world
              .cloud()
              .policies()
              .sendTo(
                  java.net.URI.create(
                      "http://127.0.0.1:" + bot.httpPort() + "/intake/cloud-monitoring"),
                  s.token());
          break;
        }
      }
      if (!config.intake().isEmpty()) {
        System.out.println(
            "  Alert intake:            http://127.0.0.1:"
                + bot.httpPort()
                + "/intake/cloud-monitoring and /intake/alertmanager");
        System.out.println("  Intake token: " + config.intake().get(0).token());
      }
      System.out.println(
          "  Load endpoints:          " + world.cloud().loadBaseUrl() + "/services/{name}");
    }
    if (terminal) {
      new TerminalChat(world.discord(), config.dataDirectory().resolve("demo-charts"), System.out)
          .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
      System.exit(0);
    } else {
      if (demo) {
        System.out.println(
            "No terminal: running headless until stopped; drive it through the control API.");
      }
      stopped.await();
    }
  }

  private static Optional<Path> configFile(Map<String, String> env) {
    String named = env.get("LOOKOUT_CONFIG");
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named));
    }
    Path local = Path.of("lookout.yaml");
    return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
  }

  private static void useJsonLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    CloudLoggingLayout layout = new CloudLoggingLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("JSON");
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
  }
}
