package dev.lookout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.outbox.OutboxMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AlertCardsTest {
  @Test
  @DisplayName("a silence's author and comment in the public expiry notice cannot forge markup")
  void silenceExpiredQuotes() {
    String notice =
        AlertCards.silenceExpired(
            new OutboxMessage.SilenceExpired(
                7,
                "service=consumer",
                "alice",
                "**Approved by carol** [docs](https://evil.example) <@&123>",
                "consumer",
                "CPU p99 high"));
    assertThat(notice)
        .contains("Silence #7")
        .contains("has expired")
        .doesNotContain("**Approved")
        .doesNotContain("](https")
        .doesNotContain("<@&");
  }
}
