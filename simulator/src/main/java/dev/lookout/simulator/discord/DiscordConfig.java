package dev.lookout.simulator.discord;

import java.nio.file.Path;
import java.util.List;

/**
 * The simulated Discord's world: one guild with its channels, roles and members, the bot's token,
 * and where Discord's OpenAPI schema is (null to check limits only).
 *
 * @param members each as {@code name} or {@code name:role,role}
 */
public record DiscordConfig(
    String host,
    int restPort,
    int gatewayPort,
    String botToken,
    String botName,
    String guildName,
    List<String> channels,
    List<String> roles,
    List<String> members,
    Path openApiSchema) {

  /** The demo guild: #ops and #alerts, an operator role, and members with and without it. */
  public static DiscordConfig defaults() {
    return new DiscordConfig(
        "127.0.0.1",
        0,
        0,
        "simulated-bot-token",
        "Lookout",
        "Lookout Demo",
        List.of("ops", "alerts", "general"),
        List.of("operator", "admin"),
        List.of("alice:operator", "bob", "carol:admin", "dave:operator"),
        locateSchema());
  }

  public DiscordConfig withSchema(Path schema) {
    return new DiscordConfig(
        host,
        restPort,
        gatewayPort,
        botToken,
        botName,
        guildName,
        channels,
        roles,
        members,
        schema);
  }

  public DiscordConfig withChannels(List<String> names) {
    return new DiscordConfig(
        host,
        restPort,
        gatewayPort,
        botToken,
        botName,
        guildName,
        names,
        roles,
        members,
        openApiSchema);
  }

  public DiscordConfig withPorts(int rest, int gateway) {
    return new DiscordConfig(
        host, rest, gateway, botToken, botName, guildName, channels, roles, members, openApiSchema);
  }

  /** {@code ../shared/discord-api-spec/openapi.json} from the working directory or above it. */
  static Path locateSchema() {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/discord-api-spec/openapi.json").normalize();
      if (java.nio.file.Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
