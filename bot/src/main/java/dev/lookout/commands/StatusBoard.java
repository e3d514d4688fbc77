package dev.lookout.commands;

import dev.lookout.config.LookoutConfig;
import dev.lookout.discord.StatusCards;
import dev.lookout.health.HealthReports;
import dev.lookout.health.HealthVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Builds status cards and the overview from fresh health reports; shared by command and buttons.
 */
public final class StatusBoard {
  private final LookoutConfig config;
  private final HealthReports reports;
  private final ServiceDirectory directory;
  private final StatusCards cards;
  private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

  public StatusBoard(
      LookoutConfig config, HealthReports reports, ServiceDirectory directory, StatusCards cards) {
    this.config = config;
    this.reports = reports;
    this.directory = directory;
    this.cards = cards;
  }

  public ServiceDirectory directory() {
    return directory;
  }

  public MessageCreateData card(String service, Duration window, Optional<StatusCards.Live> live) {
    HealthReports.Report report = reports.read(service, window);
    HealthVerdict verdict =
        report
            .health()
            .map(h -> HealthVerdict.of(h, config.limitsOf(service)))
            .orElse(HealthVerdict.unknown());
    return cards.card(report, config.displayName(service), verdict, window, live);
  }

  /** Every service's line, read in parallel. */
  public MessageCreateData overview(Duration window) {
    List<String> services = directory.services();
    List<Future<StatusCards.Entry>> futures = new ArrayList<>();
    for (String service : services) {
      futures.add(
          readers.submit(
              () -> {
                HealthReports.Report report = reports.read(service, Duration.ofMinutes(15));
                HealthVerdict verdict =
                    report
                        .health()
                        .map(h -> HealthVerdict.of(h, config.limitsOf(service)))
                        .orElse(HealthVerdict.unknown());
                return new StatusCards.Entry(
                    service,
                    config.displayName(service),
                    report.health().isEmpty()
                        ? dev.lookout.health.HealthLevel.UNKNOWN
                        : verdict.level(),
                    StatusCards.summary(report, verdict));
              }));
    }
    List<StatusCards.Entry> entries = new ArrayList<>();
    for (Future<StatusCards.Entry> f : futures) {
      try {
        entries.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new IllegalStateException(e.getCause());
      }
    }
    return cards.overview(entries, window);
  }
}
