package dev.lookout.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Strict reading of payload fields: a missing or mistyped required field is a 400 that names it.
 */
final class Fields {
  private Fields() {}

  static JsonNode object(JsonNode parent, String field, String where) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isObject()) {
      throw new PayloadException(400, where + field + " must be an object");
    }
    return n;
  }

  static String text(JsonNode parent, String field, String where) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new PayloadException(400, where + field + " must be a non-empty string");
    }
    return n.asText();
  }

  static String optionalText(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && (n.isTextual() || n.isNumber()) ? n.asText() : "";
  }

  static Instant rfc3339(JsonNode parent, String field, String where) {
    String t = text(parent, field, where);
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e2) {
        throw new PayloadException(400, where + field + " is not an RFC 3339 time: " + quote(t));
      }
    }
  }

  /** A service name as Lookout keeps one: lower case, letters, digits and .-_, at most 64. */
  static String service(String raw, String fallback) {
    String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    s = s.replaceAll("^-+|-+$", "");
    if (s.isEmpty()) {
      s = fallback;
    }
    return s.length() <= 64 ? s : s.substring(0, 64);
  }

  static String quote(String s) {
    String cut = s.length() > 60 ? s.substring(0, 59) + "…" : s;
    return "'" + cut.replaceAll("\\p{Cntrl}", " ") + "'";
  }

  static String oneLine(String s, int max) {
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() <= max ? t : t.substring(0, max - 1) + "…";
  }
}
