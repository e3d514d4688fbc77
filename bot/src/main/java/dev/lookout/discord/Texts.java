package dev.lookout.discord;

/** The one place text is cut to Discord's limits, so no message is ever rejected for length. */
public final class Texts {
  public static final int TITLE = 256;
  public static final int DESCRIPTION = 4096;
  public static final int FIELD_NAME = 256;
  public static final int FIELD_VALUE = 1024;
  public static final int FOOTER = 2048;
  public static final int CONTENT = 2000;
  public static final int LABEL = 80;
  public static final int SELECT_DESCRIPTION = 100;

  private Texts() {}

  /** {@code text} cut to {@code max} characters, ending in an ellipsis when cut. */
  private static final java.time.format.DateTimeFormatter UTC =
      java.time.format.DateTimeFormatter.ofPattern(
              "EEE d MMM HH:mm 'UTC'", java.util.Locale.ENGLISH)
          .withZone(java.time.ZoneOffset.UTC);

  /** A per-second list price as it is published, without an exponent: 0.000024. */
  public static String price(double price) {
    return java.math.BigDecimal.valueOf(price).stripTrailingZeros().toPlainString();
  }

  /** An instant as people read it in a message: "Sun 22 Nov 09:00 UTC". */
  public static String utc(java.time.Instant at) {
    return UTC.format(at);
  }

  /**
   * {@code text} cut to {@code max} UTF-16 units (as Discord counts its limits), ending in an
   * ellipsis when cut, and never between the two halves of a surrogate pair.
   */
  public static String fit(String text, int max) {
    if (text == null) {
      return "";
    }
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
