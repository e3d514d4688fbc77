package dev.lookout.crash;

import dev.lookout.demo.DemoWorld;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Lookout bot in a process of its own, in production mode (a token and a project, so no demo),
 * connected to a simulated Discord and Google project that the test runs: as a user would deploy it
 * against endpoints it does not own. It can be killed with SIGKILL, stopped with SIGTERM and
 * started again on the same database.
 */
public final class BotProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final DemoWorld world;
  private final Map<String, String> database;
  private final Path config;
  private final Path logs;
  private final String name;
  private final int port;
  private Process process;
  private int starts;

  /**
   * The simulated world as a production bot sees it: its clock is the wall clock, so the simulated
   * project runs in real time from now.
   */
  public static DemoWorld world() {
    return DemoWorld.start(
        SimulatorConfig.defaults()
            .withSpeed(1)
            .withStart(java.time.Instant.now())
            .withHistory(Duration.ofMinutes(20))
            .withRolloutDelay(Duration.ofSeconds(2)),
        DiscordConfig.defaults());
  }

  /**
   * @param database the environment that says where state lives: {@code LOOKOUT_DATA_DIR} for H2 or
   *     {@code LOOKOUT_DATABASE_URL}
   */
  public BotProcess(
      String name, DemoWorld world, Map<String, String> database, String yaml, Path dir)
      throws IOException {
    this.name = name;
    this.world = world;
    this.database = database;
    this.config = dir.resolve(name + ".yaml");
    Files.writeString(config, yaml);
    this.logs = dir;
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
  }

  public void start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.lookout.LookoutMain");
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("LOOKOUT_") || k.startsWith("DISCORD_"));
    env.put("DISCORD_TOKEN", world.discord().botToken());
    env.put("DISCORD_GUILD_ID", Long.toString(world.discord().guildId()));
    env.put("DISCORD_REST_URL", world.discord().restBaseUrl());
    env.put("DISCORD_GATEWAY_URL", world.discord().gatewayUrl());
    env.put("GOOGLE_CLOUD_PROJECT", world.cloud().config().projectId());
    env.put("GOOGLE_CLOUD_REGION", world.cloud().config().region());
    env.put("GOOGLE_API_ENDPOINT", world.cloud().grpcEndpoint());
    env.put("LOOKOUT_CONFIG", config.toString());
    env.put("PORT", Integer.toString(port));
    env.putAll(database);
    starts++;
    pb.redirectErrorStream(true);
    pb.redirectOutput(logs.resolve(name + "-" + starts + ".log").toFile());
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    process = pb.start();
  }

  /** Waits until {@code /healthz} reports this process with the given role. */
  public void awaitRole(String role, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log());
      }
      if (role().equals(role)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " did not become " + role + " in " + timeout + "; " + log());
  }

  /** The role {@code /healthz} reports, or {@code down}. */
  public String role() {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      var m = java.util.regex.Pattern.compile("\"role\":\"(\\w+)\"").matcher(r.body());
      String role = m.find() ? m.group(1) : "unknown";
      return role.equals("leader") && r.statusCode() != 200 ? "starting" : role;
    } catch (IOException e) {
      return "down";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "down";
    }
  }

  /** How many messages wait in the outbox, from {@code /metrics}; -1 when it cannot be read. */
  public int backlog() {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      var m =
          java.util.regex.Pattern.compile("(?m)^lookout_outbox_backlog(?:\\{[^}]*})? (\\S+)$")
              .matcher(r.body());
      return m.find() ? (int) Double.parseDouble(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Waits until the outbox has nothing left to send. */
  public void awaitDrained(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (backlog() != 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(name + "'s outbox did not drain in " + timeout + "; " + log());
      }
      Thread.sleep(100);
    }
  }

  /** SIGKILL: no shutdown hook, no flush, nothing handed over. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, as Cloud Run sends before it stops an instance. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** SIGSTOP: the process freezes as a long GC pause or a throttled CPU would freeze it. */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: the paused process runs on, unaware of the time it lost. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** Waits for the process to end and returns its exit status. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still runs after " + timeout + "; see " + log());
    }
    return process.exitValue();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public Path log() {
    return logs.resolve(name + "-" + starts + ".log");
  }

  @Override
  public void close() throws InterruptedException {
    if (alive()) {
      kill();
    }
  }
}
