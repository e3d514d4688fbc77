package dev.lookout.operations;

import dev.lookout.alerts.AlertSeverity;
import java.time.Instant;
import java.util.Optional;

/**
 * A load drill against one service: what runs, who started it, until when, and what it showed.
 *
 * @param expect in a fire drill, the alert severity that must reach a subscribed channel
 * @param verdict {@code pass} or {@code fail} once a fire drill is judged
 * @param peak the highest figures seen during the drill, in words
 * @param detail why it stopped or failed, or the fire drill's evidence
 */
public record LoadDrill(
    long id,
    String token,
    String guildId,
    String channelId,
    String service,
    DrillKind kind,
    double intensity,
    String startedBy,
    Instant startedAt,
    Instant endsAt,
    DrillStatus status,
    Optional<AlertSeverity> expect,
    Optional<String> verdict,
    Optional<String> peak,
    Optional<String> detail,
    Optional<Instant> finishedAt) {
  public String label() {
    return "#" + id;
  }
}
