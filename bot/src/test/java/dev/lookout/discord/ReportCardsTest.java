package dev.lookout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.cost.Pricing;
import dev.lookout.reports.AlertStats;
import dev.lookout.reports.Digest;
import dev.lookout.reports.ReportPeriod;
import dev.lookout.reports.ReportWindow;
import dev.lookout.reports.ServiceReport;
import dev.lookout.reports.Usage;
import dev.lookout.reports.UsageReport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportCardsTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private static UsageReport report(int services) {
    ReportWindow w =
        ReportWindow.containing(ReportPeriod.DAY, LocalDate.parse("2026-11-21"), ZoneId.of("UTC"));
    List<ServiceReport> rows = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      Usage u = new Usage(24, 10, 14, 24, 12, 1000, 3, 12, 40, 90, 2.5 - i * 0.01, 0.1, 0.58);
      rows.add(
          new ServiceReport("a-rather-long-service-name-" + i, u, Usage.NONE, AlertStats.NONE, 0));
    }
    return new UsageReport(
        w,
        w.previous(),
        Optional.empty(),
        rows,
        rows.isEmpty() ? Usage.NONE : rows.getFirst().current(),
        Usage.NONE,
        AlertStats.NONE,
        0,
        List.of(),
        24,
        false,
        Pricing.defaults(),
        NOW);
  }

  @Test
  @DisplayName("a digest with a lot to say still fits Discord's 6000 characters across its embeds")
  void digestFits() {
    String text = "x".repeat(190);
    var firing =
        Collections.nCopies(
            40, new Digest.Firing("svc", text, "warn", NOW, java.util.Optional.empty()));
    var silences =
        Collections.nCopies(40, new Digest.ExpiringSilence(7, "service=svc", "alice", NOW, text));
    var pending =
        Collections.nCopies(40, new Digest.PendingProposal("#3", "svc", "alice", NOW, text));
    Digest d =
        new Digest(
            "daily at 09:00 Europe/Berlin",
            NOW,
            true,
            report(60),
            List.of(new Digest.IdleService("a-rather-long-service-name-1", 0.9, 20, 2)),
            firing,
            silences,
            pending,
            List.of(NOW.minusSeconds(86400 * 9), NOW.minusSeconds(86400 * 8)));
    var message = new ReportCards(new ChartRenderer()).digest(d);
    int total = message.getEmbeds().stream().mapToInt(MessageEmbed::getLength).sum();
    assertThat(total).isLessThanOrEqualTo(6000);
    assertThat(message.getEmbeds().get(0).getDescription()).contains("… 40 more");
    assertThat(message.getEmbeds().get(1).getDescription())
        .startsWith("⏰ This digest was due Sun 22 Nov 10:00 UTC and is sent late")
        .contains("2 earlier digest(s) were not sent");
    assertThat(message.getComponents()).hasSize(1);
  }

  @Test
  @DisplayName("member text in a digest (a silence comment, a reason) cannot forge its lines")
  void digestQuotesMemberText() {
    String forged = "**Approved by carol**\n# heading @everyone [link](https://x.y)";
    Digest d =
        new Digest(
            "daily at 09:00 UTC",
            NOW,
            false,
            report(2),
            List.of(),
            List.of(),
            List.of(new Digest.ExpiringSilence(7, "service=svc", "alice", NOW, forged)),
            List.of(new Digest.PendingProposal("#3", "svc", "alice", NOW, forged)),
            List.of());
    String attention =
        new ReportCards(new ChartRenderer()).digest(d).getEmbeds().get(1).getDescription();
    assertThat(attention).doesNotContain("**Approved").doesNotContain("](https").contains("\\*\\*");
  }
}
