package dev.lookout.reports;

import dev.lookout.cost.Pricing;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds usage reports: reads from Monitoring the hours no rollup holds yet (once; they are kept),
 * then adds up rollups, alert history and applied scale changes for the window and the window
 * before it.
 */
public final class UsageReports {
  /** How long after an hour ends before its points are complete enough to roll up. */
  static final Duration SETTLE = Duration.ofMinutes(5);

  private final UsageSource source;
  private final UsageHistory store;
  private final AlertHistory alerts;
  private final ScaleHistory proposals;
  private final Pricing pricing;
  private final ReportSettings settings;

  public UsageReports(
      UsageSource source,
      UsageHistory store,
      AlertHistory alerts,
      ScaleHistory proposals,
      Pricing pricing,
      ReportSettings settings) {
    this.source = source;
    this.store = store;
    this.alerts = alerts;
    this.proposals = proposals;
    this.pricing = pricing;
    this.settings = settings;
  }

  public ReportSettings settings() {
    return settings;
  }

  /** The end of the last hour whose usage is final at {@code now}. */
  public static Instant readyUntil(Instant now) {
    return now.minus(SETTLE).truncatedTo(ChronoUnit.HOURS);
  }

  /** The earliest instant a report may start at. */
  public Instant oldestReportable(Instant now) {
    return now.minus(settings.retention());
  }

  /**
   * Reads from Monitoring every final hour in {@code [from, to)} that no rollup holds yet and that
   * Monitoring still keeps, in one query per metric for each stretch of missing hours.
   *
   * @return how many hours were read
   * @throws UsageSource.UnavailableException when Monitoring cannot be reached
   */
  public int fill(Instant from, Instant to, Instant now) {
    Instant earliest = now.minus(settings.monitoringRetention()).truncatedTo(ChronoUnit.HOURS);
    Instant start = from.truncatedTo(ChronoUnit.HOURS);
    if (start.isBefore(earliest)) {
      start = earliest;
    }
    Instant end = to.isAfter(readyUntil(now)) ? readyUntil(now) : to;
    if (!start.isBefore(end)) {
      return 0;
    }
    Set<Instant> read = store.readHours(start, end);
    int filled = 0;
    List<Instant> run = new ArrayList<>();
    for (Instant h = start; h.isBefore(end); h = h.plus(Duration.ofHours(1))) {
      if (read.contains(h)) {
        filled += readRun(run, now);
      } else {
        run.add(h);
      }
    }
    filled += readRun(run, now);
    return filled;
  }

  private int readRun(List<Instant> run, Instant now) {
    if (run.isEmpty()) {
      return 0;
    }
    Instant from = run.getFirst();
    Instant to = run.getLast().plus(Duration.ofHours(1));
    store.save(List.copyOf(run), source.hourly(from, to), now);
    int n = run.size();
    run.clear();
    return n;
  }

  /**
   * The report for {@code window}, for one service or all.
   *
   * @throws UsageSource.UnavailableException when hours must be read and Monitoring is away
   */
  public UsageReport build(ReportWindow window, Optional<String> service, Instant now) {
    ReportWindow previous = window.previous();
    fill(previous.start(), window.end(), now);
    boolean partial = window.end().isAfter(readyUntil(now));
    // A period still running is compared with the period before up to the same point.
    Instant previousEnd =
        partial
            ? min(
                previous.end(),
                previous.start().plus(Duration.between(window.start(), readyUntil(now))))
            : previous.end();
    List<HourlyUsage> rows = store.rollups(previous.start(), window.end(), service);
    Map<String, List<HourlyUsage>> current = new TreeMap<>();
    Map<String, List<HourlyUsage>> before = new TreeMap<>();
    Set<Instant> coveredHours = new TreeSet<>();
    for (HourlyUsage h : rows) {
      if (service.isPresent() && !service.get().equals(h.service())) {
        continue;
      }
      boolean inWindow = !h.hourStart().isBefore(window.start());
      if (!inWindow && !h.hourStart().isBefore(previousEnd)) {
        continue;
      }
      (inWindow ? current : before).computeIfAbsent(h.service(), k -> new ArrayList<>()).add(h);
      if (inWindow) {
        coveredHours.add(h.hourStart());
      }
    }
    Set<Instant> readHours = store.readHours(window.start(), window.end());
    List<AlertRecord> history = alerts.history(window.start(), window.end());
    Map<String, Integer> applied = proposals.appliedPerService(window.start(), window.end());

    Set<String> names = new TreeSet<>();
    names.addAll(current.keySet());
    names.addAll(before.keySet());
    service.ifPresent(names::add);
    List<ServiceReport> services = new ArrayList<>();
    List<HourlyUsage> allCurrent = new ArrayList<>();
    List<HourlyUsage> allBefore = new ArrayList<>();
    List<AlertRecord> allAlerts = new ArrayList<>();
    int allApplied = 0;
    for (String name : names) {
      List<HourlyUsage> now1 = current.getOrDefault(name, List.of());
      List<HourlyUsage> then = before.getOrDefault(name, List.of());
      List<AlertRecord> fired = history.stream().filter(r -> r.service().equals(name)).toList();
      int changes = applied.getOrDefault(name, 0);
      allCurrent.addAll(now1);
      allBefore.addAll(then);
      allAlerts.addAll(fired);
      allApplied += changes;
      services.add(
          new ServiceReport(
              name,
              Usage.of(now1, pricing),
              Usage.of(then, pricing),
              AlertStats.of(fired),
              changes));
    }
    services.sort(
        Comparator.comparingDouble((ServiceReport r) -> -r.current().cost())
            .thenComparing(ServiceReport::service));
    return new UsageReport(
        window,
        previous,
        service,
        services,
        Usage.of(allCurrent, pricing),
        Usage.of(allBefore, pricing),
        AlertStats.of(allAlerts),
        allApplied,
        chart(window, allCurrent),
        Math.max(coveredHours.size(), readHours.size()),
        partial,
        pricing,
        now);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** Cost and idle share per day, or per hour for a one-day window. */
  private List<ChartPoint> chart(ReportWindow window, List<HourlyUsage> rows) {
    ZoneId zone = window.zoneId();
    boolean hourly = window.length().compareTo(Duration.ofHours(25)) <= 0;
    Map<Instant, List<HourlyUsage>> buckets = new LinkedHashMap<>();
    if (hourly) {
      for (Instant h : window.hourStarts()) {
        buckets.put(h, new ArrayList<>());
      }
    } else {
      for (LocalDate d = window.firstDay(); !d.isAfter(window.lastDay()); d = d.plusDays(1)) {
        buckets.put(d.atStartOfDay(zone).toInstant(), new ArrayList<>());
      }
    }
    for (HourlyUsage h : rows) {
      Instant key =
          hourly
              ? h.hourStart()
              : h.hourStart().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
      List<HourlyUsage> bucket = buckets.get(key);
      if (bucket != null) {
        bucket.add(h);
      }
    }
    DateTimeFormatter label =
        DateTimeFormatter.ofPattern(hourly ? "HH:mm" : "d MMM", Locale.ENGLISH);
    List<ChartPoint> out = new ArrayList<>();
    buckets.forEach(
        (start, hours) -> {
          Usage u = Usage.of(hours, pricing);
          out.add(new ChartPoint(start, label.format(start.atZone(zone)), u.cost(), u.idleShare()));
        });
    return out;
  }
}
