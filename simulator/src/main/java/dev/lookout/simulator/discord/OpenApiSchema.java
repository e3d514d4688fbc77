package dev.lookout.simulator.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord's published OpenAPI schema, used to check each request body the bot sends. A route's
 * schema is compiled on first use, with the document's components beside it so its references
 * resolve.
 */
final class OpenApiSchema {
  private static final Logger LOG = LoggerFactory.getLogger(OpenApiSchema.class);

  private final JsonNode paths;
  private final JsonNode components;
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private final Map<String, Optional<JsonSchema>> compiled = new ConcurrentHashMap<>();

  private final boolean tagged;

  private OpenApiSchema(JsonNode document, boolean tagged) {
    this.paths = document.path("paths");
    this.components = idsAsNumbersToo(document.path("components").deepCopy());
    this.tagged = tagged;
    if (tagged) {
      TaggedUnions.rewrite(components, components.path("schemas"));
    }
  }

  /**
   * Discord reads a snowflake written as a JSON number as it reads the same digits in a string (JDA
   * sends a new attachment's id as the number 0); the schema types every id as a string of digits.
   * Its one snowflake type is widened to a whole number from 0 as well, so that an id is judged in
   * one pass rather than failed, rewritten and checked again.
   */
  private static JsonNode idsAsNumbersToo(JsonNode components) {
    JsonNode snowflake = components.path("schemas").path("SnowflakeType");
    if (components.path("schemas") instanceof ObjectNode schemas && snowflake.isObject()) {
      ObjectNode either = DiscordModel.JSON.objectNode();
      either
          .putArray("anyOf")
          .add(snowflake)
          .add(DiscordModel.JSON.objectNode().put("type", "integer").put("minimum", 0));
      schemas.set("SnowflakeType", either);
    }
    return components;
  }

  /** Loads the schema from {@code file}, or empty when the file is not there. */
  static Optional<OpenApiSchema> load(Path file, ObjectMapper json) {
    return load(file, json, true);
  }

  /**
   * @param tagged whether tagged unions are checked as such ({@link TaggedUnions}); false checks
   *     the schema as published, for the test that both judge alike
   */
  static Optional<OpenApiSchema> load(Path file, ObjectMapper json, boolean tagged) {
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new OpenApiSchema(json.readTree(file.toFile()), tagged));
    } catch (IOException e) {
      LOG.warn("cannot read Discord's OpenAPI schema at {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Checks {@code body} against the request schema of {@code method} on the OpenAPI path template
   * {@code template} (such as {@code /channels/{channel_id}/messages}).
   */
  List<String> validate(String method, String template, JsonNode body) {
    Optional<JsonSchema> schema =
        compiled.computeIfAbsent(method + " " + template, key -> compile(method, template));
    if (schema.isEmpty()) {
      return List.of();
    }
    // Discord reads integers written as strings and ids written as numbers alike (JDA sends both,
    // such as a new attachment's id 0); the schema does not say so. A value of the wrong one of
    // the two is read as the other and the body checked again, so that a union (oneOf) around it
    // is judged on the value Discord would see, not failed for its spelling.
    // Each value is read the other way at most once (several branches may complain about it).
    JsonNode checked = body;
    Set<ValidationMessage> messages = schema.get().validate(checked);
    Set<String> coercedAt = new java.util.HashSet<>();
    for (int round = 0; round < 4; round++) {
      JsonNode coerced = checked.deepCopy();
      boolean changed = false;
      for (ValidationMessage m : messages) {
        if ("type".equals(m.getType()) && coercedAt.add(m.getInstanceLocation().toString())) {
          changed |= coerce(coerced, m.getInstanceLocation());
        }
      }
      if (!changed) {
        break;
      }
      checked = coerced;
      messages = schema.get().validate(checked);
    }
    List<String> problems = new ArrayList<>();
    for (ValidationMessage m : messages) {
      problems.add("schema: " + m.getMessage());
    }
    return problems;
  }

  /** Rewrites a numeric value at {@code location} the other way: 0 ⇄ "0"; false if not numeric. */
  private static boolean coerce(JsonNode root, com.networknt.schema.JsonNodePath location) {
    if (location.getNameCount() == 0) {
      return false;
    }
    JsonNode parent = root;
    for (int i = 0; i < location.getNameCount() - 1; i++) {
      Object element = location.getElement(i);
      parent =
          element instanceof Integer index ? parent.path(index) : parent.path(element.toString());
    }
    Object last = location.getElement(location.getNameCount() - 1);
    JsonNode value =
        last instanceof Integer index ? parent.path(index) : parent.path(last.toString());
    JsonNode other;
    if (value.isIntegralNumber()) {
      other = com.fasterxml.jackson.databind.node.TextNode.valueOf(value.asText());
    } else if (value.isTextual() && value.asText().matches("-?\\d{1,19}")) {
      try {
        other =
            com.fasterxml.jackson.databind.node.LongNode.valueOf(Long.parseLong(value.asText()));
      } catch (NumberFormatException e) {
        return false;
      }
    } else {
      return false;
    }
    if (parent instanceof ObjectNode o && !(last instanceof Integer)) {
      o.set(last.toString(), other);
      return true;
    }
    if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode a
        && last instanceof Integer index) {
      a.set(index, other);
      return true;
    }
    return false;
  }

  private Optional<JsonSchema> compile(String method, String template) {
    JsonNode op = paths.path(template).path(method.toLowerCase(java.util.Locale.ROOT));
    JsonNode schema =
        op.path("requestBody").path("content").path("application/json").path("schema");
    if (schema.isMissingNode()) {
      return Optional.empty();
    }
    ObjectNode root = DiscordModel.JSON.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("components", components);
    JsonNode request = stripVendorKeys(schema.deepCopy());
    if (tagged) {
      TaggedUnions.rewrite(request, components.path("schemas"));
    }
    root.set("allOf", DiscordModel.JSON.arrayNode().add(request));
    return Optional.of(factory.getSchema(root));
  }

  /** Removes {@code x-discord-*} annotations, which are not JSON Schema keywords. */
  private static JsonNode stripVendorKeys(JsonNode node) {
    if (node.isObject()) {
      Iterator<String> names = node.fieldNames();
      List<String> vendor = new ArrayList<>();
      while (names.hasNext()) {
        String n = names.next();
        if (n.startsWith("x-")) {
          vendor.add(n);
        }
      }
      ((ObjectNode) node).remove(vendor);
      node.forEach(OpenApiSchema::stripVendorKeys);
    } else if (node.isArray()) {
      node.forEach(OpenApiSchema::stripVendorKeys);
    }
    return node;
  }
}
