package dev.lookout;

import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.demo.DemoWorld;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordConfig;
import dev.lookout.simulator.discord.DiscordModel.Message;
import dev.lookout.simulator.discord.InteractionHandle;
import dev.lookout.simulator.discord.SimulatedDiscord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The bot as it runs in production, connected through JDA and the official Google clients to the
 * simulated Cloud Run project and Discord. Time moves only when a test advances it.
 */
public final class BotFixture implements AutoCloseable {
  public static final Duration REPLY = Duration.ofSeconds(30);

  public final DemoWorld world;
  public Lookout bot;
  public final Path dataDir;
  private LookoutConfig config;

  public BotFixture() throws Exception {
    this(SimulatorConfig.defaults().withHistory(Duration.ofHours(2)));
  }

  public BotFixture(SimulatorConfig cloud) throws Exception {
    this(cloud, DiscordConfig.defaults(), c -> c);
  }

  public BotFixture(
      SimulatorConfig cloud,
      DiscordConfig discord,
      java.util.function.UnaryOperator<LookoutConfig> adjust)
      throws Exception {
    dataDir = Files.createTempDirectory("lookout-it");
    world = DemoWorld.start(cloud, discord);
    config =
        adjust.apply(
            world
                .configure(ConfigLoader.demoDefaults(Map.of()))
                .withDataDirectory(dataDir)
                .withHttpPort(0));
    bot = Lookout.start(config, world.clock());
  }

  /** Stops the bot as a crash or a deploy would, and starts it again on the same database. */
  public void restartBot() throws Exception {
    stopBot();
    startBot();
  }

  /**
   * Starts the bot again on the same database with its configuration changed, as a deploy would.
   */
  public void restartBot(java.util.function.UnaryOperator<LookoutConfig> adjust) throws Exception {
    stopBot();
    config = adjust.apply(config);
    startBot();
  }

  /** Stops the bot; the simulated world goes on without it until {@link #startBot()}. */
  public void stopBot() {
    bot.close();
  }

  /** Starts the bot again on the same database. */
  public void startBot() throws Exception {
    bot = Lookout.start(config, world.clock());
  }

  /** The configuration the bot runs with (the demo's, with its intake token). */
  public LookoutConfig config() {
    return config;
  }

  public SimulatedDiscord discord() {
    return world.discord();
  }

  public InteractionHandle command(String user, String name, Map<String, Object> options) {
    return discord().command(user, "ops", name, options, null);
  }

  public Message reply(String user, String name, Map<String, Object> options) {
    return command(user, name, options).awaitReply(REPLY);
  }

  /** A member runs a command in a channel and the bot's final answer is returned. */
  public Message say(String user, String channel, String command, Map<String, Object> options) {
    return discord().command(user, channel, command, options, null).awaitReply(REPLY);
  }

  /**
   * A command as a modified client sends it, past Discord's option checks, and the bot's final
   * answer.
   */
  public Message modified(
      String user, String channel, String command, Map<String, Object> options) {
    return discord().commandAsModifiedClient(user, channel, command, options).awaitReply(REPLY);
  }

  /** Calls a service's load endpoint, such as {@code /full/cpu?duration=5m}, which must accept. */
  public void drill(String service, String path) throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(loadUrl(service, path)))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("drill " + path + " on " + service + " refused: " + response.body());
    }
  }

  public void advance(Duration d) {
    world.cloud().advance(d);
  }

  /**
   * Advances time a minute at a time, letting the alert routine tick at each minute and the outbox
   * drain, as they would in real time.
   */
  public void advanceAndSettle(Duration d) throws InterruptedException {
    for (long m = 0; m < d.toMinutes(); m++) {
      world.cloud().advance(Duration.ofMinutes(1));
      settle();
    }
  }

  /** Waits until the alert routine has run every tick due by the current time. */
  public void awaitTicks() throws InterruptedException {
    long deadline = System.nanoTime() + REPLY.toNanos();
    while (!bot.features().scheduler().caughtUp()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the alert routine did not catch up with "
                + world.clock().instant()
                + "; last tick "
                + bot.features().scheduler().lastTick());
      }
      Thread.sleep(20);
    }
  }

  /** Waits until the routine has run every tick due by the current time and the outbox is empty. */
  public void settle() throws InterruptedException {
    java.time.Instant now = world.clock().instant();
    long deadline = System.nanoTime() + REPLY.toNanos();
    while (System.nanoTime() < deadline) {
      if (bot.features().scheduler().caughtUp() && bot.features().outbox().backlog() == 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "the alert routine or the outbox did not settle at "
            + now
            + "; last tick "
            + bot.features().scheduler().lastTick()
            + ", waiting: "
            + bot.features().outbox().pending(5));
  }

  /** Waits until the logs up to the current time have been read into the knowledge base. */
  public void settleKnowledge() throws InterruptedException {
    java.time.Instant now = world.clock().instant();
    // A start reads back the whole retention window (about 100,000 simulated entries): on two
    // busy cores that can take longer than a reply.
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      java.time.Instant last = bot.features().knowledgeScheduler().lastTick();
      if (last != null && !last.isBefore(now)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "the knowledge routine did not read the logs up to "
            + now
            + "; its last tick was at "
            + bot.features().knowledgeScheduler().lastTick()
            + ", the clock is at "
            + world.clock().instant());
  }

  /**
   * Waits until the digest routine has run at the current time (reading any usage hours it lacked)
   * and the outbox is empty.
   */
  public void settleReports() throws InterruptedException {
    java.time.Instant now = world.clock().instant();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      java.time.Instant last = bot.features().reportScheduler().lastTick();
      if (last != null && !last.isBefore(now) && bot.features().outbox().backlog() == 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the digest routine or the outbox did not settle at " + now);
  }

  public String loadUrl(String service, String path) {
    return world.cloud().loadBaseUrl() + "/services/" + service + path;
  }

  public List<Message> messages() {
    return discord().messages("ops");
  }

  @Override
  public void close() {
    bot.close();
    world.close();
  }

  /**
   * The custom id of the button labelled {@code label} on {@code message}, as a member would click
   * it: read off the message, so it carries whatever the bot put there (row tokens included).
   */
  public static String button(Message message, String label) {
    for (var row : message.body().path("components")) {
      for (var component : row.path("components")) {
        if (label.equals(component.path("label").asText())) {
          return component.path("custom_id").asText();
        }
      }
    }
    throw new AssertionError("no button '" + label + "' on message " + message.body());
  }
}
