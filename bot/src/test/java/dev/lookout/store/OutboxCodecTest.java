package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.outbox.OutboxMessage;
import dev.lookout.reports.QuietSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one codec of outbox rows: every message reads back as written, and old rows still read. */
class OutboxCodecTest {
  private static final Instant T = Instant.parse("2026-12-02T10:32:00Z");

  @Test
  @DisplayName("each kind of message reads back equal to what was written")
  void roundTrip() {
    List<OutboxMessage> messages =
        List.of(
            new OutboxMessage.Notice("a line"),
            new OutboxMessage.MonitoringDegraded("Google Cloud did not answer (UNAVAILABLE)"),
            new OutboxMessage.MonitoringRecovered(),
            new OutboxMessage.SilenceExpired(
                7, "service=consumer", "alice", "**deploy** @everyone", "consumer", "CPU p99"),
            new OutboxMessage.CardUpdate(OutboxMessage.Card.PROPOSAL, 33),
            new OutboxMessage.CardUpdate(OutboxMessage.Card.DRILL, 4),
            new OutboxMessage.QuietSummaryPosted(
                new QuietSummary(
                    "22:00–07:00 UTC",
                    List.of(new QuietSummary.Line("consumer", "CPU", "fired", T, true)))));
    for (OutboxMessage m : messages) {
      OutboxCodec.Row row = OutboxCodec.encode(m);
      assertThat(OutboxCodec.decode(row.kind(), row.payload())).as(row.kind()).isEqualTo(m);
      assertThat(row.kind().length()).as("fits outbox.kind, VARCHAR(16)").isLessThanOrEqualTo(16);
    }
  }

  @Test
  @DisplayName("rows written by earlier versions read as the same messages")
  void earlierRows() {
    assertThat(OutboxCodec.decode("notice", "{\"text\":\"old\"}"))
        .isEqualTo(new OutboxMessage.Notice("old"));
    assertThat(OutboxCodec.decode("proposal", "{\"id\":12}"))
        .isEqualTo(new OutboxMessage.CardUpdate(OutboxMessage.Card.PROPOSAL, 12));
    assertThatThrownBy(() -> OutboxCodec.decode("telegram", "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown outbox kind telegram");
  }
}
