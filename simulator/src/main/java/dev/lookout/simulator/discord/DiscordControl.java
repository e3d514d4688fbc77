package dev.lookout.simulator.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lookout.simulator.discord.DiscordModel.Attachment;
import dev.lookout.simulator.discord.DiscordModel.Message;
import dev.lookout.simulator.discord.DiscordRest.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control API, over HTTP, for tests, the demo and outside tools: act as a member (run a slash
 * command, click a button), read a channel, drop the gateway, list violations.
 *
 * <pre>
 * POST /control/commands      {"user":"alice","channel":"ops","name":"status","options":{...},"roles":[...]}
 *                             (options Discord would refuse: 400 with Discord's Invalid Form Body;
 *                             "modified_client":true sends them past those checks to the bot)
 * POST /control/clicks        {"user":"alice","message_id":"...","custom_id":"...","values":[...]}
 * GET  /control/channels/{channel}/messages
 * POST /control/channels/{channel}/block   {"blocked":true}
 * POST /control/failures      {"status":500,"count":5}   (channel routes fail, then recover;
 *                             "routes":"callbacks" fails interaction callbacks instead,
 *                             "routes":"all" every API route)
 * POST /control/gateway/drop
 * POST /control/gateway/down  {"down":true}
 * GET  /control/gateway
 * GET  /control/violations
 * GET  /control/guild
 * </pre>
 */
final class DiscordControl {
  private final SimulatedDiscord discord;

  DiscordControl(SimulatedDiscord discord) {
    this.discord = discord;
  }

  Response handle(String method, String path, byte[] body) {
    String[] parts = path.split("/");
    JsonNode in = parse(body);
    if (method.equals("POST") && path.equals("/control/commands")) {
      Map<String, Object> options = new LinkedHashMap<>();
      in.path("options")
          .fields()
          .forEachRemaining(
              e ->
                  options.put(
                      e.getKey(),
                      e.getValue().isNumber()
                          ? e.getValue().numberValue()
                          : e.getValue().isBoolean()
                              ? e.getValue().asBoolean()
                              : e.getValue().asText()));
      try {
        InteractionHandle h =
            in.path("modified_client").asBoolean(false)
                ? discord.commandAsModifiedClient(
                    required(in, "user"), required(in, "channel"), required(in, "name"), options)
                : discord.command(
                    required(in, "user"),
                    required(in, "channel"),
                    required(in, "name"),
                    options,
                    roles(in));
        return interaction(h);
      } catch (InteractionRejected e) {
        return new Response(400, e.error()); // what the member's client is told; the bot sees none
      }
    }
    if (method.equals("POST") && path.equals("/control/clicks")) {
      List<String> values = new ArrayList<>();
      in.path("values").forEach(v -> values.add(v.asText()));
      InteractionHandle h =
          discord.click(
              required(in, "user"),
              Long.parseLong(required(in, "message_id")),
              required(in, "custom_id"),
              values,
              roles(in));
      return interaction(h);
    }
    if (method.equals("GET")
        && parts.length == 5
        && parts[2].equals("channels")
        && parts[4].equals("messages")) {
      ArrayNode out = discord.json.createArrayNode();
      for (Message m : discord.messages(parts[3])) {
        out.add(describe(m));
      }
      return Response.json(out);
    }
    if (method.equals("POST")
        && parts.length == 5
        && parts[2].equals("channels")
        && parts[4].equals("block")) {
      discord.blockChannel(parts[3], in.path("blocked").asBoolean(true));
      return Response.noContent();
    }
    if (method.equals("POST") && path.equals("/control/failures")) {
      int status = in.path("status").asInt(500);
      int count = in.path("count").asInt(1);
      switch (in.path("routes").asText("channels")) {
        case "channels" -> discord.failChannelRequests(status, count);
        case "callbacks" -> discord.failInteractionCallbacks(status, count);
        case "all" -> discord.failEveryRequest(status, count);
        default -> throw new IllegalArgumentException("routes is channels, callbacks or all");
      }
      return Response.noContent();
    }
    if (method.equals("POST") && path.equals("/control/gateway/drop")) {
      discord.dropGateway();
      return Response.noContent();
    }
    if (method.equals("POST") && path.equals("/control/gateway/down")) {
      discord.gatewayDown(in.path("down").asBoolean(true));
      return Response.noContent();
    }
    if (method.equals("GET") && path.equals("/control/gateway")) {
      ObjectNode out = discord.json.createObjectNode();
      out.put("connected", discord.gatewayConnected());
      return Response.json(out);
    }
    if (method.equals("GET") && path.equals("/control/violations")) {
      return Response.json(discord.violations());
    }
    if (method.equals("GET") && path.equals("/control/guild")) {
      ObjectNode out = discord.guildPayload();
      out.retain("id", "name", "channels", "roles", "members");
      return Response.json(out);
    }
    return null;
  }

  /** A message as the control API shows it: the bot's body plus what Discord added. */
  ObjectNode describe(Message m) {
    ObjectNode n = discord.messageJson(m);
    n.put("ephemeral", m.ephemeral());
    n.put("edits", m.history().size());
    ArrayNode files = discord.json.createArrayNode();
    for (Attachment a : m.attachments()) {
      files.addObject().put("filename", a.filename()).put("size", a.data().length);
    }
    n.set("files", files);
    return n;
  }

  private Response interaction(InteractionHandle h) {
    ObjectNode out = discord.json.createObjectNode();
    out.put("interaction_id", Long.toString(h.id()));
    out.put("token", h.token());
    return Response.json(out);
  }

  private static List<String> roles(JsonNode in) {
    if (!in.has("roles")) {
      return null;
    }
    List<String> roles = new ArrayList<>();
    in.path("roles").forEach(r -> roles.add(r.asText()));
    return roles;
  }

  private static String required(JsonNode in, String field) {
    String v = in.path(field).asText("");
    if (v.isEmpty()) {
      throw new IllegalArgumentException("'" + field + "' is required");
    }
    return v;
  }

  private JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return discord.json.createObjectNode();
    }
    try {
      return discord.json.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
    }
  }
}
