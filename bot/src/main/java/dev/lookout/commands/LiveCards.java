package dev.lookout.commands;

import dev.lookout.discord.StatusCards;
import dev.lookout.lifecycle.Shutdown;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps status cards up to date in place: every 15 s for 10 minutes, like a live dashboard, in real
 * time (Discord's rate limits and its 15-minute interaction tokens run on real time, whatever the
 * bot's clock does; the demo's runs sixty times faster). The card counts its refreshes down and
 * drops its live label on the last one. Each refresh is isolated; one that fails is logged and the
 * next one tries again.
 */
public final class LiveCards implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveCards.class);
  static final Duration EVERY = Duration.ofSeconds(15);
  static final Duration FOR = Duration.ofMinutes(10);
  static final StatusCards.Live LIVE = new StatusCards.Live(EVERY, FOR);

  private final StatusBoard board;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("live-cards").factory());

  public LiveCards(StatusBoard board) {
    this.board = board;
  }

  void keep(InteractionHook hook, String service, Duration window) {
    java.util.concurrent.atomic.AtomicLong left =
        new java.util.concurrent.atomic.AtomicLong(FOR.toMillis() / EVERY.toMillis());
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    task.set(
        scheduler.scheduleAtFixedRate(
            () -> {
              try {
                boolean last = left.decrementAndGet() <= 0;
                hook.editOriginal(
                        MessageEditData.fromCreateData(
                            board.card(
                                service, window, last ? Optional.empty() : Optional.of(LIVE))))
                    .complete();
                if (last) {
                  task.get().cancel(false);
                }
              } catch (RuntimeException e) {
                LOG.warn("live card of {} not refreshed: {}", service, e.toString());
                if (e instanceof net.dv8tion.jda.api.exceptions.ErrorResponseException) {
                  task.get().cancel(false); // message deleted or token expired
                }
              }
            },
            EVERY.toMillis(),
            EVERY.toMillis(),
            TimeUnit.MILLISECONDS));
  }

  @Override
  public void close() {
    Shutdown.gracefully(scheduler, Shutdown.GRACE);
  }
}
