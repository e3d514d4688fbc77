package dev.lookout.discord;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A button's or menu's custom id, {@code feature:action:arg...}, built and read only here. Large
 * state stays in a table row whose id is an argument; the id itself stays within Discord's 100
 * characters.
 */
public record ComponentId(String feature, String action, List<String> args) {
  public static final int MAX_LENGTH = 100;

  public ComponentId {
    args = List.copyOf(args);
    for (String part : concat(feature, action, args)) {
      if (part.isEmpty() || part.contains(":")) {
        throw new IllegalArgumentException("component id parts must be non-empty without ':'");
      }
    }
    if (encode(feature, action, args).length() > MAX_LENGTH) {
      throw new IllegalArgumentException("component id longer than " + MAX_LENGTH + " characters");
    }
  }

  /**
   * The argument that carries a row's token; a row without one (written before tokens existed) gets
   * a placeholder that no row's token equals.
   */
  public static String token(String token) {
    return token == null || token.isEmpty() ? "-" : token;
  }

  public static ComponentId of(String feature, String action, String... args) {
    return new ComponentId(feature, action, Arrays.asList(args));
  }

  /** Reads an id; empty for anything not shaped {@code feature:action[:arg...]}. */
  public static Optional<ComponentId> parse(String id) {
    if (id == null || id.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String[] parts = id.split(":", -1);
    if (parts.length < 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ComponentId(parts[0], parts[1], Arrays.asList(parts).subList(2, parts.length)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public String arg(int i) {
    return args.get(i);
  }

  public String encode() {
    return encode(feature, action, args);
  }

  private static String encode(String feature, String action, List<String> args) {
    StringBuilder b = new StringBuilder(feature).append(':').append(action);
    args.forEach(a -> b.append(':').append(a));
    return b.toString();
  }

  private static List<String> concat(String feature, String action, List<String> args) {
    java.util.ArrayList<String> all = new java.util.ArrayList<>(args);
    all.add(0, action);
    all.add(0, feature);
    return all;
  }
}
