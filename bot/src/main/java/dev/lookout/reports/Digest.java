package dev.lookout.reports;

import java.time.Instant;
import java.util.List;

/**
 * One scheduled digest: the report for the period before it was due, and what needs attention when
 * it was built.
 *
 * @param late whether it is sent well after it was due (Lookout was down, or Monitoring away)
 * @param missed earlier digests of the schedule that were not sent at all during a long outage
 */
public record Digest(
    String schedule,
    Instant dueAt,
    boolean late,
    UsageReport report,
    List<IdleService> idle,
    List<Firing> firing,
    List<ExpiringSilence> expiringSilences,
    List<PendingProposal> pendingProposals,
    List<Instant> missed) {

  /** An alert still firing when the digest was built. */
  public record Firing(
      String service,
      String title,
      String severity,
      Instant since,
      java.util.Optional<String> acknowledgedBy) {}

  /** A silence that ends within a day; its comment is a member's text. */
  public record ExpiringSilence(
      long id, String matcher, String author, Instant expiresAt, String comment) {}

  /** A proposal waiting for approval; its reason is a member's text. */
  public record PendingProposal(
      String label, String service, String requester, Instant expiresAt, String reason) {}

  /**
   * A service whose reserved capacity mostly sat idle: a candidate for scaling down.
   *
   * @param minInstances the minimum instances it keeps warm now, or -1 when Cloud Run did not say
   */
  public record IdleService(
      String service, double idleShare, double idleInstanceHours, int minInstances) {}

  /**
   * Services idle for at least half their instance time that keep warm minimum instances, the most
   * idle instance-hours first. A service without minimum instances reserves nothing to give back.
   */
  public static List<IdleService> idlest(
      UsageReport report, int n, java.util.function.ToIntFunction<String> minInstances) {
    return report.services().stream()
        .filter(s -> s.current().idleShare() >= 0.5 && s.current().idleInstanceHours() >= 1)
        .sorted(
            java.util.Comparator.comparingDouble(
                (ServiceReport s) -> -s.current().idleInstanceHours()))
        .map(
            s ->
                new IdleService(
                    s.service(),
                    s.current().idleShare(),
                    s.current().idleInstanceHours(),
                    minInstances.applyAsInt(s.service())))
        .filter(s -> s.minInstances() != 0)
        .limit(n)
        .toList();
  }
}
