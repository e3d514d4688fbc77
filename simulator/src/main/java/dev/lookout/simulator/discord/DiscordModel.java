package dev.lookout.simulator.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The records the simulated Discord keeps: guilds and who is in them, messages, interactions. */
public final class DiscordModel {
  private DiscordModel() {}

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Permission bits the bot checks. */
  public static final long MANAGE_CHANNELS = 1L << 4;

  public static final long ADMINISTRATOR = 1L << 3;
  public static final long SEND_MESSAGES = 1L << 11;
  public static final long VIEW_CHANNEL = 1L << 10;

  /** View, send, embed links, attach files, read history, create threads, send in threads. */
  public static final long BOT_PERMISSIONS =
      (1L << 10) | (1L << 11) | (1L << 14) | (1L << 15) | (1L << 16) | (1L << 35) | (1L << 38);

  public static final long EVERYONE_PERMISSIONS =
      VIEW_CHANNEL | SEND_MESSAGES | (1L << 16) | (1L << 31); // + read history, use commands

  public record Role(long id, String name, long permissions, int position) {
    ObjectNode json() {
      ObjectNode n = JSON.objectNode();
      n.put("id", Long.toString(id));
      n.put("name", name);
      n.put("color", 0);
      ObjectNode colors = n.putObject("colors");
      colors.put("primary_color", 0);
      colors.putNull("secondary_color");
      colors.putNull("tertiary_color");
      n.put("hoist", false);
      n.put("position", position);
      n.put("permissions", Long.toString(permissions));
      n.put("managed", false);
      n.put("mentionable", false);
      n.put("flags", 0);
      return n;
    }
  }

  /**
   * A channel; type 0 is a text channel, 11 a public thread.
   *
   * @param postable false when the bot may no longer post here (to simulate lost permissions)
   */
  public record Channel(long id, long guildId, String name, int type, long parentId) {
    ObjectNode json() {
      ObjectNode n = JSON.objectNode();
      n.put("id", Long.toString(id));
      n.put("type", type);
      n.put("guild_id", Long.toString(guildId));
      n.put("name", name);
      n.put("position", 0);
      n.putArray("permission_overwrites");
      n.put("nsfw", false);
      n.put("rate_limit_per_user", 0);
      if (parentId != 0) {
        n.put("parent_id", Long.toString(parentId));
      } else {
        n.putNull("parent_id");
      }
      if (type == 11) {
        n.put("owner_id", "0");
        n.put("message_count", 0);
        n.put("member_count", 1);
        ObjectNode meta = n.putObject("thread_metadata");
        meta.put("archived", false);
        meta.put("auto_archive_duration", 1440);
        meta.put("archive_timestamp", Instant.now().toString());
        meta.put("locked", false);
      }
      return n;
    }
  }

  public record User(long id, String username, boolean bot) {
    ObjectNode json() {
      ObjectNode n = JSON.objectNode();
      n.put("id", Long.toString(id));
      n.put("username", username);
      n.put("discriminator", "0");
      n.put("global_name", username);
      n.putNull("avatar");
      n.put("bot", bot);
      n.put("public_flags", 0);
      return n;
    }
  }

  public record Member(User user, List<Long> roles) {
    ObjectNode json() {
      ObjectNode n = JSON.objectNode();
      n.set("user", user.json());
      ArrayNode r = n.putArray("roles");
      roles.forEach(id -> r.add(Long.toString(id)));
      n.put("joined_at", "2026-01-01T00:00:00.000000+00:00");
      n.put("deaf", false);
      n.put("mute", false);
      n.put("flags", 0);
      n.put("pending", false);
      n.putNull("nick");
      n.putNull("avatar");
      n.putNull("premium_since");
      n.putNull("communication_disabled_until");
      return n;
    }
  }

  public record Guild(
      long id,
      String name,
      long ownerId,
      List<Role> roles,
      List<Channel> channels,
      List<Member> members) {}

  /** A file attached to a message. */
  public record Attachment(long id, String filename, String contentType, byte[] data) {}

  /** A message as it is now, with the versions it had before each edit. */
  public static final class Message {
    final long id;
    final long channelId;
    final User author;
    final Instant createdAt;
    final String interactionToken;
    volatile ObjectNode body;
    volatile List<Attachment> attachments;
    final List<ObjectNode> history = new ArrayList<>();
    volatile Instant editedAt;
    final boolean ephemeral;

    public Instant editedAt() {
      return editedAt;
    }

    volatile boolean deleted;

    Message(
        long id,
        long channelId,
        User author,
        ObjectNode body,
        List<Attachment> attachments,
        boolean ephemeral,
        String interactionToken) {
      this.id = id;
      this.channelId = channelId;
      this.author = author;
      this.body = body;
      this.attachments = List.copyOf(attachments);
      this.ephemeral = ephemeral;
      this.createdAt = Instant.now();
      this.interactionToken = interactionToken;
    }

    public long id() {
      return id;
    }

    public long channelId() {
      return channelId;
    }

    public boolean ephemeral() {
      return ephemeral;
    }

    /** Whether the bot sent this as the response to an interaction, not as a post of its own. */
    public boolean interactionResponse() {
      return interactionToken != null;
    }

    /** Whom the message pings, as Discord decides from its content and allowed_mentions. */
    public Mentions mentions() {
      return Mentions.of(body);
    }

    /** The message's current content, embeds and components, as the bot last sent them. */
    public ObjectNode body() {
      return body;
    }

    public List<Attachment> attachments() {
      return attachments;
    }

    /** Previous versions, oldest first. */
    public synchronized List<ObjectNode> history() {
      return List.copyOf(history);
    }

    synchronized void edit(ObjectNode newBody, List<Attachment> newAttachments) {
      history.add(body);
      body = newBody;
      if (newAttachments != null) {
        attachments = List.copyOf(newAttachments);
      }
      editedAt = Instant.now();
    }
  }

  /** An interaction Discord sent, and what the bot did with it. */
  static final class Interaction {
    final long id;
    final String token;
    final int type;
    final long channelId;
    final Member member;
    final Instant createdAt;
    final Long messageId;
    volatile Instant acknowledgedAt;
    volatile int ackType;
    volatile Long originalMessageId;

    /** The choices the bot suggested for an autocomplete interaction. */
    volatile com.fasterxml.jackson.databind.JsonNode choices;

    Interaction(long id, String token, int type, long channelId, Member member, Long messageId) {
      this.id = id;
      this.token = token;
      this.type = type;
      this.channelId = channelId;
      this.member = member;
      this.messageId = messageId;
      this.createdAt = Instant.now();
    }
  }

  /** A request the bot sent that Discord would have rejected. */
  public record Violation(String method, String route, String problem) {}
}
