package dev.lookout.scheduler;

import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.Subscription;
import dev.lookout.cost.Pricing;
import dev.lookout.health.HealthSource;
import dev.lookout.health.ServiceHealth;
import dev.lookout.lifecycle.Shutdown;
import dev.lookout.operations.DrillWorkflow;
import dev.lookout.operations.InvalidScaleException;
import dev.lookout.operations.ProposalOrigin;
import dev.lookout.operations.Proposals;
import dev.lookout.operations.ScaleCheck;
import dev.lookout.operations.ScalePolicy;
import dev.lookout.operations.ScaleProposal;
import dev.lookout.operations.ScaleWorkflow;
import dev.lookout.operations.ScalingTarget;
import dev.lookout.store.AlertStore;
import dev.lookout.store.ProposalStore;
import dev.lookout.store.SubscriptionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations side of each tick: expire undecided proposals, pick up interrupted applies, post
 * before/after comparisons that are due, end drills and judge fire drills, and propose scaling
 * where a service is saturated at its max or idles with warm instances. Each part is isolated from
 * the others' failures.
 */
public final class OperationsRoutine implements Scheduler.Routine {
  private static final Logger LOG = LoggerFactory.getLogger(OperationsRoutine.class);

  private final ScaleWorkflow proposals;
  private final ProposalStore store;
  private final DrillWorkflow drills;
  private final HealthSource health;
  private final AlertStore alerts;
  private final SubscriptionStore subscriptions;
  private final Supplier<List<String>> services;
  private final Pricing pricing;
  private final ScalePolicy.Words words;
  private final java.util.concurrent.ExecutorService background =
      java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

  public OperationsRoutine(
      ScaleWorkflow proposals,
      ProposalStore store,
      DrillWorkflow drills,
      HealthSource health,
      AlertStore alerts,
      SubscriptionStore subscriptions,
      Supplier<List<String>> services,
      Pricing pricing,
      ScalePolicy.Words words) {
    this.words = words;
    this.proposals = proposals;
    this.store = store;
    this.drills = drills;
    this.health = health;
    this.alerts = alerts;
    this.subscriptions = subscriptions;
    this.services = services;
    this.pricing = pricing;
  }

  /** Stops resumed applies that are still following a rollout. */
  public void close() {
    Shutdown.gracefully(background, Shutdown.GRACE);
  }

  @Override
  public void run(Instant now) {
    part("expire proposals", proposals::expireDue);
    // A resumed apply follows a rollout that takes a while: it must not hold up the tick.
    part("resume applies", () -> background.execute(proposals::resume));
    part("post checks", () -> checks(now));
    part("finish drills", drills::finishDue);
    part("propose scaling", () -> propose(now));
  }

  private static void part(String name, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.warn("operations routine: {} failed; will try again next tick", name, e);
    }
  }

  private void checks(Instant now) {
    for (ScaleProposal p : store.checksDue(now)) {
      Instant applied = p.finishedAt().orElse(now);
      Duration after = Duration.between(applied, now);
      ServiceHealth h;
      try {
        h = health.read(p.service(), after.multipliedBy(2).plus(Duration.ofMinutes(2)));
      } catch (HealthSource.SourceUnavailableException e) {
        return; // the comparison waits for Monitoring
      }
      store.checked(p.id(), ScaleCheck.of(p, applied, h), now);
    }
  }

  private void propose(Instant now) {
    var settings = proposals.settings();
    for (String service : services.get()) {
      if (store.open(service).isPresent()) {
        continue;
      }
      Optional<Instant> last = store.lastProposedByScheduler(service);
      if (last.isPresent() && last.get().plus(settings.cooldown()).isAfter(now)) {
        continue;
      }
      List<Subscription> to =
          subscriptions.all().stream().filter(s -> s.wants(service, AlertSeverity.WARN)).toList();
      if (to.isEmpty()) {
        continue; // nobody would see it
      }
      try {
        ScalingTarget.Deployed deployed = proposals.deployed(service);
        var firing = alerts.ofService(service).values();
        ServiceHealth recent = health.read(service, Duration.ofMinutes(15));
        Optional<ScalePolicy.Suggestion> suggestion =
            ScalePolicy.scaleUp(deployed.settings(), recent, firing, proposals.bounds(service));
        if (suggestion.isEmpty()
            && deployed.settings().minInstances() > 0
            && recent.cpuP99().orElse(1) < ScalePolicy.IDLE_CPU) {
          suggestion =
              ScalePolicy.scaleDown(
                  deployed.settings(),
                  health.read(service, settings.idleAfter()),
                  settings.idleAfter(),
                  now,
                  pricing);
        }
        if (suggestion.isPresent()) {
          ScaleProposal p =
              proposals.proposeSettings(
                  to.get(0).guildId(),
                  service,
                  deployed,
                  suggestion.get().proposed(),
                  ProposalOrigin.SCHEDULER,
                  new ScaleWorkflow.Actor("Lookout", "", false),
                  words.reason(suggestion.get().why()),
                  words.evidence(suggestion.get().why()),
                  Optional.empty(),
                  to.stream().map(Subscription::channelId).toList());
          LOG.info("proposed {} for {}: {}", p.label(), service, p.reason());
        }
      } catch (InvalidScaleException | Proposals.OpenProposalException e) {
        LOG.debug("no scheduler proposal for {}: {}", service, e.getMessage());
      } catch (HealthSource.SourceUnavailableException
          | ScalingTarget.TargetUnavailableException
          | ScalingTarget.NoSuchServiceException e) {
        LOG.debug("no scheduler proposal for {} this tick: {}", service, e.getMessage());
      }
    }
  }
}
