package dev.lookout.discord;

/**
 * How text is written and cut for Discord. With {@link Card} for embeds, the one place text is cut
 * to Discord's limits, so no message is ever rejected for length: a message's content, a control's
 * label, a select option's description and a thread's name each have their method here, and callers
 * never name a limit.
 */
public final class Texts {
  private static final int CONTENT = 2000;
  private static final int LABEL = 80;
  private static final int OPTION_DESCRIPTION = 100;
  private static final int THREAD_NAME = 100;

  private Texts() {}

  /** A message's text content, within Discord's 2,000 characters. */
  public static String content(String text) {
    return fit(text, CONTENT);
  }

  /** A button's or select option's label, within Discord's 80 characters. */
  public static String label(String text) {
    return fit(text, LABEL);
  }

  /** A select option's description, within Discord's 100 characters. */
  public static String optionDescription(String text) {
    return fit(text, OPTION_DESCRIPTION);
  }

  /** A thread's name, within Discord's 100 characters. */
  public static String threadName(String text) {
    return fit(text, THREAD_NAME);
  }

  private static final java.time.format.DateTimeFormatter UTC =
      java.time.format.DateTimeFormatter.ofPattern(
              "EEE d MMM HH:mm 'UTC'", java.util.Locale.ENGLISH)
          .withZone(java.time.ZoneOffset.UTC);

  /** A per-second list price as it is published, without an exponent: 0.000024. */
  public static String price(double price) {
    return java.math.BigDecimal.valueOf(price).stripTrailingZeros().toPlainString();
  }

  /**
   * An amount of money as every card writes it, with its ISO currency code: "1,234.50 USD"; an
   * amount above zero that rounds to nothing is "<0.01 USD", not "0.00".
   */
  public static String money(double amount, String currency) {
    String digits =
        amount > 0 && amount < 0.005
            ? "<0.01"
            : String.format(java.util.Locale.ROOT, "%,.2f", amount);
    return digits + " " + currency;
  }

  /** A span of time as people read it: "45 s", "12 min", "2 h 5 min", "3 h". */
  public static String span(java.time.Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + " s";
    }
    long minutes = s / 60;
    if (minutes < 120) {
      return minutes + " min";
    }
    return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
  }

  /** An instant as people read it in a message: "Sun 22 Nov 09:00 UTC". */
  public static String utc(java.time.Instant at) {
    return UTC.format(at);
  }

  /**
   * {@code text} cut to {@code max} UTF-16 units (as Discord counts its limits), ending in an
   * ellipsis when cut, and never between the two halves of a surrogate pair. Cards use it to keep a
   * part of their text short by choice, such as one line of a list; Discord's own limits are kept
   * by {@link Card} and the methods above.
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
