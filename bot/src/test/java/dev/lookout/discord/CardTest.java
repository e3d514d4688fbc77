package dev.lookout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Whatever a card is given, Discord accepts what it builds. */
class CardTest {
  private static final String EMOJI = "🔥";

  private static Card huge(String mark) {
    Card c =
        new Card()
            .title(mark + "t".repeat(10_000))
            .description(mark + "d".repeat(10_000))
            .footer(mark + "f".repeat(10_000));
    for (int i = 0; i < 40; i++) {
      c.field("name " + i + "n".repeat(1_000), EMOJI.repeat(2_000), i % 2 == 0);
    }
    return c;
  }

  @Test
  @DisplayName("every part is cut to its own limit, and the card to 6,000 characters and 25 fields")
  void everyLimitHolds() {
    MessageEmbed e = huge("").build();

    assertThat(e.getTitle()).hasSize(256).endsWith("…");
    assertThat(e.getFields()).hasSizeLessThanOrEqualTo(25);
    assertThat(e.getFields())
        .allSatisfy(
            f -> {
              assertThat(f.getName()).hasSizeLessThanOrEqualTo(256);
              assertThat(f.getValue()).hasSizeLessThanOrEqualTo(1024);
            });
    assertThat(e.getLength()).isLessThanOrEqualTo(Card.MESSAGE_TOTAL);
    assertThat(e.isSendable()).isTrue();
  }

  @Test
  @DisplayName("a cut never splits an emoji in two")
  void noHalfSurrogates() {
    MessageEmbed e = new Card().description(EMOJI.repeat(3_000)).build();

    String d = e.getDescription();
    assertThat(d).endsWith("…");
    String body = d.substring(0, d.length() - 1);
    assertThat(body.codePoints().allMatch(cp -> cp == EMOJI.codePointAt(0))).isTrue();
  }

  @Test
  @DisplayName("the description is shortened before any field is lost")
  void descriptionGivesWayFirst() {
    Card c = new Card().title("t").description("d".repeat(4_000));
    for (int i = 0; i < 3; i++) {
      c.field("f" + i, "v".repeat(1_000), false);
    }
    MessageEmbed e = c.build();

    assertThat(e.getFields()).hasSize(3);
    assertThat(e.getFields()).allSatisfy(f -> assertThat(f.getValue()).hasSize(1_000));
    assertThat(e.getDescription()).endsWith("…");
    assertThat(e.getLength()).isLessThanOrEqualTo(Card.MESSAGE_TOTAL);
  }

  @Test
  @DisplayName("the embeds of one message share 6,000 characters, and each keeps its title")
  void messageTotalShared() {
    List<MessageEmbed> all = Card.buildAll(List.of(huge("A"), huge("B"), huge("C")));

    assertThat(all).hasSize(3);
    assertThat(all.stream().mapToInt(MessageEmbed::getLength).sum())
        .isLessThanOrEqualTo(Card.MESSAGE_TOTAL);
    assertThat(all).allSatisfy(e -> assertThat(e.getTitle()).isNotBlank());
    assertThat(all.get(2).getTitle()).startsWith("C");
  }

  @Test
  @DisplayName("a card within the limits is built as it was written")
  void smallCardUnchanged() {
    MessageEmbed e =
        new Card().title("Title").description("Body").field("A", "1", true).footer("F").build();

    assertThat(e.getTitle()).isEqualTo("Title");
    assertThat(e.getDescription()).isEqualTo("Body");
    assertThat(e.getFields()).extracting(MessageEmbed.Field::getValue).containsExactly("1");
    assertThat(e.getFooter().getText()).isEqualTo("F");
  }
}
