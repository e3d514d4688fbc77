package dev.lookout.operations;

import dev.lookout.health.Figure;
import dev.lookout.health.ServiceHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures that motivate scaling, before and after an applied proposal: each figure's mean over
 * equal windows either side of the apply, and the series for the chart.
 *
 * @param before a figure's mean before the apply, null without data
 */
public record ScaleCheck(
    long proposalId,
    String proposalToken,
    String service,
    Instant appliedAt,
    ScaleSettings from,
    ScaleSettings to,
    List<Comparison> figures,
    ServiceHealth.Points cpu,
    ServiceHealth.Points instances) {

  public ScaleCheck {
    // A check queued before proposals had tokens: its rollback button matches no proposal.
    proposalToken = proposalToken == null ? "" : proposalToken;
  }

  /** One figure's mean before and after, null when there was no data. */
  public record Comparison(String figure, Double before, Double after) {}

  /** Compares the means of the figures either side of {@code appliedAt} in {@code health}. */
  public static ScaleCheck of(ScaleProposal p, Instant appliedAt, ServiceHealth health) {
    ServiceHealth.Series s = health.series();
    List<Comparison> figures = new ArrayList<>();
    figures.add(compare(Figure.CPU_P99, s.cpuP99(), appliedAt));
    figures.add(compare(Figure.MEMORY_P99, s.memoryP99(), appliedAt));
    figures.add(compare(Figure.INSTANCES, s.instances(), appliedAt));
    figures.add(compare(Figure.QUEUE_DEPTH, s.queueDepth(), appliedAt));
    figures.add(compare(Figure.LATENCY_P99, s.latencyP99(), appliedAt));
    return new ScaleCheck(
        p.id(),
        p.token(),
        p.service(),
        appliedAt,
        p.current(),
        p.proposed(),
        figures,
        s.cpuP99(),
        s.instances());
  }

  private static Comparison compare(Figure f, ServiceHealth.Points p, Instant at) {
    double before = 0;
    double after = 0;
    int nb = 0;
    int na = 0;
    for (int i = 0; i < p.times().size(); i++) {
      // A minute's point is stamped with its end: the minute the apply fell in counts as before.
      if (p.times().get(i).isAfter(at.plusSeconds(60))) {
        after += p.values().get(i);
        na++;
      } else {
        before += p.values().get(i);
        nb++;
      }
    }
    return new Comparison(f.key(), nb == 0 ? null : before / nb, na == 0 ? null : after / na);
  }
}
