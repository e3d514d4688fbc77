package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The words lexical search works on. */
class TermsTest {
  @Test
  @DisplayName("a negation is one term however it is spelt")
  void negation() {
    assertThat(Terms.of("jk2_init() Can't find child 5622 in scoreboard")).contains("not", "find");
    assertThat(Terms.of("the socket isn’t open")).contains("not");
    assertThat(Terms.of("cannot open channel")).contains("cannot", "not");
    assertThat(Terms.of("Found child 5622 in scoreboard slot 7")).doesNotContain("not");
    assertThat(Terms.of("the dog's bone")).doesNotContain("not");
  }

  @Test
  @DisplayName("forms of one word meet: suffixes, a final e, irregular plurals")
  void stems() {
    assertThat(Terms.stem("delete"))
        .isEqualTo(Terms.stem("deleted"))
        .isEqualTo(Terms.stem("deleting"));
    assertThat(Terms.stem("terminate")).isEqualTo(Terms.stem("terminated"));
    assertThat(Terms.stem("children")).isEqualTo(Terms.stem("child"));
    assertThat(Terms.stem("sessions")).isEqualTo(Terms.stem("session"));
    assertThat(Terms.stem("blk_123")).isEqualTo("blk_123");
  }

  @Test
  @DisplayName("compound tokens are kept whole and split into their parts")
  void compounds() {
    assertThat(Terms.of("java.lang.OutOfMemoryError at consumer-00042-abc"))
        .contains("java.lang.outofmemoryerror", "outofmemoryerror", "memory", "consumer-00042-abc");
  }
}
