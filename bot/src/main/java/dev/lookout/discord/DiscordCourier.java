package dev.lookout.discord;

import dev.lookout.alerts.Alert;
import dev.lookout.alerts.AlertEvent;
import dev.lookout.alerts.AlertPost;
import dev.lookout.alerts.AlertSeverity;
import dev.lookout.alerts.AlertStatus;
import dev.lookout.operations.ScaleCheck;
import dev.lookout.outbox.Courier;
import dev.lookout.outbox.OutboxEntry;
import dev.lookout.outbox.OutboxMessage;
import dev.lookout.reports.Digest;
import dev.lookout.reports.QuietSummary;
import dev.lookout.store.AlertLedger;
import dev.lookout.store.AlertStore;
import dev.lookout.store.Outbox;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * Carries outbox messages to Discord through JDA: renders each, posts or edits it, and records the
 * delivery with what goes with it (the message that carries an alert, a card's message). Posts
 * carry the entry's nonce, so a post repeated after a crash is recognised by Discord rather than
 * shown twice. Discord's errors are told apart for the drain: an outage, a lost channel, or a
 * refusal of the message itself.
 */
public final class DiscordCourier implements Courier {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordCourier.class);
  private static final Set<ErrorResponse> LOST_ACCESS =
      Set.of(
          ErrorResponse.MISSING_ACCESS,
          ErrorResponse.MISSING_PERMISSIONS,
          ErrorResponse.UNKNOWN_CHANNEL);

  private final Supplier<JDA> jda;
  private final Outbox outbox;
  private final AlertStore alerts;
  private final AlertLedger ledger;
  private final AlertCards cards;
  private final Clock wall;
  private final Clock clock;
  private final Optional<String> fallbackChannel;
  private volatile Renderers renderers;

  /**
   * @param wall real time, recorded as when a message was delivered
   * @param clock the bot's clock, for what messages say
   */
  public DiscordCourier(
      Supplier<JDA> jda,
      Outbox outbox,
      AlertStore alerts,
      AlertLedger ledger,
      AlertCards cards,
      Clock wall,
      Clock clock,
      Optional<String> fallbackChannel) {
    this.jda = jda;
    this.outbox = outbox;
    this.alerts = alerts;
    this.ledger = ledger;
    this.cards = cards;
    this.wall = wall;
    this.clock = clock;
    this.fallbackChannel = fallbackChannel;
  }

  /** How the messages besides alerts are drawn: cards from their rows, checks, digests. */
  public record Renderers(
      CardDelivery proposals,
      CardDelivery drills,
      java.util.function.Function<ScaleCheck, MessageCreateData> check,
      java.util.function.Function<Digest, MessageCreateData> digest,
      java.util.function.Function<QuietSummary, MessageCreateData> quietSummary) {}

  public DiscordCourier with(Renderers renderers) {
    this.renderers = renderers;
    return this;
  }

  private volatile dev.lookout.alerts.OnCallNotices escalations;

  /** Where the escalation steps shown on alert cards are read. */
  public DiscordCourier with(dev.lookout.alerts.OnCallNotices escalations) {
    this.escalations = escalations;
    return this;
  }

  @Override
  public boolean connected() {
    JDA j = jda.get();
    return j != null && j.getStatus() == JDA.Status.CONNECTED;
  }

  @Override
  public boolean answers() {
    try {
      jda.get().getRestPing().complete();
      return true;
    } catch (RuntimeException e) {
      LOG.debug("Discord still unavailable: {}", e.toString());
      return false;
    }
  }

  @Override
  public void subscriptionPaused(String channelId, String reason) {
    String text =
        "⚠️ Lookout can no longer post alerts in <#"
            + channelId
            + "> ("
            + Texts.fit(reason, 200)
            + "). Its subscription is paused;"
            + " fix the bot's permissions and run /subscribe there again.";
    if (fallbackChannel.isEmpty() || fallbackChannel.get().equals(channelId)) {
      LOG.warn("subscription of channel {} paused: {}", channelId, reason);
      return;
    }
    try {
      channel(jda.get(), fallbackChannel.get())
          .sendMessage(text)
          .queue(ok -> {}, err -> LOG.warn("fallback channel refused: {}", err.toString()));
    } catch (MissingChannel e) {
      LOG.warn("subscription of channel {} paused ({}); no fallback channel", channelId, reason);
    }
  }

  @Override
  public void deliver(OutboxEntry entry, OutboxMessage message) {
    JDA j = jda.get();
    try {
      deliver(j, channel(j, entry.channelId()), entry, message);
    } catch (MissingChannel e) {
      throw new LostAccess("the channel is gone or the bot cannot see it");
    } catch (ErrorResponseException e) {
      if (LOST_ACCESS.contains(e.getErrorResponse())) {
        throw new LostAccess(e.getMeaning());
      }
      if (e.isServerError() || e.getErrorCode() == 429) {
        throw new Unavailable(e.toString(), e);
      }
      throw new Rejected(e.getMeaning(), e);
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

  private void deliver(
      JDA j, GuildMessageChannel channel, OutboxEntry entry, OutboxMessage message) {
    switch (message) {
      case OutboxMessage.AlertPosted m -> postAlert(channel, entry, m.post());
      case OutboxMessage.AlertResolved m -> resolve(j, channel, entry, m.event());
      case OutboxMessage.AlertFlapping m -> flap(channel, entry, m.post());
      case OutboxMessage.Escalated m -> escalate(j, channel, entry, m);
      case OutboxMessage.EscalatedDirectly m -> {
        // The person, not the channel: a DM that Discord refuses (closed DMs) is given up on.
        String user = m.step().target().orElseThrow().value();
        Message posted =
            j.openPrivateChannelById(user)
                .complete()
                .sendMessage(AlertCards.escalationDirect(m.alert(), m.step(), entry.channelId()))
                .setNonce(entry.nonce())
                .complete();
        outbox.delivered(entry.id(), posted.getId(), wall.instant(), c -> null);
      }
      case OutboxMessage.Handoff m -> handoff(channel, entry, m);
      case OutboxMessage.Notice m -> post(channel, entry, text(Texts.content(m.text())));
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
  private void post(GuildMessageChannel channel, OutboxEntry entry, MessageCreateData data) {
    Message m = channel.sendMessage(data).setNonce(entry.nonce()).complete();
    outbox.delivered(entry.id(), m.getId(), wall.instant(), c -> null);
  }

  private void postAlert(GuildMessageChannel channel, OutboxEntry entry, AlertPost post) {
    Message m =
        channel
            .sendMessage(cards.post(post, Set.of(), clock.instant(), steps(post)))
            .setNonce(entry.nonce())
            .complete();
    String threadId = null;
    if (post.notification().severity() == AlertSeverity.FATAL && channel instanceof TextChannel) {
      try {
        ThreadChannel thread =
            m.createThreadChannel(
                    Texts.threadName("🔴 " + post.notification().service() + " — " + title(post)))
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

  /**
   * Edits the card that carries a flapping incident to its latest firing or resolution, or posts it
   * when the channel has none (or a member deleted it). An edit repeated after a crash shows the
   * same card; the card's row now points at this entry, which re-renders it on later edits.
   */
  private void flap(GuildMessageChannel channel, OutboxEntry entry, AlertPost post) {
    AlertEvent event = post.notification().events().get(0);
    String incident = event.alert().incident();
    Set<String> resolved =
        event.alert().status() == AlertStatus.RESOLVED ? Set.of(incident) : Set.of();
    MessageCreateData card = cards.post(post, resolved, clock.instant(), steps(post));
    // Only a card of this warn alert alone is taken over: a message that carries other alerts of
    // its tick, or the fatal that ended an earlier spell, is left as it is, and the spell gets its
    // own card.
    Optional<AlertStore.CarryingMessage> carrying =
        alerts
            .message(entry.channelId(), incident)
            .filter(
                m ->
                    outbox
                        .alertPost(m.outboxId())
                        .map(
                            p ->
                                p.notification().events().size() == 1
                                    && p.notification().severity() == AlertSeverity.WARN)
                        .orElse(false));
    String messageId = null;
    if (carrying.isPresent()) {
      try {
        channel
            .editMessageById(carrying.get().messageId(), MessageEditData.fromCreateData(card))
            .setReplace(true)
            .complete();
        messageId = carrying.get().messageId();
      } catch (ErrorResponseException e) {
        if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
          throw e;
        }
      }
    }
    if (messageId == null) {
      messageId = channel.sendMessage(card).setNonce(entry.nonce()).complete().getId();
    }
    outbox.delivered(
        entry.id(),
        messageId,
        wall.instant(),
        ledger.carries(
            entry.channelId(),
            List.of(incident),
            messageId,
            carrying.map(AlertStore.CarryingMessage::threadId).orElse(null),
            entry.id()));
  }

  private void resolve(JDA j, GuildMessageChannel channel, OutboxEntry entry, AlertEvent event) {
    Alert alert = event.alert();
    Optional<AlertStore.CarryingMessage> carrying =
        alerts.message(entry.channelId(), alert.incident());
    String noticeIn = entry.channelId();
    // Every message that announced the incident here shows it resolved: a warn that escalated
    // to fatal was announced twice.
    for (AlertStore.CarryingMessage earlier :
        alerts.earlierMessages(entry.channelId(), alert.incident())) {
      try {
        editResolved(channel, earlier, alert);
      } catch (ErrorResponseException e) {
        if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
          throw e;
        }
        // Deleted by a member: nothing to edit.
      }
    }
    if (carrying.isPresent()) {
      editResolved(channel, carrying.get(), alert);
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
    outbox.delivered(
        entry.id(),
        notice.getId(),
        wall.instant(),
        c -> {
          alerts.forgetEarlier(c, entry.channelId(), alert.incident());
          return null;
        });
  }

  /** Re-renders the message {@code carrying} posted, with {@code alert} and others now resolved. */
  private void editResolved(
      GuildMessageChannel channel, AlertStore.CarryingMessage carrying, Alert alert) {
    rerender(channel, carrying, Optional.of(alert));
  }

  /**
   * Re-renders the message {@code carrying} posted as things stand: the alerts in it that have
   * resolved since (and {@code resolving}) shown so, and the escalation steps taken.
   */
  private void rerender(
      GuildMessageChannel channel, AlertStore.CarryingMessage carrying, Optional<Alert> resolving) {
    AlertPost original = outbox.alertPost(carrying.outboxId()).orElseThrow();
    Set<String> resolved = new HashSet<>();
    for (AlertEvent e : original.notification().events()) {
      Alert now = alerts.find(e.alert().service(), e.alert().ruleId()).orElse(null);
      boolean sameFiring =
          now != null && java.util.Objects.equals(now.firingSince(), e.alert().firingSince());
      if (resolving.map(a -> a.incident().equals(e.alert().incident())).orElse(false)
          || now == null
          || now.status() == AlertStatus.RESOLVED
          || (!sameFiring && e.alert().firingSince() != null)) {
        resolved.add(e.alert().incident());
      }
    }
    channel
        .editMessageById(
            carrying.messageId(),
            MessageEditData.fromCreateData(
                cards.post(original, resolved, clock.instant(), steps(original))))
        .setReplace(true)
        .complete();
  }

  /** The escalation steps taken for the firings a post tells of, by incident. */
  private java.util.Map<String, List<dev.lookout.alerts.EscalationStep>> steps(AlertPost post) {
    java.util.Map<String, List<dev.lookout.alerts.EscalationStep>> out =
        new java.util.LinkedHashMap<>();
    if (escalations == null) {
      return out;
    }
    for (AlertEvent e : post.notification().events()) {
      if (e.alert().firingSince() != null) {
        List<dev.lookout.alerts.EscalationStep> taken =
            escalations.steps(e.alert().incident(), e.alert().firingSince());
        if (!taken.isEmpty()) {
          out.put(e.alert().incident(), taken);
        }
      }
    }
    return out;
  }

  /**
   * Takes an escalation step: mentions its person or role in the thread of the alert's card (or
   * beside the card), pinging exactly them, and lists the step on the card.
   */
  private void escalate(
      JDA j, GuildMessageChannel channel, OutboxEntry entry, OutboxMessage.Escalated m) {
    Alert alert = m.alert();
    Optional<AlertStore.CarryingMessage> carrying =
        alerts.message(entry.channelId(), alert.incident());
    GuildMessageChannel where = channel;
    if (carrying.isPresent() && carrying.get().threadId() != null) {
      ThreadChannel thread = j.getThreadChannelById(carrying.get().threadId());
      if (thread != null) {
        where = thread;
      }
    }
    // The cards first, in every channel that has one: editing them again after a crash shows the
    // same cards.
    alerts
        .messagesOf(alert.incident())
        .forEach(
            (channelId, card) -> {
              try {
                rerender(
                    channelId.equals(entry.channelId()) ? channel : channel(j, channelId),
                    card,
                    Optional.empty());
              } catch (RuntimeException e) {
                LOG.warn("could not list escalation step on card {}: {}", card, e.toString());
              }
            });
    Optional<String> mention = Optional.empty();
    Set<String> users = Set.of();
    Set<String> roles = Set.of();
    if (m.step().target().isPresent()) {
      var target = m.step().target().get();
      if (target.kind() == dev.lookout.alerts.EscalationPolicy.Target.Kind.USER) {
        mention = Optional.of("<@" + target.value() + ">");
        users = Set.of(target.value());
      } else {
        Optional<net.dv8tion.jda.api.entities.Role> role = role(channel, target.value());
        mention =
            Optional.of(
                role.map(net.dv8tion.jda.api.entities.Role::getAsMention)
                    .orElse("role " + UserText.quote(target.value()) + " (not found)"));
        roles = role.map(r -> Set.of(r.getId())).orElse(Set.of());
      }
    }
    // Exactly the person or role of the step may be pinged, nobody else.
    Message posted =
        where
            .sendMessage(AlertCards.escalation(alert, m.step(), mention))
            .mentionUsers(users)
            .mentionRoles(roles)
            .setNonce(entry.nonce())
            .complete();
    outbox.delivered(entry.id(), posted.getId(), wall.instant(), c -> null);
  }

  /** A role by id, or else by name. */
  private static Optional<net.dv8tion.jda.api.entities.Role> role(
      GuildMessageChannel channel, String value) {
    var guild = channel.getGuild();
    if (value.matches("\\d{15,21}")) {
      var byId = guild.getRoleById(value);
      if (byId != null) {
        return Optional.of(byId);
      }
    }
    return guild.getRolesByName(value, true).stream().findFirst();
  }

  /** Announces who is on call now, pinging only them. */
  private void handoff(GuildMessageChannel channel, OutboxEntry entry, OutboxMessage.Handoff m) {
    Message posted =
        channel
            .sendMessage(
                OnCallCards.handoff(
                    m.schedule(),
                    m.from(),
                    m.to(),
                    m.until(),
                    java.time.ZoneId.of(m.zone()),
                    m.covering()))
            .mentionUsers(m.to())
            .setNonce(entry.nonce())
            .complete();
    outbox.delivered(entry.id(), posted.getId(), wall.instant(), c -> null);
  }

  private static String title(AlertPost post) {
    var events = post.notification().events();
    return events.size() == 1 ? events.get(0).alert().title() : events.size() + " alerts";
  }
}
