package dev.lookout.bench;

import dev.lookout.cloud.CloudRunUsage;
import dev.lookout.cloud.GoogleClients;
import dev.lookout.cost.Pricing;
import dev.lookout.discord.ChartRenderer;
import dev.lookout.discord.ReportCards;
import dev.lookout.reports.ReportPeriod;
import dev.lookout.reports.ReportSettings;
import dev.lookout.reports.ReportWindow;
import dev.lookout.reports.UsageReport;
import dev.lookout.reports.UsageReports;
import dev.lookout.simulator.Simulator;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.store.AlertStore;
import dev.lookout.store.Database;
import dev.lookout.store.Outbox;
import dev.lookout.store.ProposalStore;
import dev.lookout.store.UsageStore;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * The time to build a month's report for 50 services: cold (no rollups yet, so six weeks of hours
 * are read from Cloud Monitoring through the real client and rolled up in H2) and from rollups. The
 * simulator holds 44 days of metrics for 50 services as an hourly archive. Run with {@code
 * ./lookout bench report}.
 */
public final class ReportBenchmark {
  private static final int SERVICES = 50;
  private static final int COLD_ROUNDS = 5;
  private static final int WARM_ROUNDS = 30;

  public static void main(String[] args) throws Exception {
    Instant start = Instant.parse("2026-12-01T10:00:00Z");
    long t0 = System.nanoTime();
    Simulator simulator =
        Simulator.start(
            SimulatorConfig.defaults()
                .withStart(start)
                .withServices(SimulatorBenchmark.mixedServices(SERVICES))
                .withHistory(Duration.ofHours(2))
                .withArchive(Duration.ofDays(44)));
    double simulated = (System.nanoTime() - t0) / 1e9;
    ReportWindow november = ReportWindow.lastComplete(ReportPeriod.MONTH, start, ZoneId.of("UTC"));
    ReportCards cards = new ReportCards(new ChartRenderer());
    try (GoogleClients clients = GoogleClients.create(Optional.of(simulator.grpcEndpoint()))) {
      CloudRunUsage source = new CloudRunUsage(clients, "lookout-demo");
      double[] cold = new double[COLD_ROUNDS];
      int rollups = 0;
      UsageReport report = null;
      Database db = null;
      UsageReports reports = null;
      for (int i = 0; i < COLD_ROUNDS; i++) {
        if (db != null) {
          db.close();
        }
        db = Database.inDirectory(Files.createTempDirectory("lookout-report-bench"));
        reports = reports(db, source);
        long c0 = System.nanoTime();
        report = reports.build(november, Optional.empty(), start);
        cold[i] = ms(c0);
        rollups = new UsageStore(db).rollups(Instant.EPOCH, start).size();
      }
      double[] warm = new double[WARM_ROUNDS];
      double[] one = new double[WARM_ROUNDS];
      double[] render = new double[WARM_ROUNDS];
      for (int i = 0; i < WARM_ROUNDS; i++) {
        long w0 = System.nanoTime();
        report = reports.build(november, Optional.empty(), start);
        warm[i] = ms(w0);
        long o0 = System.nanoTime();
        UsageReport single = reports.build(november, Optional.of("svc-07"), start);
        one[i] = ms(o0);
        long r0 = System.nanoTime();
        cards.report(i % 2 == 0 ? report : single);
        render[i] = ms(r0);
      }
      db.close();

      BenchmarkReport out = new BenchmarkReport("Month report for 50 services (issue 7)");
      out.row(
          "month report, 50 services, cold (p50 / max)",
          pair(cold),
          COLD_ROUNDS
              + " builds of "
              + november.label()
              + " on an empty database: the hours Monitoring still holds (six weeks, "
              + rollups
              + " service-hours) are read in six aligned and reduced ListTimeSeries calls through"
              + " the real client, written as rollups, then added up with October for comparison");
      out.row(
          "month report, 50 services, from rollups (p50 / p99)",
          pair(warm),
          WARM_ROUNDS
              + " builds once the hours are rolled up: one H2 range read, nothing from Monitoring");
      out.row(
          "month report, one service, from rollups (p50 / p99)",
          pair(one),
          "the same with service:svc-07 and its daily chart series");
      out.row(
          "rendering the card and its PNG chart (p50 / p99)",
          pair(render),
          "embed plus the 960×480 cost and idle-share chart, alternating all services and one;"
              + " the p99 is the first drawing, which loads fonts and warms the chart code");
      out.row(
          "simulated metrics behind it",
          String.format(Locale.ROOT, "%.1f s", simulated),
          SERVICES
              + " services: 44 days as an hourly archive (one simulated minute per hour) plus 2 h"
              + " minute by minute");
      out.publish();
    } finally {
      simulator.close();
    }
    System.exit(0);
  }

  private static UsageReports reports(Database db, CloudRunUsage source) {
    return new UsageReports(
        source,
        new UsageStore(db),
        new AlertStore(db),
        new ProposalStore(db, new Outbox(db)),
        Pricing.defaults(),
        ReportSettings.defaults());
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }

  private static String pair(double[] values) {
    double top =
        values.length >= 20
            ? BenchmarkReport.percentile(values, 99)
            : java.util.Arrays.stream(values).max().orElse(0);
    return String.format(
        Locale.ROOT, "%.0f ms / %.0f ms", BenchmarkReport.percentile(values, 50), top);
  }
}
