package dev.lookout.store;

import java.security.SecureRandom;

/**
 * Random tokens for rows that a Discord control acts on, and nonces for outbox rows. A control
 * carries its row's token, so it can act only on the row it was made for, whatever happened to ids.
 */
final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  /** What a row written before tokens existed holds: matches no control. */
  static final String NONE = "";

  private Tokens() {}

  /** Twelve random characters of 62: 71 bits, short enough for a 100-character custom id. */
  static String next() {
    return random(12);
  }

  static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  static String orNone(String token) {
    return token == null ? NONE : token;
  }
}
