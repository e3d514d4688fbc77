package dev.lookout.discord;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.AlertEvent;
import dev.lookout.alerts.AlertPost;
import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.AlertStatus;
import dev.lookout.operations.ScaleCheck;
import dev.lookout.outbox.OutboxMessage;
import dev.lookout.reports.Digest;
import dev.lookout.reports.QuietSummary;
import dev.lookout.store.AlertLedger;
import dev.lookout.store.AlertStore;
import dev.lookout.store.Outbox;
import dev.lookout.store.SubscriptionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox into Discord, in order per channel. A Discord error or outage only delays a
 * message (retried with backoff); a channel the bot can no longer post in is reported once and not
 * retried. Posts carry a nonce derived from the outbox row, so a post repeated after a crash is
 * recognised by Discord rather than shown twice.
 *
 * <p>A backoff only lasts while Discord is unavailable. When it answers again (the sender starts,
 * the gateway resumes, a send succeeds after failures, or a probe of its API succeeds while
 * everything waits), every waiting entry is due at once: a fatal alert never waits out a backoff
 * earned during an outage that is over.
 */
public final class OutboxSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  private static final Duration PROBE_EVERY = Duration.ofSeconds(5);
  private static final Set<ErrorResponse> LOST_ACCESS =
      Set.of(
          ErrorResponse.MISSING_ACCESS,
          ErrorResponse.MISSING_PERMISSIONS,
          ErrorResponse.UNKNOWN_CHANNEL);

  private final Supplier<JDA> jda;
  private final Outbox outbox;
  private final AlertStore alerts;
  private final AlertLedger ledger;
  private final SubscriptionStore subscriptions;
  private final AlertCards cards;
  private final Clock wall;
  private final Clock clock;
  private final Optional<String> fallbackChannel;
  private final java.util.function.LongSupplier fence;
  private volatile Renderers renderers;
  private boolean started;
  private JDA.Status lastStatus;
  private boolean failing;
  private Instant lastProbe = Instant.EPOCH;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("outbox-sender").factory());

  /**
   * @param wall real time, for retry backoff (Discord's outages last wall-clock time)
   * @param clock the bot's clock, for what messages say
   */
  public OutboxSender(
      Supplier<JDA> jda,
      Outbox outbox,
      AlertStore alerts,
      AlertLedger ledger,
      SubscriptionStore subscriptions,
      AlertCards cards,
      Clock wall,
      Clock clock,
      Optional<String> fallbackChannel,
      java.util.function.LongSupplier fence) {
    this.jda = jda;
    this.outbox = outbox;
    this.alerts = alerts;
    this.ledger = ledger;
    this.subscriptions = subscriptions;
    this.cards = cards;
    this.wall = wall;
    this.clock = clock;
    this.fallbackChannel = fallbackChannel;
    this.fence = fence;
  }

  /** How the messages besides alerts are drawn: cards from their rows, checks, digests. */
  public record Renderers(
      CardDelivery proposals,
      CardDelivery drills,
      java.util.function.Function<ScaleCheck, MessageCreateData> check,
      java.util.function.Function<Digest, MessageCreateData> digest,
      java.util.function.Function<QuietSummary, MessageCreateData> quietSummary) {}

  public OutboxSender with(Renderers renderers) {
    this.renderers = renderers;
    return this;
  }

  public void start() {
    loop.scheduleWithFixedDelay(this::drainSafely, 0, 200, TimeUnit.MILLISECONDS);
  }

  private void drainSafely() {
    try {
      drain();
    } catch (RuntimeException e) {
      LOG.error("outbox drain failed; will try again", e);
    }
  }

  /** Sends what is due; returns how many entries were delivered. */
  public synchronized int drain() {
    JDA j = jda.get();
    JDA.Status status = j == null ? null : j.getStatus();
    if (status != JDA.Status.CONNECTED) {
      lastStatus = status;
      return 0; // REST would work, but a disconnected bot is better off waiting for its gateway
    }
    if (!started || lastStatus != JDA.Status.CONNECTED) {
      discordAnswers(started ? "the gateway resumed" : "the sender started");
      started = true;
    }
    lastStatus = status;
    int delivered = 0;
    int attempted = 0;
    Set<String> blocked = new HashSet<>();
    for (Outbox.Entry entry : outbox.pending(200)) {
      if (blocked.contains(entry.channelId())) {
        continue;
      }
      Instant now = wall.instant();
      if (!entry.dueAt(now)) {
        blocked.add(entry.channelId());
        continue;
      }
      // Claimed under this leader's fence: an entry a newer leader took over is left to it.
      if (!outbox.claim(entry.id(), fence.getAsLong())) {
        continue;
      }
      attempted++;
      try {
        deliver(j, entry);
        delivered++;
        if (failing) {
          discordAnswers("a message was delivered");
        }
      } catch (ErrorResponseException e) {
        if (LOST_ACCESS.contains(e.getErrorResponse())) {
          outbox.giveUp(entry.id(), e.getMeaning());
          lostAccess(j, entry.channelId(), e.getMeaning());
        } else if (e.isServerError() || e.getErrorCode() == 429) {
          failing = true;
          retry(entry, e.toString());
          blocked.add(entry.channelId());
        } else {
          LOG.error(
              "Discord refused outbox entry {} ({}); giving up on it", entry.id(), entry.kind(), e);
          outbox.giveUp(entry.id(), e.getMeaning());
        }
      } catch (MissingChannel e) {
        outbox.giveUp(entry.id(), "unknown channel");
        lostAccess(j, entry.channelId(), "the channel is gone or the bot cannot see it");
      } catch (RuntimeException e) {
        failing = true;
        retry(entry, e.toString());
        blocked.add(entry.channelId());
      }
    }
    if (failing && attempted == 0) {
      probe(j);
    }
    return delivered;
  }

  /** While every entry waits out a backoff, asks Discord now and then whether it answers again. */
  private void probe(JDA j) {
    Instant now = wall.instant();
    if (Duration.between(lastProbe, now).compareTo(PROBE_EVERY) < 0) {
      return;
    }
    lastProbe = now;
    try {
      j.getRestPing().complete();
    } catch (RuntimeException e) {
      LOG.debug("Discord still unavailable: {}", e.toString());
      return;
    }
    discordAnswers("Discord answered a probe");
  }

  private void discordAnswers(String why) {
    failing = false;
    int waiting = outbox.resetBackoff();
    if (waiting > 0) {
      LOG.info("{}: {} waiting outbox entries are due now", why, waiting);
    }
  }

  private void retry(Outbox.Entry entry, String reason) {
    long seconds = Math.min(1L << Math.min(entry.attempts(), 16), MAX_BACKOFF.toSeconds());
    LOG.warn("outbox entry {} not delivered ({}); retrying in {} s", entry.id(), reason, seconds);
    outbox.retryAt(entry.id(), wall.instant().plusSeconds(seconds));
  }

  private void lostAccess(JDA j, String channelId, String reason) {
    if (subscriptions.markBroken(channelId, reason, clock.instant())) {
      String text =
          "⚠️ Lookout can no longer post alerts in <#"
              + channelId
              + "> ("
              + reason
              + "). Its subscription is paused;"
              + " fix the bot's permissions and run /subscribe there again.";
      Optional<GuildMessageChannel> fallback = fallbackChannel.map(id -> channel(j, id));
      if (fallback.isPresent() && !fallbackChannel.get().equals(channelId)) {
        fallback
            .get()
            .sendMessage(text)
            .queue(ok -> {}, err -> LOG.warn("fallback channel refused: {}", err.toString()));
      } else {
        LOG.warn("subscription of channel {} paused: {}", channelId, reason);
      }
    }
  }

  private static final class MissingChannel extends RuntimeException {
    MissingChannel(String id) {
      super("no channel " + id);
    }
  }

  private static GuildMessageChannel channel(JDA j, String id) {
    GuildMessageChannel c = j.getChannelById(GuildMessageChannel.class, id);
    if (c == null) {
      throw new MissingChannel(id);
    }
    return c;
  }

  private void deliver(JDA j, Outbox.Entry entry) {
    GuildMessageChannel channel = channel(j, entry.channelId());
    OutboxMessage message;
    try {
      message = entry.message();
    } catch (IllegalArgumentException e) {
      outbox.giveUp(entry.id(), e.getMessage());
      return;
    }
    switch (message) {
      case OutboxMessage.AlertPosted m -> postAlert(channel, entry, m.post());
      case OutboxMessage.AlertResolved m -> resolve(j, channel, entry, m.event());
      case OutboxMessage.Notice m -> post(channel, entry, text(Texts.fit(m.text(), Texts.CONTENT)));
      case OutboxMessage.MonitoringDegraded m ->
          post(channel, entry, text(AlertCards.degraded(m.problem())));
      case OutboxMessage.MonitoringRecovered m ->
          post(channel, entry, text(AlertCards.recovered()));
      case OutboxMessage.SilenceExpired m ->
          post(channel, entry, text(AlertCards.silenceExpired(m)));
      case OutboxMessage.CardUpdate m -> {
        CardDelivery.Delivered d =
            (m.card() == OutboxMessage.Card.PROPOSAL ? renderers.proposals() : renderers.drills())
                .deliver(channel, entry, m.subject());
        outbox.delivered(entry.id(), d.messageId(), wall.instant(), d.alongside());
      }
      case OutboxMessage.ScaleCheckPosted m ->
          post(channel, entry, renderers.check().apply(m.check()));
      case OutboxMessage.DigestPosted m ->
          post(channel, entry, renderers.digest().apply(m.digest()));
      case OutboxMessage.QuietSummaryPosted m ->
          post(channel, entry, renderers.quietSummary().apply(m.summary()));
    }
  }

  private static MessageCreateData text(String text) {
    return new net.dv8tion.jda.api.utils.messages.MessageCreateBuilder().setContent(text).build();
  }

  /**
   * Posts a message once: the entry's nonce lets Discord recognise a post repeated after a crash.
   */
  private void post(GuildMessageChannel channel, Outbox.Entry entry, MessageCreateData data) {
    Message m = channel.sendMessage(data).setNonce(entry.nonce()).complete();
    outbox.delivered(entry.id(), m.getId(), wall.instant(), c -> null);
  }

  private void postAlert(GuildMessageChannel channel, Outbox.Entry entry, AlertPost post) {
    Message m =
        channel
            .sendMessage(cards.post(post, Set.of(), clock.instant()))
            .setNonce(entry.nonce())
            .complete();
    String threadId = null;
    if (post.notification().severity() == AlertSeverity.FATAL && channel instanceof TextChannel) {
      try {
        ThreadChannel thread =
            m.createThreadChannel(
                    Texts.fit("🔴 " + post.notification().service() + " — " + title(post), 100))
                .complete();
        threadId = thread.getId();
      } catch (RuntimeException e) {
        LOG.warn("could not open a thread on alert message {}: {}", m.getId(), e.toString());
      }
    }
    // A reminder repeats an incident; the message that announced it stays its home.
    List<String> incidents =
        post.notification().events().stream()
            .filter(e -> e.kind() != AlertEvent.Kind.REMINDER)
            .map(e -> e.alert().incident())
            .distinct()
            .toList();
    outbox.delivered(
        entry.id(),
        m.getId(),
        wall.instant(),
        ledger.carries(entry.channelId(), incidents, m.getId(), threadId, entry.id()));
  }

  private void resolve(JDA j, GuildMessageChannel channel, Outbox.Entry entry, AlertEvent event) {
    Alert alert = event.alert();
    Optional<AlertStore.CarryingMessage> carrying =
        alerts.message(entry.channelId(), alert.incident());
    String noticeIn = entry.channelId();
    if (carrying.isPresent()) {
      AlertPost original = outbox.alertPost(carrying.get().outboxId()).orElseThrow();
      Set<String> resolved = new HashSet<>();
      for (AlertEvent e : original.notification().events()) {
        Alert now = alerts.find(e.alert().service(), e.alert().ruleId()).orElse(null);
        if (e.alert().incident().equals(alert.incident())
            || now == null
            || now.status() == AlertStatus.RESOLVED) {
          resolved.add(e.alert().incident());
        }
      }
      channel
          .editMessageById(
              carrying.get().messageId(),
              MessageEditData.fromCreateData(cards.post(original, resolved, clock.instant())))
          .setReplace(true)
          .complete();
      if (carrying.get().threadId() != null
          && j.getThreadChannelById(carrying.get().threadId()) != null) {
        noticeIn = carrying.get().threadId();
      }
    }
    Message notice =
        channel(j, noticeIn)
            .sendMessage(AlertCards.resolvedNotice(alert, clock.instant()))
            .setNonce(entry.nonce())
            .complete();
    outbox.delivered(entry.id(), notice.getId(), wall.instant(), c -> null);
  }

  private static String title(AlertPost post) {
    var events = post.notification().events();
    return events.size() == 1 ? events.get(0).alert().title() : events.size() + " alerts";
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
