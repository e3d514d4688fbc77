package dev.lookout.knowledge;

/** How an answer shows back what a member typed, whatever it was. */
public final class Inputs {
  private static final int SHOWN = 40;

  private Inputs() {}

  /**
   * The text as given, shown safely inside an answer: control and invisible characters dropped,
   * backticks replaced, cut to 40 characters, in backticks; or "a blank text".
   */
  public static String echo(String text) {
    if (text == null) {
      return "a blank text";
    }
    StringBuilder b = new StringBuilder();
    text.codePoints()
        .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
        .map(c -> c == '`' ? '\'' : c)
        .limit(SHOWN)
        .forEach(b::appendCodePoint);
    if (b.toString().isBlank()) {
      return "a blank text";
    }
    return "`" + b + (text.codePointCount(0, text.length()) > SHOWN ? "…" : "") + "`";
  }
}
