package dev.lookout.simulator.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whom a message pings, decided as Discord decides it: from the mentions written in its content
 * (never its embeds), filtered by the message's {@code allowed_mentions}. Without {@code
 * allowed_mentions} every mention in the content pings, which is why a bot must send it.
 *
 * @param everyone whether {@code @everyone} or {@code @here} pings
 * @param users the user ids pinged
 * @param roles the role ids pinged
 */
public record Mentions(boolean everyone, List<Long> users, List<Long> roles) {
  private static final Pattern USER = Pattern.compile("<@!?(\\d{1,20})>");
  private static final Pattern ROLE = Pattern.compile("<@&(\\d{1,20})>");
  private static final Pattern EVERYONE = Pattern.compile("@(everyone|here)");
  private static final Set<String> TYPES = Set.of("users", "roles", "everyone");

  public Mentions {
    users = List.copyOf(users);
    roles = List.copyOf(roles);
  }

  /** Whether the message pings anyone at all. */
  public boolean pingsAnyone() {
    return everyone || !users.isEmpty() || !roles.isEmpty();
  }

  /** The pings of a message body as the bot sent it. */
  public static Mentions of(JsonNode body) {
    String content = body.path("content").asText("");
    JsonNode allowed = body.path("allowed_mentions");
    boolean all = !allowed.isObject();
    Set<String> parse = new LinkedHashSet<>();
    allowed.path("parse").forEach(p -> parse.add(p.asText()));
    Set<Long> allowedUsers = ids(allowed.path("users"));
    Set<Long> allowedRoles = ids(allowed.path("roles"));
    List<Long> users = new ArrayList<>();
    for (long id : found(USER, content)) {
      if (all || parse.contains("users") || allowedUsers.contains(id)) {
        users.add(id);
      }
    }
    List<Long> roles = new ArrayList<>();
    for (long id : found(ROLE, content)) {
      if (all || parse.contains("roles") || allowedRoles.contains(id)) {
        roles.add(id);
      }
    }
    boolean everyone = (all || parse.contains("everyone")) && EVERYONE.matcher(content).find();
    return new Mentions(everyone, users, roles);
  }

  /** What Discord refuses in an {@code allowed_mentions} object, as form errors. */
  static List<String> problems(JsonNode allowed) {
    List<String> problems = new ArrayList<>();
    if (allowed.isMissingNode() || allowed.isNull()) {
      return problems;
    }
    if (!allowed.isObject()) {
      problems.add("allowed_mentions: must be an object");
      return problems;
    }
    Set<String> parse = new LinkedHashSet<>();
    for (JsonNode p : allowed.path("parse")) {
      if (!TYPES.contains(p.asText())) {
        problems.add(
            "allowed_mentions.parse: '" + p.asText() + "' is not users, roles or everyone");
      }
      parse.add(p.asText());
    }
    for (String list : List.of("users", "roles")) {
      JsonNode ids = allowed.path(list);
      if (ids.size() > 100) {
        problems.add("allowed_mentions." + list + ": at most 100 ids, got " + ids.size());
      }
      if (parse.contains(list) && ids.size() > 0) {
        problems.add(
            "allowed_mentions: parse:[\""
                + list
                + "\"] and "
                + list
                + ": [ids] are mutually exclusive");
      }
    }
    return problems;
  }

  private static Set<Long> ids(JsonNode array) {
    Set<Long> out = new LinkedHashSet<>();
    for (JsonNode id : array) {
      try {
        out.add(Long.parseLong(id.asText()));
      } catch (NumberFormatException e) {
        // not an id: mentions nobody
      }
    }
    return out;
  }

  private static Set<Long> found(Pattern pattern, String content) {
    Set<Long> out = new LinkedHashSet<>();
    Matcher m = pattern.matcher(content);
    while (m.find()) {
      try {
        out.add(Long.parseLong(m.group(1)));
      } catch (NumberFormatException e) {
        // longer than any snowflake: not a mention
      }
    }
    return out;
  }
}
