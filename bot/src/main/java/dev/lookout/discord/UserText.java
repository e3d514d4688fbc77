package dev.lookout.discord;

import java.text.Normalizer;
import java.util.Optional;
import net.dv8tion.jda.api.interactions.commands.CommandInteractionPayload;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * The one way free text from members comes in, and the one way it goes out onto a card.
 *
 * <p>In: every free-text option (a reason, a comment, a question) is normalised once: composed to
 * NFC; control characters (newlines, tabs, NUL, ANSI escapes) become spaces; invisible format
 * characters (zero-width spaces and joiners, bidi overrides and isolates, the BOM, tag characters)
 * are removed; runs of white space become one space. Lengths are then counted in UTF-16 units, as
 * Discord counts them. Text that is blank once normalised counts as missing.
 *
 * <p>Out: {@link #quote} escapes the characters Discord reads as markdown, mentions, emoji or
 * links, so a member's text reads as they wrote it and cannot pose as the bot's own lines.
 */
public final class UserText {
  /** A member's text that cannot be taken; the message says why and what is allowed. */
  public static final class Refused extends IllegalArgumentException {
    Refused(String message) {
      super(message);
    }
  }

  private static final String ESCAPED = "\\*_~`|[]()<>@";

  /** Block markup (headings, lists, subtext, quotes) that acts only at the start of a line. */
  private static final String AT_LINE_START = "#-+>";

  private UserText() {}

  /** {@code raw} normalised: one line, nothing invisible, no control characters. */
  public static String normalise(String raw) {
    if (raw == null) {
      return "";
    }
    String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC);
    StringBuilder b = new StringBuilder(nfc.length());
    boolean space = false;
    for (int i = 0; i < nfc.length(); ) {
      int c = nfc.codePointAt(i);
      i += Character.charCount(c);
      int type = Character.getType(c);
      if (type == Character.FORMAT) {
        continue; // zero-width, bidi controls, BOM, tags: invisible
      }
      if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = true;
        continue;
      }
      if (space && !b.isEmpty()) {
        b.append(' ');
      }
      space = false;
      b.appendCodePoint(c);
    }
    return b.toString();
  }

  /**
   * The option {@code name}, normalised; empty when absent or blank.
   *
   * @param label how the answer names it, such as "the reason"
   * @throws Refused when it is longer than {@code max} once normalised, or blank but required
   */
  public static String option(
      CommandInteractionPayload event, String name, String label, int max, boolean required) {
    String raw = event.getOption(name, null, OptionMapping::getAsString);
    return check(raw, label, max, required);
  }

  /** The checks of {@link #option} on text already read. */
  public static String check(String raw, String label, int max, boolean required) {
    String text = normalise(raw);
    if (text.isEmpty() && required) {
      throw new Refused(
          raw == null || raw.isEmpty()
              ? label + " is required"
              : label + " is blank once invisible characters are removed; write a few words");
    }
    if (text.length() > max) {
      throw new Refused(
          label + " is " + text.length() + " characters; at most " + max + " are allowed");
    }
    return text;
  }

  /** The option {@code name} normalised, or empty when absent or blank. */
  public static Optional<String> optional(
      CommandInteractionPayload event, String name, String label, int max) {
    String text = option(event, name, label, max, false);
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /**
   * {@code text} as it may appear on a card or in a reply: normalised to one line, and every
   * character Discord reads as markdown, a mention, an emoji or a link escaped with a backslash.
   */
  public static String quote(String text) {
    String t = normalise(text);
    StringBuilder b = new StringBuilder(t.length() + 16);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (ESCAPED.indexOf(c) >= 0
          || (i == 0 && AT_LINE_START.indexOf(c) >= 0)
          || (c == ':' && t.startsWith("//", i + 1))) {
        b.append('\\'); // markup, mentions, emoji, and the scheme of a link
      }
      b.append(c);
    }
    return b.toString();
  }
}
