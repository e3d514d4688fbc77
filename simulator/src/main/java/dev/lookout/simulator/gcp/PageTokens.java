package dev.lookout.simulator.gcp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page tokens: a position in the result list, bound to the query that produced it, so a
 * token replayed against another query is rejected as Google rejects it.
 */
final class PageTokens {
  private PageTokens() {}

  static String encode(String fingerprint, long... position) {
    StringBuilder b = new StringBuilder(fingerprint);
    for (long p : position) {
      b.append(':').append(p);
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  static long[] decode(String token, String fingerprint, int size) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
      if (parts.length != size + 1 || !parts[0].equals(fingerprint)) {
        throw new IllegalArgumentException("token from another query");
      }
      long[] position = new long[size];
      for (int i = 0; i < size; i++) {
        position[i] = Long.parseLong(parts[i + 1]);
        if (position[i] < 0) {
          throw new IllegalArgumentException("negative position");
        }
      }
      return position;
    } catch (IllegalArgumentException e) {
      throw GrpcCalls.invalid(
          "Field pageToken had an invalid value of \""
              + token
              + "\": the token does not belong to this query.");
    }
  }
}
