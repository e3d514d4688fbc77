package dev.lookout.simulator.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lookout.simulator.discord.DiscordModel.Attachment;
import dev.lookout.simulator.discord.DiscordModel.Channel;
import dev.lookout.simulator.discord.DiscordModel.Guild;
import dev.lookout.simulator.discord.DiscordModel.Interaction;
import dev.lookout.simulator.discord.DiscordModel.Member;
import dev.lookout.simulator.discord.DiscordModel.Message;
import dev.lookout.simulator.discord.DiscordModel.Role;
import dev.lookout.simulator.discord.DiscordModel.User;
import dev.lookout.simulator.discord.DiscordModel.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A Discord that the real JDA client connects to: a gateway and the REST routes JDA uses, on the
 * loopback interface. It holds one guild with channels, roles and members, records every message
 * with its edits, attachments and components, and checks every body the bot sends against Discord's
 * schema and limits. Tests and the demo drive it as users would, through {@link #command} and
 * {@link #click} (or the HTTP control API).
 */
public final class SimulatedDiscord implements AutoCloseable {
  static final Duration ACK_DEADLINE = Duration.ofSeconds(3);
  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

  final ObjectMapper json = new ObjectMapper();
  final Snowflakes ids = Snowflakes.now();
  private final Snowflakes worldIds = Snowflakes.world();
  final DiscordConfig config;
  final User bot;
  final long applicationId;
  final Guild guild;
  final Optional<OpenApiSchema> schema;
  final Map<Long, List<Message>> messages = new ConcurrentHashMap<>();
  final Map<String, Interaction> interactions = new ConcurrentHashMap<>();
  final Map<Long, Channel> threads = new ConcurrentHashMap<>();

  /** Direct-message channels the bot opened, by the member they reach. */
  final Map<Long, Channel> dms = new ConcurrentHashMap<>();

  final List<Violation> violations = new CopyOnWriteArrayList<>();
  final Map<Long, Boolean> blockedChannels = new ConcurrentHashMap<>();
  final List<java.util.function.Consumer<Message>> listeners = new CopyOnWriteArrayList<>();
  volatile ArrayNode globalCommands = DiscordModel.JSON.arrayNode();
  volatile ArrayNode guildCommands = DiscordModel.JSON.arrayNode();

  private final DiscordGateway gateway;
  private final DiscordRest rest;

  private SimulatedDiscord(DiscordConfig config) {
    this.config = config;
    this.applicationId = worldIds.next();
    this.bot = new User(applicationId, config.botName(), true);
    this.guild = buildGuild(config);
    this.schema = OpenApiSchema.load(config.openApiSchema(), json);
    this.rest = new DiscordRest(this, config.host(), config.restPort());
    this.gateway =
        new DiscordGateway(
            config.host(),
            config.gatewayPort(),
            config.botToken(),
            this::readyPayload,
            () -> List.of(guildPayload()));
    gateway.startAndWait();
  }

  public static SimulatedDiscord start(DiscordConfig config) {
    return new SimulatedDiscord(config);
  }

  private Guild buildGuild(DiscordConfig config) {
    long guildId = worldIds.next();
    List<Role> roles = new ArrayList<>();
    roles.add(new Role(guildId, "@everyone", DiscordModel.EVERYONE_PERMISSIONS, 0));
    int position = 1;
    for (String name : config.roles()) {
      long permissions =
          name.equals("admin") ? DiscordModel.ADMINISTRATOR | DiscordModel.MANAGE_CHANNELS : 0;
      roles.add(new Role(worldIds.next(), name, permissions, position++));
    }
    List<Channel> channels = new ArrayList<>();
    for (String name : config.channels()) {
      channels.add(new Channel(worldIds.next(), guildId, name, 0, 0));
    }
    // The role Discord gives a bot for the permissions it asked for when it was invited.
    long botRole = worldIds.next();
    roles.add(new Role(botRole, config.botName(), DiscordModel.BOT_PERMISSIONS, position++));
    List<Member> members = new ArrayList<>();
    members.add(new Member(bot, List.of(botRole)));
    for (String spec : config.members()) {
      String[] parts = spec.split(":");
      List<Long> memberRoles = new ArrayList<>();
      if (parts.length > 1) {
        for (String roleName : parts[1].split(",")) {
          memberRoles.add(
              roles.stream()
                  .filter(r -> r.name().equals(roleName))
                  .findFirst()
                  .orElseThrow(() -> new IllegalArgumentException("no role " + roleName))
                  .id());
        }
      }
      members.add(new Member(new User(worldIds.next(), parts[0], false), memberRoles));
    }
    // The server's owner holds every permission, so it is the first administrator, not whoever
    // happens to be listed first.
    long adminRole =
        roles.stream()
            .filter(r -> r.name().equals("admin"))
            .mapToLong(Role::id)
            .findFirst()
            .orElse(-1);
    long owner =
        members.stream()
            .skip(1)
            .filter(m -> m.roles().contains(adminRole))
            .findFirst()
            .orElse(members.get(1))
            .user()
            .id();
    return new Guild(guildId, config.guildName(), owner, roles, channels, members);
  }

  ObjectNode readyPayload() {
    ObjectNode d = json.createObjectNode();
    d.put("v", 10);
    ObjectNode user = bot.json();
    user.put("verified", true);
    user.put("mfa_enabled", false);
    d.set("user", user);
    d.putArray("guilds").addObject().put("id", Long.toString(guild.id())).put("unavailable", true);
    d.putArray("private_channels");
    d.putArray("relationships");
    d.put("resume_gateway_url", gatewayUrl());
    ObjectNode application = d.putObject("application");
    application.put("id", Long.toString(applicationId));
    application.put("flags", 0);
    d.putArray("presences");
    d.putObject("user_settings");
    return d;
  }

  ObjectNode guildPayload() {
    ObjectNode g = json.createObjectNode();
    g.put("id", Long.toString(guild.id()));
    g.put("name", guild.name());
    g.putNull("icon");
    g.put("owner_id", Long.toString(guild.ownerId()));
    g.put("afk_timeout", 300);
    g.put("verification_level", 0);
    g.put("default_message_notifications", 0);
    g.put("explicit_content_filter", 0);
    g.put("mfa_level", 0);
    g.put("nsfw_level", 0);
    g.put("premium_tier", 0);
    g.put("premium_subscription_count", 0);
    g.put("preferred_locale", "en-US");
    g.putNull("system_channel_id");
    g.putNull("rules_channel_id");
    g.putNull("public_updates_channel_id");
    g.putNull("afk_channel_id");
    g.put("max_members", 500_000);
    g.put("member_count", guild.members().size());
    g.put("large", false);
    g.put("unavailable", false);
    g.put("joined_at", "2026-01-01T00:00:00.000000+00:00");
    g.putArray("features");
    ArrayNode roles = g.putArray("roles");
    guild.roles().forEach(r -> roles.add(r.json()));
    ArrayNode channels = g.putArray("channels");
    guild.channels().forEach(c -> channels.add(c.json()));
    ArrayNode members = g.putArray("members");
    guild.members().forEach(m -> members.add(m.json()));
    // Discord sends the guild's active threads with it; threads here are never archived.
    ArrayNode active = g.putArray("threads");
    threads.values().forEach(c -> active.add(c.json()));
    g.putArray("emojis");
    g.putArray("stickers");
    g.putArray("voice_states");
    g.putArray("presences");
    g.putArray("stage_instances");
    g.putArray("guild_scheduled_events");
    g.putArray("soundboard_sounds");
    return g;
  }

  // ---------------------------------------------------------------- where it listens

  /** The REST base URL JDA's RestConfig takes, ending in {@code /api/v10/}. */
  public String restBaseUrl() {
    return "http://" + config.host() + ":" + rest.port() + "/api/v10/";
  }

  /** The gateway URL JDA's SessionController returns. */
  public String gatewayUrl() {
    return "ws://" + config.host() + ":" + gateway.getPort() + "/";
  }

  /** Base URL of the control API, for tools and the demo. */
  public String controlUrl() {
    return "http://" + config.host() + ":" + rest.port() + "/control";
  }

  public String botToken() {
    return config.botToken();
  }

  public long guildId() {
    return guild.id();
  }

  public long applicationId() {
    return applicationId;
  }

  // ---------------------------------------------------------------- the world

  public Channel channel(String nameOrId) {
    for (Channel c : guild.channels()) {
      if (c.name().equals(nameOrId) || Long.toString(c.id()).equals(nameOrId)) {
        return c;
      }
    }
    for (Channel c : threads.values()) {
      if (c.name().equals(nameOrId) || Long.toString(c.id()).equals(nameOrId)) {
        return c;
      }
    }
    for (Channel c : dms.values()) {
      if (c.name().equals(nameOrId) || Long.toString(c.id()).equals(nameOrId)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "no channel '"
            + nameOrId
            + "'; channels: "
            + guild.channels().stream().map(Channel::name).toList());
  }

  Optional<Channel> channelById(long id) {
    return guild.channels().stream()
        .filter(c -> c.id() == id)
        .findFirst()
        .or(() -> Optional.ofNullable(threads.get(id)))
        .or(() -> dms.values().stream().filter(c -> c.id() == id).findFirst());
  }

  /** The direct-message channel to a member, opened once ({@code dm-<username>} by name). */
  Optional<Channel> openDm(long userId) {
    return guild.members().stream()
        .filter(m -> m.user().id() == userId && !m.user().bot())
        .findFirst()
        .map(
            m ->
                dms.computeIfAbsent(
                    userId, u -> new Channel(ids.next(), 0, "dm-" + m.user().username(), 1, 0)));
  }

  /** A DM channel as Discord describes it: its recipient instead of a guild. */
  ObjectNode dmJson(Channel c) {
    ObjectNode n = json.createObjectNode();
    n.put("id", Long.toString(c.id()));
    n.put("type", 1);
    n.putNull("last_message_id");
    n.put("flags", 0);
    ArrayNode recipients = n.putArray("recipients");
    dms.forEach(
        (user, channel) -> {
          if (channel.id() == c.id()) {
            guild.members().stream()
                .filter(m -> m.user().id() == user)
                .findFirst()
                .ifPresent(m -> recipients.add(m.user().json()));
          }
        });
    return n;
  }

  boolean isDm(long channelId) {
    return dms.values().stream().anyMatch(c -> c.id() == channelId);
  }

  public Member member(String username) {
    return guild.members().stream()
        .filter(m -> m.user().username().equals(username))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no member '"
                        + username
                        + "'; members: "
                        + guild.members().stream().map(m -> m.user().username()).toList()));
  }

  public List<Member> members() {
    return guild.members();
  }

  public List<Role> roles() {
    return guild.roles();
  }

  /** Every message in a channel, oldest first, including ephemeral ones. */
  public List<Message> messages(String channel) {
    return messages.getOrDefault(channel(channel).id(), List.of()).stream()
        .filter(m -> !m.deleted)
        .toList();
  }

  /** Runs {@code listener} whenever the bot posts or edits a message. */
  public void onMessage(java.util.function.Consumer<Message> listener) {
    listeners.add(listener);
  }

  /** How many interactions (commands, clicks) were delivered to the bot. */
  public int interactionCount() {
    return interactions.size();
  }

  /** Requests the bot sent that Discord would have rejected. */
  public List<Violation> violations() {
    return List.copyOf(violations);
  }

  /** The commands the bot registered for the guild (or globally, if it did that). */
  public ArrayNode registeredCommands() {
    return guildCommands.isEmpty() ? globalCommands.deepCopy() : guildCommands.deepCopy();
  }

  /** Makes the bot unable to post in a channel, as a changed permission would. */
  public void blockChannel(String channel, boolean blocked) {
    blockedChannels.put(channel(channel).id(), blocked);
  }

  public boolean gatewayConnected() {
    return gateway.connected();
  }

  /**
   * Makes the next {@code count} requests to channel routes (posting, editing, threads) fail with
   * {@code status}: 500 as an outage, 429 as a rate limit with a short Retry-After.
   */
  public void failChannelRequests(int status, int count) {
    failRequests("/channels/", status, count);
  }

  /**
   * Makes the next {@code count} interaction callbacks (the bot's first answer to a command or a
   * button) fail with {@code status} before Discord handles them, as a 5xx from its edge does.
   */
  public void failInteractionCallbacks(int status, int count) {
    failRequests("/interactions/", status, count);
  }

  /** Makes the next {@code count} requests to any route fail, as an outage of Discord's API. */
  public void failEveryRequest(int status, int count) {
    failRequests("/", status, count);
  }

  private void failRequests(String routePrefix, int status, int count) {
    if (status != 429 && (status < 500 || status > 599)) {
      throw new IllegalArgumentException("inject 429 or a 5xx status");
    }
    rest.failNext(routePrefix, status, count);
  }

  /** Keeps the gateway unreachable until called again with false; JDA then resumes. */
  public void gatewayDown(boolean down) {
    gateway.down(down);
  }

  /** Drops the gateway connection as a network failure would; JDA should resume. */
  public void dropGateway() {
    gateway.drop();
  }

  // ---------------------------------------------------------------- acting as users

  /**
   * A member runs a slash command in a channel. Discord checks the options against what the bot
   * registered first and refuses, as the member's client shows, what breaks their constraints.
   *
   * @param options option values by name: strings, numbers or booleans
   * @param roleNames roles to give the member for this command, or null for their own
   * @throws InteractionRejected when Discord would refuse the options; the bot sees nothing
   */
  public InteractionHandle command(
      String user,
      String channel,
      String name,
      Map<String, Object> options,
      List<String> roleNames) {
    return command(user, channel, name, options, roleNames, true);
  }

  /**
   * A slash command as a modified client sends it, past the option checks of Discord's client: out
   * of range, too long, not one of the choices, required options left out, any text where a number
   * belongs. What the bot then does is its own validation's doing.
   */
  public InteractionHandle commandAsModifiedClient(
      String user, String channel, String name, Map<String, Object> options) {
    return command(user, channel, name, options, null, false);
  }

  /**
   * A member types in an option that autocompletes: Discord sends the bot what is typed so far,
   * with that option marked focused, and shows the bot's suggestions.
   *
   * @param options the options filled in so far, the focused one included
   * @param focused the option being typed; it must be declared with autocomplete
   */
  public InteractionHandle autocomplete(
      String user, String channel, String name, Map<String, Object> options, String focused) {
    String[] parts = name.trim().split("\\s+");
    JsonNode registered = findCommand(parts[0]);
    JsonNode spec = parts.length > 1 ? CommandOptions.option(registered, parts[1]) : registered;
    if (!CommandOptions.option(spec, focused).path("autocomplete").asBoolean(false)) {
      throw new IllegalArgumentException(
          "/" + name + " option '" + focused + "' does not autocomplete");
    }
    ObjectNode data = json.createObjectNode();
    data.put("id", registered.path("id").asText());
    data.put("name", parts[0]);
    data.put("type", 1);
    data.put("guild_id", Long.toString(guild.id()));
    ArrayNode opts = data.putArray("options");
    if (parts.length > 1) {
      ObjectNode sub = opts.addObject();
      sub.put("name", parts[1]);
      sub.put("type", 1);
      opts = sub.putArray("options");
    }
    for (Map.Entry<String, Object> e : options.entrySet()) {
      ObjectNode o = opts.addObject();
      o.put("name", e.getKey());
      o.put("type", CommandOptions.option(spec, e.getKey()).path("type").asInt());
      // What is typed so far is sent as text, whatever the option's type.
      o.put("value", e.getValue().toString());
      if (e.getKey().equals(focused)) {
        o.put("focused", true);
      }
    }
    return dispatchInteraction(4, channel(channel), member(user), data, null);
  }

  private InteractionHandle command(
      String user,
      String channel,
      String name,
      Map<String, Object> options,
      List<String> roleNames,
      boolean checked) {
    // "silence add" is the subcommand add of /silence.
    String[] parts = name.trim().split("\\s+");
    JsonNode registered = findCommand(parts[0]);
    Member member = withRoles(member(user), roleNames);
    Channel ch = channel(channel);
    ObjectNode data = json.createObjectNode();
    data.put("id", registered.path("id").asText());
    data.put("name", parts[0]);
    data.put("type", 1);
    data.put("guild_id", Long.toString(guild.id()));
    if (parts.length > 1) {
      JsonNode spec = CommandOptions.option(registered, parts[1]);
      if (spec.path("type").asInt() != 1) {
        throw new IllegalArgumentException(
            "/" + parts[0] + " has no subcommand '" + parts[1] + "'");
      }
      ObjectNode sub = data.putArray("options").addObject();
      sub.put("name", parts[1]);
      sub.put("type", 1);
      sub.set(
          "options", CommandOptions.build(json, spec, options, "data.options.0.options", checked));
    } else {
      data.set("options", CommandOptions.build(json, registered, options, "data.options", checked));
    }
    return dispatchInteraction(2, ch, member, data, null);
  }

  /** A member clicks a button (or picks select values) on a message. */
  public InteractionHandle click(
      String user, long messageId, String customId, List<String> values, List<String> roleNames) {
    Message message =
        findMessage(messageId)
            .orElseThrow(() -> new IllegalArgumentException("no message " + messageId));
    JsonNode component = findComponent(message.body(), customId);
    if (component == null) {
      throw new IllegalArgumentException(
          "message " + messageId + " has no component with custom_id '" + customId + "'");
    }
    if (component.path("disabled").asBoolean(false)) {
      throw new IllegalArgumentException("the component '" + customId + "' is disabled");
    }
    ObjectNode data = json.createObjectNode();
    data.put("custom_id", customId);
    int type = component.path("type").asInt();
    data.put("component_type", type);
    if (type != 2) {
      ArrayNode v = data.putArray("values");
      values.forEach(v::add);
    }
    Channel ch = channelById(message.channelId()).orElseThrow();
    return dispatchInteraction(3, ch, withRoles(member(user), roleNames), data, message);
  }

  private InteractionHandle dispatchInteraction(
      int type, Channel channel, Member member, ObjectNode data, Message message) {
    long id = ids.next();
    String token = "aW50ZXJhY3Rpb24" + UUID.randomUUID().toString().replace("-", "");
    Interaction interaction =
        new Interaction(
            id, token, type, channel.id(), member, message == null ? null : message.id());
    interactions.put(token, interaction);
    ObjectNode payload = json.createObjectNode();
    payload.put("id", Long.toString(id));
    payload.put("application_id", Long.toString(applicationId));
    payload.put("type", type);
    payload.put("token", token);
    payload.put("version", 1);
    payload.put("guild_id", Long.toString(guild.id()));
    ObjectNode partialGuild = payload.putObject("guild");
    partialGuild.put("id", Long.toString(guild.id()));
    partialGuild.put("locale", "en-US");
    partialGuild.putArray("features");
    payload.put("channel_id", Long.toString(channel.id()));
    payload.set("channel", channel.json());
    ObjectNode memberJson = member.json();
    memberJson.put("permissions", Long.toString(permissions(member)));
    payload.set("member", memberJson);
    payload.set("data", data);
    payload.put("locale", "en-US");
    payload.put("guild_locale", "en-US");
    payload.put("app_permissions", Long.toString(DiscordModel.EVERYONE_PERMISSIONS));
    payload.putArray("entitlements");
    payload.put("context", 0);
    payload.putObject("authorizing_integration_owners").put("0", Long.toString(guild.id()));
    payload.put("attachment_size_limit", 8 * 1024 * 1024);
    if (message != null) {
      payload.set("message", messageJson(message));
    }
    gateway.dispatch("INTERACTION_CREATE", payload);
    return new InteractionHandle(this, interaction);
  }

  long permissions(Member member) {
    long p = guild.roles().get(0).permissions();
    for (Role r : guild.roles()) {
      if (member.roles().contains(r.id())) {
        p |= r.permissions();
      }
    }
    return (p & DiscordModel.ADMINISTRATOR) != 0 ? ~0L >>> 13 : p;
  }

  private Member withRoles(Member member, List<String> roleNames) {
    if (roleNames == null) {
      return member;
    }
    List<Long> ids = new ArrayList<>();
    for (String name : roleNames) {
      ids.add(
          guild.roles().stream()
              .filter(r -> r.name().equals(name))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no role '" + name + "'"))
              .id());
    }
    return new Member(member.user(), ids);
  }

  private JsonNode findCommand(String name) {
    for (JsonNode c : registeredCommands()) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "the bot has not registered /" + name + "; registered: " + commandNames());
  }

  private List<String> commandNames() {
    List<String> names = new ArrayList<>();
    registeredCommands().forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  /** The newest message still shown that the bot sent with an interaction's token. */
  Optional<Message> latestFollowUp(String interactionToken) {
    Message latest = null;
    for (List<Message> list : messages.values()) {
      for (Message m : list) {
        if (!m.deleted
            && interactionToken.equals(m.interactionToken)
            && (latest == null || m.id() > latest.id())) {
          latest = m;
        }
      }
    }
    return Optional.ofNullable(latest);
  }

  Optional<Message> findMessage(long id) {
    for (List<Message> list : messages.values()) {
      for (Message m : list) {
        if (m.id() == id && !m.deleted) {
          return Optional.of(m);
        }
      }
    }
    return Optional.empty();
  }

  private static JsonNode findComponent(JsonNode body, String customId) {
    for (JsonNode row : body.path("components")) {
      for (JsonNode c : row.path("components")) {
        if (c.path("custom_id").asText().equals(customId)) {
          return c;
        }
      }
    }
    return null;
  }

  /**
   * Puts a message in a channel as if the bot had posted it, such as one an earlier version of the
   * bot left behind with controls this version no longer knows.
   */
  public Message postAsBot(String channel, ObjectNode body) {
    return post(channel(channel).id(), body.deepCopy(), List.of(), null);
  }

  // ---------------------------------------------------------------- messages

  Message post(long channelId, ObjectNode body, List<Attachment> files, String interactionToken) {
    boolean ephemeral = (body.path("flags").asLong() & 64) != 0;
    Message m = new Message(ids.next(), channelId, bot, body, files, ephemeral, interactionToken);
    messages.computeIfAbsent(channelId, c -> new CopyOnWriteArrayList<>()).add(m);
    listeners.forEach(l -> l.accept(m));
    return m;
  }

  void edited(Message m) {
    listeners.forEach(l -> l.accept(m));
  }

  ObjectNode messageJson(Message m) {
    ObjectNode n = json.createObjectNode();
    n.put("id", Long.toString(m.id()));
    n.put("channel_id", Long.toString(m.channelId()));
    if (!isDm(m.channelId())) {
      n.put("guild_id", Long.toString(guild.id()));
    }
    n.set("author", m.author.json());
    JsonNode body = m.body();
    n.put("content", body.path("content").asText(""));
    n.put("timestamp", m.createdAt.toString());
    if (m.editedAt != null) {
      n.put("edited_timestamp", m.editedAt.toString());
    } else {
      n.putNull("edited_timestamp");
    }
    n.put("tts", false);
    Mentions mentions = m.mentions();
    n.put("mention_everyone", mentions.everyone());
    ArrayNode users = n.putArray("mentions");
    for (long id : mentions.users()) {
      guild.members().stream()
          .filter(member -> member.user().id() == id)
          .findFirst()
          .ifPresent(member -> users.add(member.user().json()));
    }
    ArrayNode roles = n.putArray("mention_roles");
    for (long id : mentions.roles()) {
      if (guild.roles().stream().anyMatch(r -> r.id() == id)) {
        roles.add(Long.toString(id));
      }
    }
    n.put("pinned", false);
    n.put("type", m.interactionToken != null ? 20 : 0);
    n.put("flags", body.path("flags").asLong(0));
    ArrayNode embeds = json.createArrayNode();
    for (JsonNode e : body.path("embeds")) {
      ObjectNode embed = e.deepCopy();
      if (!embed.has("type")) {
        embed.put("type", "rich"); // Discord adds it to every embed a bot sends
      }
      embeds.add(embed);
    }
    n.set("embeds", embeds);
    n.set(
        "components",
        body.path("components").isArray() ? body.get("components") : json.createArrayNode());
    ArrayNode attachments = n.putArray("attachments");
    for (Attachment a : m.attachments()) {
      ObjectNode an = attachments.addObject();
      an.put("id", Long.toString(a.id()));
      an.put("filename", a.filename());
      an.put("size", a.data().length);
      String url =
          "http://"
              + config.host()
              + ":"
              + rest.port()
              + "/attachments/"
              + a.id()
              + "/"
              + a.filename();
      an.put("url", url);
      an.put("proxy_url", url);
      an.put("content_type", a.contentType());
    }
    if (m.interactionToken != null) {
      n.put("webhook_id", Long.toString(applicationId));
      n.put("application_id", Long.toString(applicationId));
    }
    return n;
  }

  Optional<Attachment> attachment(long id) {
    for (List<Message> list : messages.values()) {
      for (Message m : list) {
        for (Attachment a : m.attachments()) {
          if (a.id() == id) {
            return Optional.of(a);
          }
        }
      }
    }
    return Optional.empty();
  }

  private final Object changes = new Object();
  private long changeCount;

  /** How many requests the bot has made so far; a waiter reads it before looking. */
  long changes() {
    synchronized (changes) {
      return changeCount;
    }
  }

  /** Called after each request the bot makes, which may have changed what a waiter looks for. */
  void changed() {
    synchronized (changes) {
      changeCount++;
      changes.notifyAll();
    }
  }

  /**
   * Waits until a request after the {@code seen}th has been answered, or {@code deadline}; at most
   * 50 ms at a time, so that a change made other than through a request is still seen soon.
   */
  void awaitChange(long seen, Instant deadline) {
    synchronized (changes) {
      long left = Math.min(50, Duration.between(Instant.now(), deadline).toMillis());
      if (changeCount == seen && left > 0) {
        try {
          changes.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  void violation(String method, String route, String problem) {
    violations.add(new Violation(method, route, problem));
  }

  /** Waits until a message in {@code channel} satisfies {@code condition}, or fails. */
  public Message awaitMessage(String channel, Predicate<Message> condition, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && !Thread.currentThread().isInterrupted()) {
      long seen = changes();
      for (Message m : messages(channel)) {
        if (condition.test(m)) {
          return m;
        }
      }
      awaitChange(seen, deadline);
    }
    throw new AssertionError("no message in #" + channel + " matched within " + timeout);
  }

  @Override
  public void close() {
    gateway.shutdown();
    rest.close();
  }
}
