package dev.lookout.outbox;

import dev.lookout.lifecycle.Shutdown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox through a {@link Courier}, in order per channel. A Discord error or outage only
 * delays a message (retried with backoff); a channel the bot can no longer post in is reported once
 * and not retried.
 *
 * <p>A backoff only lasts while Discord is unavailable. When it answers again (the drain starts,
 * the gateway resumes, a send succeeds after failures, or a probe succeeds while everything waits),
 * every waiting entry is due at once: a fatal alert never waits out a backoff earned during an
 * outage that is over.
 */
public final class OutboxDrain implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDrain.class);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  static final Duration PROBE_EVERY = Duration.ofSeconds(5);
  private static final int BATCH = 200;

  private final OutboxQueue queue;
  private final Courier courier;
  private final ChannelAccess channels;
  private final Clock wall;
  private final Clock clock;
  private final LongSupplier fence;
  private boolean started;
  private boolean wasConnected;
  private boolean failing;
  private Instant lastProbe = Instant.EPOCH;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("outbox-sender").factory());

  /**
   * @param wall real time, for retry backoff (Discord's outages last wall-clock time)
   * @param clock the bot's clock, for when a subscription was paused
   * @param fence the fence of this instance's leadership, under which entries are claimed
   */
  public OutboxDrain(
      OutboxQueue queue,
      Courier courier,
      ChannelAccess channels,
      Clock wall,
      Clock clock,
      LongSupplier fence) {
    this.queue = queue;
    this.courier = courier;
    this.channels = channels;
    this.wall = wall;
    this.clock = clock;
    this.fence = fence;
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
    if (!courier.connected()) {
      wasConnected = false;
      return 0; // REST would work, but a disconnected bot is better off waiting for its gateway
    }
    if (!started || !wasConnected) {
      discordAnswers(started ? "the gateway resumed" : "the sender started");
      started = true;
    }
    wasConnected = true;
    int delivered = 0;
    int attempted = 0;
    Set<String> blocked = new HashSet<>();
    for (OutboxEntry entry : queue.pending(BATCH)) {
      if (blocked.contains(entry.channelId())) {
        continue;
      }
      if (!entry.dueAt(wall.instant())) {
        blocked.add(entry.channelId()); // later entries of the channel wait behind it
        continue;
      }
      if (entry.message().isEmpty()) {
        queue.giveUp(entry.id(), "this version cannot read a " + entry.kind() + " entry");
        continue;
      }
      // Claimed under this leader's fence: an entry a newer leader took over is left to it.
      if (!queue.claim(entry.id(), fence.getAsLong())) {
        continue;
      }
      attempted++;
      try {
        courier.deliver(entry, entry.message().get());
        delivered++;
        if (failing) {
          discordAnswers("a message was delivered");
        }
      } catch (Courier.LostAccess e) {
        queue.giveUp(entry.id(), e.getMessage());
        if (channels.markBroken(entry.channelId(), e.getMessage(), clock.instant())) {
          courier.subscriptionPaused(entry.channelId(), e.getMessage());
        }
      } catch (Courier.Rejected e) {
        LOG.error(
            "Discord refused outbox entry {} ({}); giving up on it", entry.id(), entry.kind(), e);
        queue.giveUp(entry.id(), e.getMessage());
      } catch (RuntimeException e) {
        failing = true;
        retry(entry, e.toString());
        blocked.add(entry.channelId());
      }
    }
    if (failing && attempted == 0) {
      probe();
    }
    return delivered;
  }

  /** While every entry waits out a backoff, asks Discord now and then whether it answers again. */
  private void probe() {
    Instant now = wall.instant();
    if (Duration.between(lastProbe, now).compareTo(PROBE_EVERY) < 0) {
      return;
    }
    lastProbe = now;
    if (courier.answers()) {
      discordAnswers("Discord answered a probe");
    }
  }

  private void discordAnswers(String why) {
    failing = false;
    int waiting = queue.resetBackoff();
    if (waiting > 0) {
      LOG.info("{}: {} waiting outbox entries are due now", why, waiting);
    }
  }

  private void retry(OutboxEntry entry, String reason) {
    long seconds = Math.min(1L << Math.min(entry.attempts(), 16), MAX_BACKOFF.toSeconds());
    LOG.warn("outbox entry {} not delivered ({}); retrying in {} s", entry.id(), reason, seconds);
    queue.retryAt(entry.id(), wall.instant().plusSeconds(seconds));
  }

  @Override
  public void close() {
    // A delivery under way is recorded as delivered before the database closes.
    Shutdown.gracefully(loop, Shutdown.GRACE);
  }
}
