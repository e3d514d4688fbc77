package dev.lookout.discord;

import java.awt.Color;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;

/**
 * An embed that cannot break Discord's limits, the one place a card's text is cut to them. Each
 * part is cut to its own limit as it is set (title 256, description 4,096, field name 256, field
 * value 1,024, footer 2,048 characters), only the first 25 fields are kept, and {@link #build}
 * keeps the whole embed within the 6,000 characters Discord allows all of a message's embeds
 * together: shortening the description first, then the fields from the last, so a card is never
 * refused for length and what is cut is marked with an ellipsis.
 */
public final class Card {
  /** The characters Discord allows across all embeds of one message. */
  public static final int MESSAGE_TOTAL = 6000;

  static final int TITLE = 256;
  static final int DESCRIPTION = 4096;
  static final int FIELD_NAME = 256;
  static final int FIELD_VALUE = 1024;
  static final int FOOTER = 2048;
  static final int FIELDS = 25;

  private record Field(String name, String value, boolean inline) {}

  private String title = "";
  private String url;
  private String description = "";
  private String footer = "";
  private Color color;
  private String image;
  private TemporalAccessor timestamp;
  private final List<Field> fields = new ArrayList<>();

  public Card title(String text) {
    this.title = Texts.fit(text, TITLE);
    return this;
  }

  /** A title that links to {@code link}. */
  public Card title(String text, String link) {
    this.url = link;
    return title(text);
  }

  public Card description(String text) {
    this.description = Texts.fit(text, DESCRIPTION);
    return this;
  }

  /** A field; one past the 25th is left out, and a blank name or value shows as a dash. */
  public Card field(String name, String value, boolean inline) {
    if (fields.size() < FIELDS) {
      fields.add(
          new Field(
              Texts.fit(blankAsDash(name), FIELD_NAME),
              Texts.fit(blankAsDash(value), FIELD_VALUE),
              inline));
    }
    return this;
  }

  public Card footer(String text) {
    this.footer = Texts.fit(text, FOOTER);
    return this;
  }

  public Card color(Color c) {
    this.color = c;
    return this;
  }

  public Card color(int rgb) {
    return color(new Color(rgb));
  }

  /** An image, such as {@code attachment://chart.png}. */
  public Card image(String link) {
    this.image = link;
    return this;
  }

  public Card timestamp(TemporalAccessor at) {
    this.timestamp = at;
    return this;
  }

  /** The characters this card counts against a message's total, as Discord counts them. */
  public int length() {
    int n = title.length() + description.length() + footer.length();
    for (Field f : fields) {
      n += f.name().length() + f.value().length();
    }
    return n;
  }

  /** The embed, within the whole message's 6,000 characters. */
  public MessageEmbed build() {
    return build(MESSAGE_TOTAL);
  }

  /**
   * The embeds of one message, in order, within 6,000 characters together: each takes what it needs
   * of what the ones before it left, and the last ones are shortened first.
   */
  public static List<MessageEmbed> buildAll(List<Card> cards) {
    List<MessageEmbed> out = new ArrayList<>();
    int left = MESSAGE_TOTAL;
    for (int i = 0; i < cards.size(); i++) {
      int laterAtLeast = 0;
      for (Card later : cards.subList(i + 1, cards.size())) {
        laterAtLeast += Math.min(later.length(), later.title.length() + 100);
      }
      Card card = cards.get(i);
      int budget = Math.max(card.title.length() + 1, left - laterAtLeast);
      MessageEmbed e = card.build(budget);
      left -= e.getLength();
      out.add(e);
    }
    return out;
  }

  /** The embed within {@code budget} characters: the description cut first, then the fields. */
  MessageEmbed build(int budget) {
    String shownDescription = description;
    List<Field> shownFields = new ArrayList<>(fields);
    int over = length() - budget;
    if (over > 0 && !shownDescription.isEmpty()) {
      int keep = Math.max(0, shownDescription.length() - over);
      int before = shownDescription.length();
      shownDescription = keep == 0 ? "" : Texts.fit(shownDescription, Math.max(2, keep));
      over -= before - shownDescription.length();
    }
    for (int i = shownFields.size() - 1; i >= 0 && over > 0; i--) {
      Field f = shownFields.get(i);
      int cost = f.name().length() + f.value().length();
      int keepValue = f.value().length() - over;
      if (keepValue >= 2) {
        shownFields.set(i, new Field(f.name(), Texts.fit(f.value(), keepValue), f.inline()));
        over -= f.value().length() - shownFields.get(i).value().length();
      } else {
        shownFields.remove(i);
        over -= cost;
      }
    }
    String shownFooter = footer;
    if (over > 0) {
      shownFooter = over >= footer.length() ? "" : Texts.fit(footer, footer.length() - over);
    }
    EmbedBuilder e = new EmbedBuilder();
    if (!title.isEmpty()) {
      e.setTitle(title, url);
    }
    e.setDescription(shownDescription.isEmpty() ? null : shownDescription);
    for (Field f : shownFields) {
      e.addField(f.name(), f.value(), f.inline());
    }
    if (!shownFooter.isEmpty()) {
      e.setFooter(shownFooter);
    }
    if (color != null) {
      e.setColor(color);
    }
    if (image != null) {
      e.setImage(image);
    }
    if (timestamp != null) {
      e.setTimestamp(timestamp);
    }
    return e.build();
  }

  private static String blankAsDash(String text) {
    return text == null || text.isBlank() ? "-" : text;
  }
}
