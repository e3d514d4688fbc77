package dev.lookout.simulator.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of a slash command as a member's client sends them, checked as Discord checks them
 * against what the bot registered: the option exists, its value has the option's type, lies within
 * {@code min_value}/{@code max_value} or {@code min_length}/{@code max_length} (strings counted in
 * UTF-16 units, at most 6000), is one of the {@code choices} when there are any, and every required
 * option is given. Discord answers a violation with an Invalid Form Body error and never delivers
 * the interaction; a modified client can get past these checks, so the bot must check again.
 */
final class CommandOptions {
  /** Discord's integers and numbers lie within ±2^53. */
  static final double LARGEST = 9_007_199_254_740_992d;

  static final int STRING_MAX = 6000;

  private final ObjectMapper json;
  private final boolean checked;
  private final Map<String, List<ObjectNode>> problems = new LinkedHashMap<>();

  private CommandOptions(ObjectMapper json, boolean checked) {
    this.json = json;
    this.checked = checked;
  }

  /**
   * Builds the {@code options} array of an interaction from values by name.
   *
   * @param path where the array sits in the interaction, for error paths: {@code data.options}
   * @param checked whether to check them as Discord does (false: as a modified client sends them)
   * @throws InteractionRejected when checked and Discord would refuse them
   */
  static ArrayNode build(
      ObjectMapper json, JsonNode spec, Map<String, Object> values, String path, boolean checked) {
    CommandOptions o = new CommandOptions(json, checked);
    ArrayNode out = o.options(spec, values, path);
    if (!o.problems.isEmpty()) {
      throw new InteractionRejected(o.error());
    }
    return out;
  }

  private ArrayNode options(JsonNode spec, Map<String, Object> values, String path) {
    ArrayNode out = json.createArrayNode();
    int index = 0;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      JsonNode optionSpec = option(spec, e.getKey());
      ObjectNode o = out.addObject();
      o.put("name", e.getKey());
      int type = optionSpec.path("type").asInt();
      o.put("type", type);
      value(o, optionSpec, e.getValue(), path + "." + index + ".value");
      index++;
    }
    if (checked) {
      for (JsonNode o : spec.path("options")) {
        String name = o.path("name").asText();
        if (o.path("required").asBoolean(false) && !values.containsKey(name)) {
          problem(path + "." + name, "BASE_TYPE_REQUIRED", "This field is required");
        }
      }
    }
    return out;
  }

  private void value(ObjectNode o, JsonNode spec, Object v, String path) {
    int type = spec.path("type").asInt();
    switch (type) {
      case 4, 10 -> number(o, spec, v, path, type == 4);
      case 5 -> {
        if (v instanceof Boolean b) {
          o.put("value", b);
        } else if (!checked) {
          o.put("value", String.valueOf(v));
        } else if (v.toString().equals("true") || v.toString().equals("false")) {
          o.put("value", Boolean.parseBoolean(v.toString()));
        } else {
          problem(path, "BOOLEAN_TYPE_COERCE", "Value \"" + v + "\" is not a boolean.");
        }
      }
      case 3 -> {
        String s = v.toString();
        o.put("value", s);
        if (!checked) {
          return;
        }
        int length = s.length(); // UTF-16 units, as Discord counts
        int max = spec.path("max_length").asInt(STRING_MAX);
        int min = spec.path("min_length").asInt(0);
        if (length > max) {
          problem(path, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.");
        } else if (length < min) {
          problem(path, "BASE_TYPE_MIN_LENGTH", "Must be " + min + " or more in length.");
        }
        choice(spec, o.get("value"), path);
      }
      default -> o.put("value", v.toString()); // users, channels, roles, mentionables: snowflakes
    }
  }

  private void number(ObjectNode o, JsonNode spec, Object v, String path, boolean integer) {
    String kind = integer ? "int" : "float";
    BigDecimal d = decimal(v);
    // An integer field takes digits only: "1e30" and "2.0" are not integers as typed.
    boolean digits = !(v instanceof CharSequence) || v.toString().trim().matches("[-+]?\\d+");
    if (d == null || (integer && (!digits || d.stripTrailingZeros().scale() > 0))) {
      if (checked) {
        problem(path, "NUMBER_TYPE_COERCE", "Value \"" + v + "\" is not " + kind + ".");
      } else {
        o.put("value", v.toString()); // a modified client sends what it likes
      }
      return;
    }
    if (integer && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
      o.put("value", d.longValueExact());
    } else if (integer) {
      o.put("value", d.toBigInteger());
    } else {
      o.put("value", d.doubleValue());
    }
    if (!checked) {
      return;
    }
    if (d.abs().compareTo(BigDecimal.valueOf(LARGEST)) > 0) {
      problem(
          path,
          "NUMBER_TYPE_MAX",
          kind + " value should be less than or equal to " + (long) LARGEST + ".");
      return;
    }
    if (spec.has("max_value") && d.compareTo(spec.get("max_value").decimalValue()) > 0) {
      problem(
          path,
          "NUMBER_TYPE_MAX",
          kind + " value should be less than or equal to " + spec.get("max_value").asText() + ".");
    } else if (spec.has("min_value") && d.compareTo(spec.get("min_value").decimalValue()) < 0) {
      problem(
          path,
          "NUMBER_TYPE_MIN",
          kind
              + " value should be greater than or equal to "
              + spec.get("min_value").asText()
              + ".");
    }
    choice(spec, o.get("value"), path);
  }

  /** A number as the client's field reads it: decimal digits, an exponent; never NaN or ∞. */
  private static BigDecimal decimal(Object v) {
    if (v instanceof Integer || v instanceof Long) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof Double || v instanceof Float) {
      double x = ((Number) v).doubleValue();
      return Double.isFinite(x) ? BigDecimal.valueOf(x) : null;
    }
    if (v instanceof BigDecimal b) {
      return b;
    }
    if (v instanceof java.math.BigInteger b) {
      return new BigDecimal(b);
    }
    try {
      return new BigDecimal(v.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void choice(JsonNode spec, JsonNode value, String path) {
    JsonNode choices = spec.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      return;
    }
    List<String> allowed = new ArrayList<>();
    for (JsonNode c : choices) {
      if (c.path("value").asText().equals(value.asText())) {
        return;
      }
      allowed.add(c.path("value").asText());
    }
    problem(path, "BASE_TYPE_CHOICES", "Value must be one of " + allowed + ".");
  }

  private void problem(String path, String code, String message) {
    ObjectNode p = json.createObjectNode();
    p.put("code", code);
    p.put("message", message);
    problems.computeIfAbsent(path, k -> new ArrayList<>()).add(p);
  }

  /** Discord's error shape: nested objects along the path, each ending in {@code _errors}. */
  private ObjectNode error() {
    ObjectNode error = json.createObjectNode();
    error.put("code", 50035);
    error.put("message", "Invalid Form Body");
    ObjectNode errors = error.putObject("errors");
    problems.forEach(
        (path, list) -> {
          ObjectNode at = errors;
          for (String part : path.split("\\.")) {
            at = at.has(part) ? (ObjectNode) at.get(part) : at.putObject(part);
          }
          ArrayNode e = at.withArray("_errors");
          list.forEach(e::add);
        });
    return error;
  }

  static JsonNode option(JsonNode command, String name) {
    for (JsonNode o : command.path("options")) {
      if (o.path("name").asText().equals(name)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "/" + command.path("name").asText() + " has no option '" + name + "'");
  }
}
