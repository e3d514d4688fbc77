package dev.lookout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.simulator.discord.DiscordConfig;
import dev.lookout.simulator.discord.SimulatedDiscord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import org.junit.jupiter.api.Test;

class JdaSmokeIT {
  @Test
  void connects() throws Exception {
    try (SimulatedDiscord discord = SimulatedDiscord.start(DiscordConfig.defaults())) {
      JDA jda =
          JDABuilder.createLight(discord.botToken())
              .setRestConfig(new RestConfig().setBaseUrl(discord.restBaseUrl()))
              .setSessionController(
                  new ConcurrentSessionController() {
                    @Override
                    public String getGateway() {
                      return discord.gatewayUrl();
                    }
                  })
              .setCompression(Compression.NONE)
              .addEventListeners(
                  new ListenerAdapter() {
                    @Override
                    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                      event.reply("pong " + event.getOption("word").getAsString()).queue();
                    }
                  })
              .build();
      jda.awaitReady();
      jda.getGuildById(discord.guildId())
          .updateCommands()
          .addCommands(Commands.slash("ping", "Replies").addOption(net.dv8tion.jda.api.interactions.commands.OptionType.STRING, "word", "a word", true))
          .complete();
      var h = discord.command("alice", "ops", "ping", Map.of("word", "hi"), null);
      var reply = h.awaitReply(Duration.ofSeconds(5));
      assertThat(reply.body().path("content").asText()).isEqualTo("pong hi");
      discord.dropGateway();
      Thread.sleep(2000);
      var h2 = discord.command("bob", "ops", "ping", Map.of("word", "again"), List.of());
      assertThat(h2.awaitReply(Duration.ofSeconds(15)).body().path("content").asText()).isEqualTo("pong again");
      assertThat(discord.violations()).isEmpty();
      jda.shutdownNow();
    }
  }
}
