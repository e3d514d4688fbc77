package dev.lookout.simulator.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a {@code oneOf} whose branches are told apart by a tag into a chain of {@code if}/{@code
 * then}, a schema that accepts and refuses exactly the same bodies but is checked in a fraction of
 * the time.
 *
 * <p>Discord's schema writes its unions (components, embeds' parts, callback types) as {@code
 * oneOf}, each branch an object that requires a property (such as {@code type}) of one value of its
 * own. A validator checks a body against every branch to count how many match, building an error
 * for each that does not; but when the branches' tags differ, at most one branch can match: the one
 * whose tag the body carries. So "exactly one branch matches" is "the branch of the body's tag
 * matches", which the chain checks directly, and a body whose tag is none of them is refused with
 * the tags allowed. An integer tag is matched also when written as a string of its digits, as
 * Discord reads it (and as the validator's coercion of a number's spelling did before).
 */
final class TaggedUnions {
  private TaggedUnions() {}

  /** Rewrites every tagged union under {@code node}, resolving references in {@code schemas}. */
  static void rewrite(JsonNode node, JsonNode schemas) {
    if (node instanceof ObjectNode object) {
      if (object.get("oneOf") instanceof ArrayNode branches) {
        tag(branches, schemas)
            .ifPresent(
                tag -> {
                  object.remove("oneOf");
                  ArrayNode all =
                      object.get("allOf") instanceof ArrayNode a ? a : object.putArray("allOf");
                  all.add(chain(branches, tag, schemas, 0));
                });
      }
      Iterator<JsonNode> children = object.elements();
      while (children.hasNext()) {
        rewrite(children.next(), schemas);
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(child -> rewrite(child, schemas));
    }
  }

  /** The property that tells the branches apart, if every branch requires it with its own value. */
  private static Optional<String> tag(ArrayNode branches, JsonNode schemas) {
    if (branches.size() < 2) {
      return Optional.empty();
    }
    Set<String> common = null;
    for (JsonNode branch : branches) {
      JsonNode b = resolve(branch, schemas);
      if (!"object".equals(b.path("type").asText(null))) {
        return Optional.empty();
      }
      Set<String> tags = new HashSet<>();
      for (JsonNode required : b.path("required")) {
        if (value(b.path("properties").path(required.asText()), schemas).isPresent()) {
          tags.add(required.asText());
        }
      }
      if (common == null) {
        common = tags;
      } else {
        common.retainAll(tags);
      }
    }
    for (String candidate : common) {
      Set<JsonNode> values = new HashSet<>();
      boolean distinct = true;
      for (JsonNode branch : branches) {
        JsonNode b = resolve(branch, schemas);
        distinct &= values.add(value(b.path("properties").path(candidate), schemas).orElseThrow());
      }
      if (distinct) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The one value a property schema allows ({@code const}, or an {@code enum} of one). */
  private static Optional<JsonNode> value(JsonNode property, JsonNode schemas) {
    JsonNode p = resolve(property, schemas);
    if (p.has("const")) {
      return Optional.of(p.get("const"));
    }
    if (p.path("enum").isArray() && p.path("enum").size() == 1) {
      return Optional.of(p.path("enum").get(0));
    }
    return Optional.empty();
  }

  /** If the body's tag is branch {@code i}'s, that branch; else the next; else refused. */
  private static JsonNode chain(ArrayNode branches, String tag, JsonNode schemas, int i) {
    if (i == branches.size()) {
      List<JsonNode> all = new ArrayList<>();
      branches.forEach(b -> all.addAll(spellings(tagOf(b, tag, schemas))));
      return tagged(tag, all);
    }
    ObjectNode link = DiscordModel.JSON.objectNode();
    link.set("if", tagged(tag, spellings(tagOf(branches.get(i), tag, schemas))));
    link.set("then", branches.get(i));
    link.set("else", chain(branches, tag, schemas, i + 1));
    return link;
  }

  private static JsonNode tagOf(JsonNode branch, String tag, JsonNode schemas) {
    return value(resolve(branch, schemas).path("properties").path(tag), schemas).orElseThrow();
  }

  /** An object whose {@code tag} is one of {@code values}. */
  private static ObjectNode tagged(String tag, List<JsonNode> values) {
    ObjectNode s = DiscordModel.JSON.objectNode();
    s.put("type", "object");
    s.putArray("required").add(tag);
    ArrayNode allowed = s.putObject("properties").putObject(tag).putArray("enum");
    values.forEach(allowed::add);
    return s;
  }

  /** A tag's value, and for an integer the string of its digits too. */
  private static List<JsonNode> spellings(JsonNode value) {
    return value.isIntegralNumber()
        ? List.of(value, TextNode.valueOf(value.asText()))
        : List.of(value);
  }

  private static JsonNode resolve(JsonNode node, JsonNode schemas) {
    JsonNode n = node;
    for (int hops = 0; hops < 16 && n.has("$ref"); hops++) {
      String ref = n.get("$ref").asText();
      if (!ref.startsWith("#/components/schemas/")) {
        return n;
      }
      n = schemas.path(ref.substring("#/components/schemas/".length()));
    }
    return n;
  }
}
