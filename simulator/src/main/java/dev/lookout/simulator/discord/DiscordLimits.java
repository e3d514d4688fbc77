package dev.lookout.simulator.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Discord's documented limits, which it enforces whatever the schema says: message and embed sizes,
 * components per row, custom ids, command names. Each problem is phrased as Discord's error body
 * would name it.
 */
final class DiscordLimits {
  private static final Pattern COMMAND_NAME = Pattern.compile("^[-_\\p{Ll}\\p{N}]{1,32}$");

  private DiscordLimits() {}

  static List<String> message(JsonNode body) {
    List<String> problems = new ArrayList<>();
    if (body == null || !body.isObject()) {
      return problems;
    }
    max(problems, "content", text(body, "content"), 2000);
    JsonNode embeds = body.path("embeds");
    if (embeds.isArray()) {
      if (embeds.size() > 10) {
        problems.add("embeds: at most 10 embeds, got " + embeds.size());
      }
      int total = 0;
      for (int i = 0; i < embeds.size(); i++) {
        JsonNode e = embeds.get(i);
        String at = "embeds[" + i + "].";
        total += max(problems, at + "title", text(e, "title"), 256);
        total += max(problems, at + "description", text(e, "description"), 4096);
        total += max(problems, at + "footer.text", text(e.path("footer"), "text"), 2048);
        total += max(problems, at + "author.name", text(e.path("author"), "name"), 256);
        JsonNode fields = e.path("fields");
        if (fields.size() > 25) {
          problems.add(at + "fields: at most 25 fields, got " + fields.size());
        }
        for (int f = 0; f < fields.size(); f++) {
          JsonNode field = fields.get(f);
          String name = text(field, "name");
          String value = text(field, "value");
          if (name.isEmpty() || value.isEmpty()) {
            problems.add(at + "fields[" + f + "]: name and value are required");
          }
          total += max(problems, at + "fields[" + f + "].name", name, 256);
          total += max(problems, at + "fields[" + f + "].value", value, 1024);
        }
      }
      if (total > 6000) {
        problems.add(
            "embeds: all embed text together must be at most 6000 characters, got " + total);
      }
    }
    components(problems, body.path("components"));
    problems.addAll(Mentions.problems(body.path("allowed_mentions")));
    return problems;
  }

  private static void components(List<String> problems, JsonNode rows) {
    if (!rows.isArray()) {
      return;
    }
    if (rows.size() > 5) {
      problems.add("components: at most 5 action rows, got " + rows.size());
    }
    for (int r = 0; r < rows.size(); r++) {
      JsonNode row = rows.get(r);
      String at = "components[" + r + "]";
      if (row.path("type").asInt() != 1) {
        problems.add(at + ": top-level components must be action rows (type 1)");
        continue;
      }
      JsonNode items = row.path("components");
      int buttons = 0;
      int selects = 0;
      for (int c = 0; c < items.size(); c++) {
        JsonNode item = items.get(c);
        String itemAt = at + ".components[" + c + "]";
        int type = item.path("type").asInt();
        if (type == 2) {
          buttons++;
          max(problems, itemAt + ".label", text(item, "label"), 80);
          if (item.path("style").asInt() != 5 && text(item, "custom_id").isEmpty()) {
            problems.add(itemAt + ".custom_id: required for a non-link button");
          }
        } else if (type >= 3 && type <= 8) {
          selects++;
          if (item.path("options").size() > 25) {
            problems.add(itemAt + ".options: at most 25 options");
          }
          max(problems, itemAt + ".placeholder", text(item, "placeholder"), 150);
        }
        max(problems, itemAt + ".custom_id", text(item, "custom_id"), 100);
      }
      if (buttons > 5) {
        problems.add(at + ": an action row holds at most 5 buttons, got " + buttons);
      }
      if (selects > 0 && (selects > 1 || buttons > 0)) {
        problems.add(at + ": a select menu must be alone in its action row");
      }
      if (items.isEmpty()) {
        problems.add(at + ": an action row needs at least one component");
      }
    }
  }

  static List<String> commands(JsonNode commands) {
    List<String> problems = new ArrayList<>();
    if (!commands.isArray()) {
      problems.add("commands: expected an array");
      return problems;
    }
    for (int i = 0; i < commands.size(); i++) {
      JsonNode c = commands.get(i);
      // Context-menu commands (types 2 and 3) have no description.
      command(problems, "[" + i + "]", c, c.path("type").asInt(1) == 1);
      options(problems, "[" + i + "]", c.path("options"));
    }
    return problems;
  }

  /**
   * An option list as Discord checks it when commands are registered: at most 25, unique names,
   * required ones first, and each option's constraints consistent with its type.
   */
  private static void options(List<String> problems, String at, JsonNode options) {
    if (options.size() > 25) {
      problems.add(at + ".options: at most 25 options");
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    boolean optionalSeen = false;
    for (int o = 0; o < options.size(); o++) {
      JsonNode option = options.get(o);
      String where = at + ".options[" + o + "]";
      command(problems, where, option, true);
      if (!names.add(text(option, "name"))) {
        problems.add(where + ".name: '" + text(option, "name") + "' is used twice");
      }
      int type = option.path("type").asInt();
      if (type == 1 || type == 2) {
        options(problems, where, option.path("options"));
        continue;
      }
      boolean required = option.path("required").asBoolean(false);
      if (required && optionalSeen) {
        problems.add(where + ": required options must be listed before optional ones");
      }
      optionalSeen |= !required;
      constraints(problems, where, option, type);
    }
  }

  private static void constraints(List<String> problems, String at, JsonNode option, int type) {
    boolean numeric = type == 4 || type == 10;
    if (!numeric && (option.has("min_value") || option.has("max_value"))) {
      problems.add(at + ": min_value and max_value are only for integer and number options");
    }
    if (type != 3 && (option.has("min_length") || option.has("max_length"))) {
      problems.add(at + ": min_length and max_length are only for string options");
    }
    if (numeric
        && option.has("min_value")
        && option.has("max_value")
        && option.get("min_value").decimalValue().compareTo(option.get("max_value").decimalValue())
            > 0) {
      problems.add(at + ": min_value is greater than max_value");
    }
    if (option.has("min_length")
        && (option.get("min_length").asInt() < 0 || option.get("min_length").asInt() > 6000)) {
      problems.add(at + ".min_length: must be 0 to 6000");
    }
    if (option.has("max_length")
        && (option.get("max_length").asInt() < 1 || option.get("max_length").asInt() > 6000)) {
      problems.add(at + ".max_length: must be 1 to 6000");
    }
    if (option.has("min_length")
        && option.has("max_length")
        && option.get("min_length").asInt() > option.get("max_length").asInt()) {
      problems.add(at + ": min_length is greater than max_length");
    }
    JsonNode choices = option.path("choices");
    if (choices.size() > 25) {
      problems.add(at + ".choices: at most 25 choices");
    }
    if (choices.size() > 0 && option.path("autocomplete").asBoolean(false)) {
      problems.add(at + ": an option with choices cannot autocomplete");
    }
    for (int c = 0; c < choices.size(); c++) {
      JsonNode choice = choices.get(c);
      int name = text(choice, "name").length();
      if (name < 1 || name > 100) {
        problems.add(at + ".choices[" + c + "].name: must be 1-100 characters");
      }
      if (type == 3 && text(choice, "value").length() > 100) {
        problems.add(at + ".choices[" + c + "].value: must be at most 100 characters");
      }
    }
  }

  private static void command(
      List<String> problems, String at, JsonNode c, boolean needsDescription) {
    String name = text(c, "name");
    if (!COMMAND_NAME.matcher(name).matches()) {
      problems.add(at + ".name: '" + name + "' must be 1-32 lowercase letters, digits, - or _");
    }
    String description = text(c, "description");
    if (needsDescription && (description.isEmpty() || description.length() > 100)) {
      problems.add(at + ".description: must be 1-100 characters, got " + description.length());
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isTextual() ? v.asText() : "";
  }

  /** Adds a problem when {@code value} is longer than {@code limit}; returns its length. */
  /** Discord counts text limits in UTF-16 units: an emoji outside the BMP counts as two. */
  private static int max(List<String> problems, String field, String value, int limit) {
    int length = value.length();
    if (length > limit) {
      problems.add(field + ": must be at most " + limit + " characters, got " + length);
    }
    return length;
  }
}
