package dev.lookout;

import dev.lookout.alerts.AlertRule;
import dev.lookout.alerts.NotificationPipeline;
import dev.lookout.alerts.RuleBook;
import dev.lookout.cloud.CloudRunLogs;
import dev.lookout.cloud.CloudRunObservations;
import dev.lookout.commands.AlertButtons;
import dev.lookout.commands.AlertsCommand;
import dev.lookout.commands.AuditCommand;
import dev.lookout.commands.DrillButtons;
import dev.lookout.commands.HelpCommand;
import dev.lookout.commands.LiveCards;
import dev.lookout.commands.ProposalButtons;
import dev.lookout.commands.ScaleCommand;
import dev.lookout.commands.ServiceDirectory;
import dev.lookout.commands.SilenceCommand;
import dev.lookout.commands.StatusBoard;
import dev.lookout.commands.StatusButtons;
import dev.lookout.commands.StatusCommand;
import dev.lookout.commands.StressCommand;
import dev.lookout.commands.SubscribeCommand;
import dev.lookout.commands.SubscriptionsCommand;
import dev.lookout.commands.UnsubscribeCommand;
import dev.lookout.config.LookoutConfig;
import dev.lookout.discord.AlertCards;
import dev.lookout.discord.AuditCards;
import dev.lookout.discord.CardDelivery;
import dev.lookout.discord.ChartRenderer;
import dev.lookout.discord.ComponentHandler;
import dev.lookout.discord.DrillCards;
import dev.lookout.discord.InteractionMetrics;
import dev.lookout.discord.InteractionRouter;
import dev.lookout.discord.ProposalCards;
import dev.lookout.discord.SlashCommand;
import dev.lookout.discord.StatusCards;
import dev.lookout.health.HealthReports;
import dev.lookout.health.HealthSource;
import dev.lookout.operations.DrillWorkflow;
import dev.lookout.operations.LoadTarget;
import dev.lookout.operations.ScaleWorkflow;
import dev.lookout.operations.ScalingTarget;
import dev.lookout.scheduler.OperationsRoutine;
import dev.lookout.scheduler.Scheduler;
import dev.lookout.store.AlertLedger;
import dev.lookout.store.AlertStore;
import dev.lookout.store.AuditLog;
import dev.lookout.store.CardMessages;
import dev.lookout.store.Database;
import dev.lookout.store.DrillStore;
import dev.lookout.store.Outbox;
import dev.lookout.store.ProposalStore;
import dev.lookout.store.SilenceStore;
import dev.lookout.store.SubscriptionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;

/**
 * The single explicit list of Lookout's features, with their dependencies passed by hand: no
 * scanning, no container. Adding a command or a routine means adding it here.
 */
public final class Features implements AutoCloseable {
  private final InteractionRouter router;
  private final LiveCards live;
  private final Scheduler scheduler;
  private final Scheduler knowledgeScheduler;
  private final Scheduler reportScheduler;
  private final dev.lookout.outbox.OutboxDrain sender;
  private final Outbox outbox;
  private final Database database;
  private final dev.lookout.scheduler.OperationsRoutine operations;
  private final ProposalStore proposalStore;
  private final DrillStore drillStore;
  private final dev.lookout.knowledge.KnowledgeBase knowledge;
  private final dev.lookout.store.IntakeStore intake;

  public Features(
      LookoutConfig config,
      Database database,
      HealthSource health,
      HealthReports reports,
      CloudRunLogs logs,
      Supplier<JDA> jda,
      Clock clock,
      InteractionMetrics metrics,
      ScalingTarget scaling,
      LoadTarget load,
      dev.lookout.reports.UsageSource usageSource,
      java.util.function.LongSupplier fence) {
    ServiceDirectory directory = new ServiceDirectory(config, reports, clock);
    directory.warmUp();
    ChartRenderer charts = new ChartRenderer();
    StatusBoard board = new StatusBoard(config, reports, directory, new StatusCards(charts));
    this.live = new LiveCards(board);

    SubscriptionStore subscriptions = new SubscriptionStore(database);
    AlertStore alerts = new AlertStore(database);
    SilenceStore silences = new SilenceStore(database);
    this.database = database;
    this.outbox = new Outbox(database);
    var digests = new dev.lookout.store.DigestStore(database, outbox);
    AlertLedger ledger = new AlertLedger(database, alerts, outbox, digests);
    String operator = config.operatorRole();
    var ops = config.operations();
    this.proposalStore = new ProposalStore(database, outbox);
    this.drillStore = new DrillStore(database, outbox);
    CardMessages cardMessages = new CardMessages(database);
    ScaleWorkflow proposals =
        new ScaleWorkflow(
            proposalStore,
            scaling,
            config::scalingOf,
            ops.proposals(),
            new dev.lookout.discord.ProposalTexts(),
            clock);
    DrillWorkflow drills =
        new DrillWorkflow(
            drillStore, load, health, ops.drills(), new dev.lookout.discord.DrillTexts(), clock);
    ProposalCards proposalCards = new ProposalCards(ops.pricing(), charts);
    DrillCards drillCards = new DrillCards();

    var knowledgeSettings = config.knowledge();
    this.knowledge =
        new dev.lookout.knowledge.KnowledgeBase(
            knowledgeSettings, Optional.of(new dev.lookout.knowledge.MiniLmEmbedder()));
    var ingest =
        new dev.lookout.scheduler.KnowledgeRoutine(
            knowledge, logs, directory::services, knowledgeSettings.retention());
    var answers = new dev.lookout.commands.AnswerCache(clock);
    Optional<dev.lookout.knowledge.LlmWriter> llm =
        config.llm().map(dev.lookout.knowledge.LlmWriter::new);
    var askCards = new dev.lookout.discord.AskCards();
    var explainer =
        new dev.lookout.knowledge.Explainer(
            knowledge, llm, dev.lookout.commands.AskCommand.DEFAULT_WINDOW);

    var usage = new dev.lookout.store.UsageStore(database);
    var usageReports =
        new dev.lookout.reports.UsageReports(
            usageSource, usage, alerts, proposalStore, ops.pricing(), config.reports());
    var reportCards = new dev.lookout.discord.ReportCards(charts);

    List<SlashCommand> commands = new ArrayList<>();
    commands.add(new StatusCommand(board, live));
    commands.add(new SubscribeCommand(subscriptions, directory, operator, clock));
    commands.add(new UnsubscribeCommand(subscriptions, operator));
    commands.add(new SubscriptionsCommand(subscriptions));
    commands.add(new AlertsCommand(alerts));
    commands.add(new SilenceCommand(silences, directory, operator, clock));
    commands.add(new ScaleCommand(proposals, directory, operator));
    commands.add(new StressCommand(drills, directory, operator));
    commands.add(new AuditCommand(new AuditLog(database), new AuditCards()));
    commands.add(
        new dev.lookout.commands.AskCommand(
            explainer,
            ingest::unavailable,
            directory,
            knowledgeSettings.retention(),
            askCards,
            answers,
            clock));
    commands.add(
        new dev.lookout.commands.ReportCommand(usageReports, directory, reportCards, clock));
    commands.add(new dev.lookout.commands.DigestCommand(digests, operator, clock));
    commands.add(new dev.lookout.commands.QuietCommand(digests, operator));
    var onCall = new dev.lookout.store.OnCallStore(database, outbox);
    commands.add(new dev.lookout.commands.OnCallCommand(onCall, operator, clock));
    var incidents = new dev.lookout.store.IncidentRecords(database);
    commands.add(new dev.lookout.commands.IncidentCommand(incidents, clock));
    commands.add(new HelpCommand(() -> List.copyOf(commands)));
    List<ComponentHandler> components =
        List.of(
            new StatusButtons(board),
            new AlertButtons(
                alerts,
                incidents,
                silences,
                operator,
                clock,
                proposals,
                explainer,
                ingest::unavailable,
                askCards,
                answers),
            new dev.lookout.commands.AskButtons(answers, askCards),
            new ProposalButtons(proposals, operator),
            new DrillButtons(drills, drillStore, operator),
            new dev.lookout.commands.DigestButtons(proposals, operator));
    this.router =
        new InteractionRouter(
            commands,
            components,
            metrics,
            Database::commitsOnThisThread,
            java.util.Map.of("service", directory::suggest));

    RuleBook book = config.alerting().ruleBook();
    var audience =
        new dev.lookout.store.AlertAudience(
            subscriptions,
            digests,
            config.intake().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        dev.lookout.intake.IntakeSource::name,
                        dev.lookout.intake.IntakeSource::channels)));
    this.intake = new dev.lookout.store.IntakeStore(database, clock);
    var cloudRun = new CloudRunObservations(health, logs, clock);
    var evaluation =
        new dev.lookout.alerts.AlertEvaluation(
            // A service only other systems alert on is not read from Cloud Run.
            (service, patterns) ->
                directory.services().contains(service)
                    ? cloudRun.observe(service, patterns)
                    : new dev.lookout.alerts.Observation(
                        service,
                        clock.instant(),
                        dev.lookout.health.ServiceHealth.unknown(service, clock.instant()),
                        0,
                        java.util.Map.of()),
            service -> rulesWithIntake(book, config, service, directory),
            new NotificationPipeline(config.alerting().repeat(), config.alerting().flapping()),
            ledger,
            silences,
            audience);
    var watch =
        new dev.lookout.alerts.AlertWatch(
            () -> servicesWithIntake(directory), evaluation, audience, ledger, silences, ledger);
    this.scheduler =
        new Scheduler(
            clock,
            config.alerting().interval(),
            List.of(
                new Scheduler.Named("alerts", watch::run),
                new Scheduler.Named(
                    "on-call",
                    new dev.lookout.alerts.OnCallRoutine(
                            onCall, onCall, ledger, silences, () -> config.alerting().escalation())
                        ::run),
                new Scheduler.Named(
                    "operations",
                    operations =
                        new OperationsRoutine(
                            proposals,
                            proposalStore,
                            drills,
                            health,
                            alerts,
                            subscriptions,
                            directory::services,
                            ops.pricing(),
                            new dev.lookout.discord.SuggestionTexts()))));
    // Reading logs (a backfill after a start may take a while) must never delay an alert.
    this.knowledgeScheduler =
        new Scheduler(
            "lookout-knowledge",
            clock,
            config.alerting().interval(),
            List.of(new Scheduler.Named("knowledge", ingest)));
    // Reading a month of usage after a long outage must not delay alerts either.
    this.reportScheduler =
        new Scheduler(
            "lookout-reports",
            clock,
            config.alerting().interval(),
            List.of(
                new Scheduler.Named(
                    "digests",
                    new dev.lookout.scheduler.DigestRoutine(
                        usageReports,
                        usage,
                        digests,
                        alerts,
                        silences,
                        proposalStore,
                        service -> proposals.deployed(service).settings().minInstances()))));
    var courier =
        new dev.lookout.discord.DiscordCourier(
            jda,
            outbox,
            alerts,
            ledger,
            new AlertCards(charts),
            Clock.systemUTC(),
            clock,
            config.alerting().fallbackChannel());
    this.sender =
        new dev.lookout.outbox.OutboxDrain(
            outbox, courier, subscriptions, Clock.systemUTC(), clock, fence);
    courier.with(
        new dev.lookout.discord.DiscordCourier.Renderers(
            new CardDelivery(
                CardMessages.PROPOSAL,
                cardMessages,
                id -> proposalStore.find(id).map(p -> proposalCards.card(p, clock.instant()))),
            new CardDelivery(
                CardMessages.DRILL, cardMessages, id -> drillStore.find(id).map(drillCards::card)),
            proposalCards::check,
            reportCards::digest,
            reportCards::quietSummary));
    courier.with(onCall);
  }

  /**
   * A service's rules: Lookout's own when it is a Cloud Run service Lookout watches, and one rule
   * for each alert other systems sent about it.
   */
  private List<AlertRule> rulesWithIntake(
      RuleBook book, LookoutConfig config, String service, ServiceDirectory directory) {
    List<AlertRule> out = new java.util.ArrayList<>();
    if (directory.services().contains(service)) {
      out.addAll(rules(book, config, service));
    }
    for (dev.lookout.alerts.ExternalAlert a : intake.ofService(service)) {
      out.add(new dev.lookout.alerts.ExternalRule(a));
    }
    return out;
  }

  /** The watched services, then those that only other systems alert on. */
  private List<String> servicesWithIntake(ServiceDirectory directory) {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(directory.services());
    all.addAll(intake.services());
    return List.copyOf(all);
  }

  private static List<AlertRule> rules(RuleBook book, LookoutConfig config, String service) {
    return book.rules(config.limitsOf(service));
  }

  public InteractionRouter router() {
    return router;
  }

  /** Starts the routines and the outbox sender, once Discord is connected. */
  public void start() {
    scheduler.start();
    knowledgeScheduler.start();
    reportScheduler.start();
    sender.start();
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  /** The knowledge base /ask answers from, for tests that count what it holds. */
  public dev.lookout.knowledge.KnowledgeBase knowledge() {
    return knowledge;
  }

  /** The digest and rollup schedule, for tests that wait until digests are queued. */
  public Scheduler reportScheduler() {
    return reportScheduler;
  }

  /** The log reader's own schedule, for tests that wait until the logs are read. */
  public Scheduler knowledgeScheduler() {
    return knowledgeScheduler;
  }

  /** Scale proposals, for tests and benchmarks that watch them move. */
  public ProposalStore proposals() {
    return proposalStore;
  }

  /** Load drills, for tests that watch them run. */
  public DrillStore drills() {
    return drillStore;
  }

  /** Where all state lives, for health checks and tests. */
  public Database database() {
    return database;
  }

  public Outbox outbox() {
    return outbox;
  }

  /** Alerts other systems sent, as the intake endpoints record them. */
  public dev.lookout.store.IntakeStore intake() {
    return intake;
  }

  @Override
  public void close() {
    scheduler.close();
    knowledgeScheduler.close();
    reportScheduler.close();
    operations.close();
    sender.close();
    live.close();
    router.close();
    knowledge.close();
  }
}
