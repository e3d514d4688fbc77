package dev.lookout.simulator.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lookout.simulator.discord.DiscordModel.Attachment;
import dev.lookout.simulator.discord.DiscordModel.Channel;
import dev.lookout.simulator.discord.DiscordModel.Interaction;
import dev.lookout.simulator.discord.DiscordModel.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST routes JDA uses, under {@code /api/v10}, and the control API under {@code /control}.
 * Every body the bot sends is checked against Discord's schema (when present) and limits; what
 * Discord would reject is answered with Discord's error and recorded as a violation.
 */
final class DiscordRest implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordRest.class);
  private static final String API = "/api/v10";

  private final SimulatedDiscord discord;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  /** A Discord error response. */
  static final class DiscordError extends RuntimeException {
    final int status;
    final int code;
    final transient JsonNode errors;

    DiscordError(int status, int code, String message, JsonNode errors) {
      super(message);
      this.status = status;
      this.code = code;
      this.errors = errors;
    }

    DiscordError(int status, int code, String message) {
      this(status, code, message, null);
    }
  }

  private record Request(
      String method, String path, Map<String, String> query, String contentType, byte[] body) {}

  record Response(int status, Object body) {
    static Response json(Object body) {
      return new Response(200, body);
    }

    static Response noContent() {
      return new Response(204, null);
    }
  }

  DiscordRest(SimulatedDiscord discord, String host, int port) {
    this.discord = discord;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  private final java.util.concurrent.atomic.AtomicInteger failuresLeft =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile int failureStatus;
  private volatile String failurePrefix = "/channels/";

  /** Makes the next {@code count} requests to routes under {@code routePrefix} fail. */
  void failNext(String routePrefix, int status, int count) {
    failureStatus = status;
    failurePrefix = routePrefix;
    failuresLeft.set(count);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Request request =
          new Request(
              exchange.getRequestMethod(),
              path,
              query(exchange.getRequestURI().getRawQuery()),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestBody().readAllBytes());
      Response response;
      try {
        if (path.startsWith(API + "/")) {
          if (!requiresNoBotToken(path)) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("Bot " + discord.botToken())) {
              throw new DiscordError(401, 0, "401: Unauthorized");
            }
          }
          String route = path.substring(API.length());
          if (route.startsWith(failurePrefix)
              && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            if (failureStatus == 429) {
              exchange.getResponseHeaders().set("Retry-After", "1");
              exchange.getResponseHeaders().set("X-RateLimit-Scope", "user");
              ObjectNode limited = discord.json.createObjectNode();
              limited.put("message", "You are being rate limited.");
              limited.put("retry_after", 0.25);
              limited.put("global", false);
              response = new Response(429, limited);
            } else {
              ObjectNode error = discord.json.createObjectNode();
              error.put("message", failureStatus + ": Internal Server Error");
              error.put("code", 0);
              response = new Response(failureStatus, error);
            }
          } else {
            response = api(request, route);
          }
        } else if (path.startsWith("/control/") || path.equals("/control")) {
          response = new DiscordControl(discord).handle(request.method(), path, request.body());
          if (response == null) {
            throw new DiscordError(404, 0, "404: Not Found");
          }
        } else if (path.startsWith("/attachments/")) {
          String[] parts = path.split("/");
          Attachment a =
              discord
                  .attachment(Long.parseLong(parts[2]))
                  .orElseThrow(() -> new DiscordError(404, 0, "404: Not Found"));
          exchange.getResponseHeaders().set("Content-Type", a.contentType());
          exchange.sendResponseHeaders(200, a.data().length);
          exchange.getResponseBody().write(a.data());
          return;
        } else {
          throw new DiscordError(404, 0, "404: Not Found");
        }
      } catch (DiscordError e) {
        ObjectNode error = discord.json.createObjectNode();
        error.put("message", e.getMessage());
        error.put("code", e.code);
        if (e.errors != null) {
          error.set("errors", e.errors);
        }
        response = new Response(e.status, error);
      } catch (IllegalArgumentException e) {
        ObjectNode error = discord.json.createObjectNode();
        error.put("message", e.getMessage());
        error.put("code", 50035);
        response = new Response(400, error);
      } catch (RuntimeException e) {
        LOG.error("simulated Discord failed on {} {}", request.method(), path, e);
        ObjectNode error = discord.json.createObjectNode();
        error.put("message", "500: Internal Server Error: " + e);
        error.put("code", 0);
        response = new Response(500, error);
      }
      discord.changed();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (response.body == null) {
        exchange.sendResponseHeaders(response.status, -1);
      } else {
        byte[] bytes = discord.json.writeValueAsBytes(response.body);
        exchange.sendResponseHeaders(response.status, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  private static boolean requiresNoBotToken(String path) {
    return path.startsWith(API + "/interactions/") || path.startsWith(API + "/webhooks/");
  }

  // ------------------------------------------------------------------ routes

  private static final Pattern COMMANDS = Pattern.compile("/applications/(\\d+)/commands");
  private static final Pattern GUILD_COMMANDS =
      Pattern.compile("/applications/(\\d+)/guilds/(\\d+)/commands");
  private static final Pattern CALLBACK = Pattern.compile("/interactions/(\\d+)/([^/]+)/callback");
  private static final Pattern WEBHOOK = Pattern.compile("/webhooks/(\\d+)/([^/]+)");
  private static final Pattern WEBHOOK_MESSAGE =
      Pattern.compile("/webhooks/(\\d+)/([^/]+)/messages/(@original|\\d+)");
  private static final Pattern CHANNEL = Pattern.compile("/channels/(\\d+)");
  private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/channels/(\\d+)/messages");
  private static final Pattern CHANNEL_MESSAGE =
      Pattern.compile("/channels/(\\d+)/messages/(\\d+)");
  private static final Pattern THREADS = Pattern.compile("/channels/(\\d+)/threads");
  private static final Pattern MESSAGE_THREADS =
      Pattern.compile("/channels/(\\d+)/messages/(\\d+)/threads");

  private Response api(Request r, String route) {
    Matcher m;
    String method = r.method();
    if (route.equals("/users/@me") && method.equals("GET")) {
      ObjectNode me = discord.bot.json();
      me.put("verified", true);
      me.put("mfa_enabled", false);
      return Response.json(me);
    }
    if (route.equals("/users/@me/channels") && method.equals("POST")) {
      JsonNode body = parseJson(r.body());
      check(method, "/users/@me/channels", body, List.of());
      String recipient = body.path("recipient_id").asText("");
      if (!recipient.matches("\\d{1,20}")) {
        throw new DiscordError(400, 50035, "Invalid Form Body: recipient_id is required");
      }
      Channel dm =
          discord
              .openDm(Long.parseLong(recipient))
              .orElseThrow(() -> new DiscordError(400, 50033, "Invalid Recipient(s)"));
      return Response.json(discord.dmJson(dm));
    }
    if ((route.equals("/gateway/bot") || route.equals("/gateway")) && method.equals("GET")) {
      ObjectNode g = discord.json.createObjectNode();
      g.put("url", discord.gatewayUrl());
      g.put("shards", 1);
      ObjectNode limit = g.putObject("session_start_limit");
      limit
          .put("total", 1000)
          .put("remaining", 999)
          .put("reset_after", 0)
          .put("max_concurrency", 1);
      return Response.json(g);
    }
    if ((m = GUILD_COMMANDS.matcher(route)).matches()) {
      return commands(r, "/applications/{application_id}/guilds/{guild_id}/commands", true);
    }
    if ((m = COMMANDS.matcher(route)).matches()) {
      return commands(r, "/applications/{application_id}/commands", false);
    }
    if ((m = CALLBACK.matcher(route)).matches() && method.equals("POST")) {
      return callback(r, m.group(2));
    }
    if ((m = WEBHOOK_MESSAGE.matcher(route)).matches()) {
      return webhookMessage(r, m.group(2), m.group(3));
    }
    if ((m = WEBHOOK.matcher(route)).matches() && method.equals("POST")) {
      return followUp(r, m.group(2));
    }
    if ((m = MESSAGE_THREADS.matcher(route)).matches() && method.equals("POST")) {
      return thread(
          r, Long.parseLong(m.group(1)), "/channels/{channel_id}/messages/{message_id}/threads");
    }
    if ((m = THREADS.matcher(route)).matches() && method.equals("POST")) {
      return thread(r, Long.parseLong(m.group(1)), "/channels/{channel_id}/threads");
    }
    if ((m = CHANNEL_MESSAGE.matcher(route)).matches()) {
      return channelMessage(r, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }
    if ((m = CHANNEL_MESSAGES.matcher(route)).matches()) {
      return channelMessages(r, Long.parseLong(m.group(1)));
    }
    if ((m = CHANNEL.matcher(route)).matches() && method.equals("GET")) {
      Channel c = channel(Long.parseLong(m.group(1)));
      return Response.json(c.type() == 1 ? discord.dmJson(c) : c.json());
    }
    throw new DiscordError(404, 0, "404: Not Found");
  }

  private Response commands(Request r, String template, boolean guild) {
    if (r.method().equals("GET")) {
      return Response.json(guild ? discord.guildCommands : discord.globalCommands);
    }
    if (!r.method().equals("PUT")) {
      throw new DiscordError(405, 0, "405: Method Not Allowed");
    }
    JsonNode body = parseJson(r.body());
    check(r.method(), template, body, DiscordLimits.commands(body));
    ArrayNode stored = discord.json.createArrayNode();
    for (JsonNode c : body) {
      ObjectNode copy = c.deepCopy();
      copy.put("id", Long.toString(discord.ids.next()));
      copy.put("application_id", Long.toString(discord.applicationId));
      copy.put("version", Long.toString(discord.ids.next()));
      if (!copy.has("type")) {
        copy.put("type", 1);
      }
      if (guild) {
        copy.put("guild_id", Long.toString(discord.guildId()));
      }
      stored.add(copy);
    }
    if (guild) {
      discord.guildCommands = stored;
    } else {
      discord.globalCommands = stored;
    }
    return Response.json(stored);
  }

  private Response callback(Request r, String token) {
    Interaction interaction = discord.interactions.get(token);
    if (interaction == null) {
      throw new DiscordError(404, 10062, "Unknown interaction");
    }
    Body body = body(r);
    String template = "/interactions/{interaction_id}/{interaction_token}/callback";
    int callbackType = body.json.path("type").asInt();
    JsonNode inner = body.json.path("data");
    check(
        r.method(),
        template,
        body.json,
        callbackType == 4 || callbackType == 7 ? DiscordLimits.message(inner) : List.of());
    if (Duration.between(interaction.createdAt, Instant.now())
            .compareTo(SimulatedDiscord.ACK_DEADLINE)
        > 0) {
      discord.violation(r.method(), template, "interaction acknowledged after the 3 s deadline");
      throw new DiscordError(404, 10062, "Unknown interaction");
    }
    synchronized (interaction) {
      if (interaction.acknowledgedAt != null) {
        discord.violation(r.method(), template, "interaction acknowledged twice");
        throw new DiscordError(400, 40060, "Interaction has already been acknowledged.");
      }
      int type = body.json.path("type").asInt();
      if (type == 8) {
        return autocompleteResult(r, template, interaction, body.json.path("data"));
      }
      if (interaction.type == 4) {
        throw new DiscordError(
            400, 50035, "Invalid Form Body: an autocomplete interaction takes only type 8");
      }
      ObjectNode data =
          body.json.path("data").isObject()
              ? (ObjectNode) body.json.get("data")
              : discord.json.createObjectNode();
      Message message;
      switch (type) {
        case 4 -> {
          message = discord.post(interaction.channelId, data, body.files, token);
          interaction.originalMessageId = message.id();
        }
        case 5 -> {
          ObjectNode placeholder = discord.json.createObjectNode();
          placeholder.put("flags", (data.path("flags").asLong() & 64) | 128);
          placeholder.put("_deferred", true);
          message = discord.post(interaction.channelId, placeholder, List.of(), token);
          interaction.originalMessageId = message.id();
        }
        case 6 -> {
          requireComponent(interaction, type);
          message = discord.findMessage(interaction.messageId).orElseThrow();
          interaction.originalMessageId = message.id();
        }
        case 7 -> {
          requireComponent(interaction, type);
          message = discord.findMessage(interaction.messageId).orElseThrow();
          message.edit(merge(message.body(), data), body.files.isEmpty() ? null : body.files);
          interaction.originalMessageId = message.id();
          discord.edited(message);
        }
        default ->
            throw new DiscordError(
                400, 50035, "Invalid Form Body: unsupported callback type " + type);
      }
      interaction.ackType = type;
      interaction.acknowledgedAt = Instant.now();
      if (r.query().containsKey("with_response")) {
        ObjectNode out = discord.json.createObjectNode();
        ObjectNode i = out.putObject("interaction");
        i.put("id", Long.toString(interaction.id));
        i.put("type", interaction.type);
        i.put("response_message_id", Long.toString(message.id()));
        i.put("response_message_loading", type == 5);
        i.put("response_message_ephemeral", message.ephemeral());
        ObjectNode resource = out.putObject("resource");
        resource.put("type", type);
        resource.set("message", discord.messageJson(message));
        return Response.json(out);
      }
      return Response.noContent();
    }
  }

  /** Suggestions for an option being typed: at most 25, each named in 1 to 100 characters. */
  private Response autocompleteResult(
      Request r, String template, Interaction interaction, JsonNode data) {
    List<String> problems = new java.util.ArrayList<>();
    if (interaction.type != 4) {
      problems.add("type 8 answers only autocomplete interactions");
    }
    JsonNode choices = data.path("choices");
    if (!choices.isArray()) {
      problems.add("data.choices: required");
    } else {
      if (choices.size() > 25) {
        problems.add("data.choices: at most 25 choices, got " + choices.size());
      }
      for (int i = 0; i < choices.size(); i++) {
        JsonNode c = choices.get(i);
        int name = c.path("name").asText("").length();
        if (name < 1 || name > 100) {
          problems.add("data.choices[" + i + "].name: must be 1-100 characters");
        }
        if (c.path("value").isTextual() && c.path("value").asText().length() > 100) {
          problems.add("data.choices[" + i + "].value: must be at most 100 characters");
        }
        if (c.path("value").isMissingNode() || c.path("value").isNull()) {
          problems.add("data.choices[" + i + "].value: required");
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> discord.violation(r.method(), template, p));
      throw new DiscordError(400, 50035, "Invalid Form Body: " + String.join("; ", problems));
    }
    interaction.choices = choices.deepCopy();
    interaction.ackType = 8;
    interaction.acknowledgedAt = Instant.now();
    return Response.noContent();
  }

  private static void requireComponent(Interaction interaction, int type) {
    if (interaction.type != 3) {
      throw new DiscordError(
          400, 50035, "Invalid Form Body: callback type " + type + " is only for components");
    }
  }

  private Interaction liveToken(String token, String template, String method) {
    Interaction interaction = discord.interactions.get(token);
    if (interaction == null) {
      throw new DiscordError(401, 50027, "Invalid Webhook Token");
    }
    if (Duration.between(interaction.createdAt, Instant.now())
            .compareTo(SimulatedDiscord.TOKEN_LIFETIME)
        > 0) {
      discord.violation(method, template, "interaction token used after 15 minutes");
      throw new DiscordError(401, 50027, "Invalid Webhook Token");
    }
    return interaction;
  }

  private Response webhookMessage(Request r, String token, String which) {
    String template =
        which.equals("@original")
            ? "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
            : "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}";
    Interaction interaction = liveToken(token, template, r.method());
    long id =
        which.equals("@original")
            ? (interaction.originalMessageId == null ? -1 : interaction.originalMessageId)
            : Long.parseLong(which);
    Message message =
        discord.findMessage(id).orElseThrow(() -> new DiscordError(404, 10008, "Unknown Message"));
    switch (r.method()) {
      case "GET" -> {
        return Response.json(discord.messageJson(message));
      }
      case "DELETE" -> {
        message.deleted = true;
        return Response.noContent();
      }
      case "PATCH" -> {
        Body body = body(r);
        check(r.method(), template, body.json, DiscordLimits.message(body.json));
        ObjectNode merged = merge(message.body(), body.json);
        merged.remove("_deferred");
        merged.put("flags", merged.path("flags").asLong() & ~128L);
        message.edit(merged, attachmentsAfterEdit(message, body));
        discord.edited(message);
        return Response.json(discord.messageJson(message));
      }
      default -> throw new DiscordError(405, 0, "405: Method Not Allowed");
    }
  }

  private Response followUp(Request r, String token) {
    String template = "/webhooks/{webhook_id}/{webhook_token}";
    Interaction interaction = liveToken(token, template, r.method());
    if (interaction.acknowledgedAt == null) {
      throw new DiscordError(404, 10015, "Unknown Webhook");
    }
    Body body = body(r);
    check(r.method(), template, body.json, DiscordLimits.message(body.json));
    Message message = discord.post(interaction.channelId, body.json, body.files, token);
    return Response.json(discord.messageJson(message));
  }

  private Response channelMessages(Request r, long channelId) {
    Channel channel = channel(channelId);
    if (r.method().equals("GET")) {
      ArrayNode out = discord.json.createArrayNode();
      List<Message> list = new ArrayList<>(discord.messages.getOrDefault(channelId, List.of()));
      java.util.Collections.reverse(list);
      int limit = Integer.parseInt(r.query().getOrDefault("limit", "50"));
      list.stream()
          .filter(m -> !m.deleted && !m.ephemeral())
          .limit(Math.min(100, limit))
          .forEach(m -> out.add(discord.messageJson(m)));
      return Response.json(out);
    }
    if (!r.method().equals("POST")) {
      throw new DiscordError(405, 0, "405: Method Not Allowed");
    }
    requirePostable(channel);
    Body body = body(r);
    String template = "/channels/{channel_id}/messages";
    List<String> problems = new ArrayList<>(DiscordLimits.message(body.json));
    if (body.json.path("content").asText("").isEmpty()
        && body.json.path("embeds").isEmpty()
        && body.json.path("components").isEmpty()
        && body.files.isEmpty()) {
      problems.add("Cannot send an empty message");
    }
    check(r.method(), template, body.json, problems);
    // With enforce_nonce, Discord returns the earlier message for a nonce it saw recently.
    String nonce = body.json.path("nonce").asText("");
    if (!nonce.isEmpty() && body.json.path("enforce_nonce").asBoolean(false)) {
      for (Message m : discord.messages.getOrDefault(channelId, List.of())) {
        if (nonce.equals(m.body().path("nonce").asText(""))
            && Duration.between(m.createdAt, Instant.now()).toMinutes() < 10) {
          return Response.json(discord.messageJson(m));
        }
      }
    }
    Message message = discord.post(channelId, body.json, body.files, null);
    return Response.json(discord.messageJson(message));
  }

  private Response channelMessage(Request r, long channelId, long messageId) {
    Channel channel = channel(channelId);
    Message message =
        discord
            .findMessage(messageId)
            .filter(m -> m.channelId() == channelId)
            .orElseThrow(() -> new DiscordError(404, 10008, "Unknown Message"));
    String template = "/channels/{channel_id}/messages/{message_id}";
    switch (r.method()) {
      case "GET" -> {
        return Response.json(discord.messageJson(message));
      }
      case "DELETE" -> {
        message.deleted = true;
        return Response.noContent();
      }
      case "PATCH" -> {
        requirePostable(channel);
        Body body = body(r);
        check(r.method(), template, body.json, DiscordLimits.message(body.json));
        message.edit(merge(message.body(), body.json), attachmentsAfterEdit(message, body));
        discord.edited(message);
        return Response.json(discord.messageJson(message));
      }
      default -> throw new DiscordError(405, 0, "405: Method Not Allowed");
    }
  }

  private Response thread(Request r, long channelId, String template) {
    Channel parent = channel(channelId);
    requirePostable(parent);
    JsonNode body = parseJson(r.body());
    List<String> problems = new ArrayList<>();
    String name = body.path("name").asText("");
    if (name.isEmpty() || name.length() > 100) {
      problems.add("name: must be 1-100 characters");
    }
    check(r.method(), template, body, problems);
    Channel thread = new Channel(discord.ids.next(), discord.guildId(), name, 11, parent.id());
    discord.threads.put(thread.id(), thread);
    return Response.json(thread.json());
  }

  private Channel channel(long id) {
    return discord
        .channelById(id)
        .orElseThrow(() -> new DiscordError(404, 10003, "Unknown Channel"));
  }

  private void requirePostable(Channel channel) {
    if (discord.blockedChannels.getOrDefault(channel.id(), false)) {
      throw new DiscordError(403, 50001, "Missing Access");
    }
  }

  // ------------------------------------------------------------------ bodies

  private record Body(ObjectNode json, List<Attachment> files) {}

  private Body body(Request r) {
    String type = r.contentType() == null ? "application/json" : r.contentType();
    if (type.startsWith("multipart/form-data")) {
      ObjectNode json = discord.json.createObjectNode();
      List<Attachment> files = new ArrayList<>();
      for (Multipart.Part part : Multipart.parse(type, r.body())) {
        if ("payload_json".equals(part.name())) {
          JsonNode parsed = parseJson(part.data());
          if (!parsed.isObject()) {
            throw new DiscordError(400, 50035, "Invalid Form Body: payload_json must be an object");
          }
          json = (ObjectNode) parsed;
        } else if (part.name() != null && part.name().startsWith("files[")) {
          if (part.filename() == null || part.filename().isBlank()) {
            throw new DiscordError(400, 50035, "Invalid Form Body: a file needs a filename");
          }
          files.add(
              new Attachment(discord.ids.next(), part.filename(), part.contentType(), part.data()));
        }
      }
      return new Body(json, files);
    }
    JsonNode parsed = r.body().length == 0 ? discord.json.createObjectNode() : parseJson(r.body());
    if (!parsed.isObject()) {
      throw new DiscordError(400, 50035, "Invalid Form Body: expected a JSON object");
    }
    return new Body((ObjectNode) parsed, List.of());
  }

  private JsonNode parseJson(byte[] bytes) {
    try {
      return discord.json.readTree(bytes);
    } catch (IOException e) {
      throw new DiscordError(400, 50109, "The request body contains invalid JSON.");
    }
  }

  /** Applies an edit: fields present in the edit replace the message's. */
  private static ObjectNode merge(ObjectNode current, ObjectNode edit) {
    ObjectNode merged = current.deepCopy();
    edit.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
    return merged;
  }

  /**
   * Files sent with an edit are added; {@code attachments} in the body says which old ones stay.
   */
  private static List<Attachment> attachmentsAfterEdit(Message message, Body body) {
    if (!body.json.has("attachments") && body.files.isEmpty()) {
      return null;
    }
    List<Attachment> kept = new ArrayList<>();
    for (JsonNode a : body.json.path("attachments")) {
      for (Attachment existing : message.attachments()) {
        if (a.path("id").asText().equals(Long.toString(existing.id()))) {
          kept.add(existing);
        }
      }
    }
    kept.addAll(body.files);
    return kept;
  }

  /** Records and rejects a body that breaks Discord's schema or limits. */
  private void check(String method, String template, JsonNode body, List<String> limitProblems) {
    List<String> problems = new ArrayList<>(limitProblems);
    discord.schema.ifPresent(s -> problems.addAll(s.validate(method, template, body)));
    if (problems.isEmpty()) {
      return;
    }
    for (String p : problems) {
      discord.violation(method, template, p);
    }
    ObjectNode errors = discord.json.createObjectNode();
    ArrayNode list = errors.putArray("_errors");
    problems.forEach(p -> list.addObject().put("code", "BASE_TYPE_INVALID").put("message", p));
    throw new DiscordError(400, 50035, "Invalid Form Body", errors);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
