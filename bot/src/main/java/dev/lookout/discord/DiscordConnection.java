package dev.lookout.discord;

import dev.lookout.config.LookoutConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Connects JDA to Discord, or to the REST and gateway URLs configured in its place, and registers
 * the commands (to the configured guild, or globally).
 */
public final class DiscordConnection {
  /**
   * Requests to Discord in flight at once, and connections kept open between them: as many kept as
   * may be used, so that a burst of commands (20 members asking at once) does not close what it
   * opened and connect again (a TLS handshake each, against the real Discord) for the next one.
   */
  private static final int IDLE_CONNECTIONS = 25;

  private DiscordConnection() {}

  /**
   * The HTTP client JDA would build for itself (idle connections dropped after 10 s, before a
   * server drops them; 25 requests per host) but keeping as many connections as it uses, plus the
   * retry of interaction callbacks, on sockets that send each write at once.
   */
  private static OkHttpClient.Builder httpClient() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequestsPerHost(IDLE_CONNECTIONS);
    return new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, 10, TimeUnit.SECONDS))
        .dispatcher(dispatcher)
        .socketFactory(new NoDelaySockets())
        .addInterceptor(new CallbackRetry());
  }

  public static JDA connect(LookoutConfig.Discord config, InteractionRouter router)
      throws InterruptedException {
    // Nothing the bot sends pings anyone unless the message says whom: user text quoted on a card
    // or in a reply (a reason, a comment) may contain @everyone or <@&role>.
    MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));
    MessageRequest.setDefaultMentionRepliedUser(false);
    JDABuilder builder =
        JDABuilder.createLight(config.token(), EnumSet.noneOf(GatewayIntent.class))
            .addEventListeners(router)
            .setHttpClientBuilder(httpClient());
    config.restBaseUrl().ifPresent(url -> builder.setRestConfig(new RestConfig().setBaseUrl(url)));
    config
        .gatewayUrl()
        .ifPresent(
            url -> {
              builder.setSessionController(
                  new ConcurrentSessionController() {
                    @Override
                    public String getGateway() {
                      return url;
                    }
                  });
              builder.setCompression(Compression.NONE);
            });
    JDA jda = builder.build();
    jda.awaitReady();
    List<CommandData> commands =
        router.commands().stream().map(c -> (CommandData) c.definition()).toList();
    if (config.guildId().isPresent()) {
      Guild guild = jda.getGuildById(config.guildId().get());
      if (guild == null) {
        throw new IllegalStateException(
            "discord.guild " + config.guildId().get() + " is not a guild this bot is in");
      }
      guild.updateCommands().addCommands(commands).complete();
    } else {
      jda.updateCommands().addCommands(commands).complete();
    }
    return jda;
  }
}
