package dev.lookout.scheduler;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.Silence;
import dev.lookout.operations.ProposalStatus;
import dev.lookout.operations.ScaleProposal;
import dev.lookout.reports.Digest;
import dev.lookout.reports.DigestSchedule;
import dev.lookout.reports.QuietHours;
import dev.lookout.reports.QuietSummary;
import dev.lookout.reports.UsageReport;
import dev.lookout.reports.UsageReports;
import dev.lookout.reports.UsageSource;
import dev.lookout.store.AlertStore;
import dev.lookout.store.DigestStore;
import dev.lookout.store.ProposalStore;
import dev.lookout.store.SilenceStore;
import dev.lookout.store.UsageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps usage rollups current, queues each channel's digests when they fall due (late ones labelled
 * late, none twice), and summarizes what quiet hours held once they end.
 */
public final class DigestRoutine implements Scheduler.Routine {
  private static final Logger LOG = LoggerFactory.getLogger(DigestRoutine.class);

  /** A digest queued this long after it was due is labelled late. */
  static final Duration LATE_AFTER = Duration.ofMinutes(10);

  /** At most this many overdue digests are sent per channel; older ones are named in the first. */
  static final int BACKLOG = 7;

  /** How far back rollups are kept current every tick. */
  static final Duration KEEP_CURRENT = Duration.ofHours(48);

  private final UsageReports reports;
  private final UsageStore usage;
  private final DigestStore digests;
  private final AlertStore alerts;
  private final SilenceStore silences;
  private final ProposalStore proposals;
  private final java.util.function.ToIntFunction<String> minInstances;
  private boolean monitoringAway;
  private Instant lastForget = Instant.EPOCH;

  public DigestRoutine(
      UsageReports reports,
      UsageStore usage,
      DigestStore digests,
      AlertStore alerts,
      SilenceStore silences,
      ProposalStore proposals,
      java.util.function.ToIntFunction<String> minInstances) {
    this.minInstances = minInstances;
    this.reports = reports;
    this.usage = usage;
    this.digests = digests;
    this.alerts = alerts;
    this.silences = silences;
    this.proposals = proposals;
  }

  @Override
  public void run(Instant now) {
    summarizeQuietHours(now);
    try {
      reports.fill(now.minus(KEEP_CURRENT), now, now);
      if (monitoringAway) {
        LOG.info("Cloud Monitoring answers again; usage rollups are current");
        monitoringAway = false;
      }
    } catch (UsageSource.UnavailableException e) {
      if (!monitoringAway) {
        LOG.warn("usage rollups are behind: {}", e.getMessage());
        monitoringAway = true;
      }
      return; // digests wait until their usage can be read; they are sent late, not lost
    }
    if (Duration.between(lastForget, now).compareTo(Duration.ofDays(1)) >= 0) {
      usage.forget(reports.oldestReportable(now).minus(Duration.ofDays(62)));
      lastForget = now;
    }
    for (DigestSchedule s : digests.schedules()) {
      try {
        deliverOwed(s, now);
      } catch (UsageSource.UnavailableException e) {
        LOG.warn("digest for channel {} waits: {}", s.channelId(), e.getMessage());
        return;
      }
    }
  }

  private void deliverOwed(DigestSchedule s, Instant now) {
    Instant after = s.createdAt();
    Optional<Instant> last = digests.lastQueued(s.channelId());
    if (last.isPresent() && last.get().isAfter(after)) {
      after = last.get();
    }
    List<Instant> owed = s.dueBetween(after, now);
    if (owed.isEmpty()) {
      return;
    }
    List<Instant> missed = List.of();
    if (owed.size() > BACKLOG) {
      missed = List.copyOf(owed.subList(0, owed.size() - BACKLOG));
      owed = owed.subList(owed.size() - BACKLOG, owed.size());
    }
    for (Instant due : owed) {
      boolean late = Duration.between(due, now).compareTo(LATE_AFTER) > 0;
      UsageReport report = reports.build(s.window(due), Optional.empty(), now);
      Digest digest =
          new Digest(
              s.describe(),
              due,
              late,
              report,
              Digest.idlest(report, 3, this::minInstances),
              firing(),
              expiringSilences(s.guildId(), now),
              pendingProposals(s.guildId()),
              missed);
      if (digests.queue(s.channelId(), due, late, digest, now)) {
        LOG.info(
            "digest for channel {} due {} queued{}", s.channelId(), due, late ? " (late)" : "");
      }
      missed = List.of();
    }
  }

  private int minInstances(String service) {
    try {
      return minInstances.applyAsInt(service);
    } catch (RuntimeException e) {
      return -1; // Cloud Run did not say: offer the button, the proposal checks again
    }
  }

  private List<Digest.Firing> firing() {
    List<Digest.Firing> out = new ArrayList<>();
    for (Alert a : alerts.firing()) {
      out.add(
          new Digest.Firing(
              a.service(),
              a.title(),
              a.severity().id(),
              a.firingSince(),
              Optional.ofNullable(a.acknowledgedBy())));
    }
    return out;
  }

  private List<Digest.ExpiringSilence> expiringSilences(String guild, Instant now) {
    List<Digest.ExpiringSilence> out = new ArrayList<>();
    for (Silence s : silences.inGuild(guild, now)) {
      if (s.expiresAt().isBefore(now.plus(Duration.ofDays(1)))) {
        out.add(
            new Digest.ExpiringSilence(
                s.id(), s.matcher(), s.author(), s.expiresAt(), s.comment()));
      }
    }
    return out;
  }

  private List<Digest.PendingProposal> pendingProposals(String guild) {
    List<Digest.PendingProposal> out = new ArrayList<>();
    for (ScaleProposal p : proposals.inStatus(ProposalStatus.PENDING)) {
      if (p.guildId().equals(guild)) {
        out.add(
            new Digest.PendingProposal(
                p.label(), p.service(), p.requester(), p.expiresAt(), p.reason()));
      }
    }
    return out;
  }

  /** Once a channel is no longer quiet, what it held is posted as one summary. */
  private void summarizeQuietHours(Instant now) {
    List<String> holding = digests.channelsHolding();
    if (holding.isEmpty()) {
      return;
    }
    List<QuietHours> quiet = digests.quietHours();
    Set<String> stillFiring =
        alerts.firing().stream().map(Alert::incident).collect(Collectors.toSet());
    for (String channel : holding) {
      Optional<QuietHours> q =
          quiet.stream().filter(h -> h.channelId().equals(channel)).findFirst();
      if (q.isPresent() && q.get().isQuietAt(now)) {
        continue;
      }
      String label = q.map(QuietHours::describe).orElse("quiet hours turned off");
      digests.summarize(channel, held -> QuietSummary.of(label, held, stillFiring), now);
    }
  }
}
