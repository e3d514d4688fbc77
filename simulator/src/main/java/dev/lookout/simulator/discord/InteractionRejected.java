package dev.lookout.simulator.discord;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Discord refused a member's command before it reached the bot, as it refuses a value outside an
 * option's declared constraints. The member's client shows the error; the bot sees nothing.
 */
public final class InteractionRejected extends RuntimeException {
  private final transient JsonNode error;

  InteractionRejected(JsonNode error) {
    super(error.toString());
    this.error = error;
  }

  /** Discord's error body: {@code code} 50035, {@code message}, {@code errors} by field path. */
  public JsonNode error() {
    return error;
  }

  /** The first error code anywhere in the body, such as {@code NUMBER_TYPE_MAX}. */
  public String firstCode() {
    JsonNode errors = error.findValue("_errors");
    return errors == null ? "" : errors.path(0).path("code").asText();
  }
}
