package dev.lookout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserTextTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'  deploy   went   wrong '|deploy went wrong",
        "'line one\nline two\r\n\tthree'|line one line two three",
        "'a\u0000b'|a b",
        "'\u001b[31mred\u001b[0m'|[31mred [0m",
        "'zero\u200bwidth\u200d join\ufeff'|zerowidth join",
        "'\u202eevil\u202c text'|evil text",
        "'e\u0301'|\u00e9",
        "'\u00a0nbsp\u3000ideographic\u00a0'|nbsp ideographic"
      })
  @DisplayName("normalised: one line, no controls, nothing invisible, NFC")
  void normalises(String raw, String expected) {
    assertThat(UserText.normalise(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u200b\u200b\u200b", "   ", "\n\t", "\u202e\u2066\u2069", "\u0000"})
  @DisplayName("text that is blank once normalised is refused where it is required")
  void blank(String raw) {
    assertThatThrownBy(() -> UserText.check(raw, "the comment", 300, true))
        .isInstanceOf(UserText.Refused.class)
        .hasMessageContaining("the comment is blank");
    assertThat(UserText.check(raw, "the reason", 300, false)).isEmpty();
  }

  @Test
  @DisplayName("lengths are counted in UTF-16 units after normalising, at and around the limit")
  void lengths() {
    assertThat(UserText.check("x".repeat(300), "the comment", 300, true)).hasSize(300);
    assertThatThrownBy(() -> UserText.check("x".repeat(301), "the comment", 300, true))
        .hasMessage("the comment is 301 characters; at most 300 are allowed");
    // 150 emoji are 300 UTF-16 units: at the limit; one more is over.
    assertThat(UserText.check("😀".repeat(150), "the comment", 300, true)).hasSize(300);
    assertThatThrownBy(() -> UserText.check("😀".repeat(151), "the comment", 300, true))
        .hasMessageContaining("302 characters");
    // Invisible padding does not count.
    assertThat(UserText.check("x".repeat(300) + "\u200b".repeat(50), "the comment", 300, true))
        .hasSize(300);
  }

  @Test
  @DisplayName("quoted text cannot ping, link, format or forge the bot's lines")
  void quotes() {
    String forged = "ok\n**Approved by carol at 22:00 UTC**\n✅ Applied <@&123> @everyone";
    String q = UserText.quote(forged);
    assertThat(q).doesNotContain("\n").doesNotContain("**").contains("\\*\\*Approved");
    assertThat(q).contains("\\<\\@&123\\>").contains("\\@everyone");
    assertThat(UserText.quote("[ours](https://lookout.example)"))
        .isEqualTo("\\[ours\\]\\(https\\://lookout.example\\)");
    assertThat(UserText.quote("```fence``` # heading > quote ||spoiler|| ~~x~~ _i_"))
        .doesNotContain("``")
        .doesNotContain("||")
        .doesNotContain("~~");
    assertThat(UserText.quote("back\\slash")).isEqualTo("back\\\\slash");
    assertThat(UserText.quote("# heading")).isEqualTo("\\# heading");
    assertThat(UserText.quote("-# subtext")).isEqualTo("\\-# subtext");
    assertThat(UserText.quote("consumer-00002 at 10:32")).isEqualTo("consumer-00002 at 10:32");
  }

  @Test
  @DisplayName("fit cuts at Discord's UTF-16 count and never splits a surrogate pair")
  void fit() {
    String emoji = "😀".repeat(200); // 400 units
    String cut = Texts.fit(emoji, 256);
    assertThat(cut.length()).isLessThanOrEqualTo(256);
    assertThat(cut).endsWith("…");
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    assertThat(Texts.fit("x".repeat(256), 256)).hasSize(256);
  }
}
