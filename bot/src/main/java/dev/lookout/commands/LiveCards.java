package dev.lookout.commands;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Keeps status cards up to date in place: every 15 s for 10 minutes, like a live dashboard. Each
 * refresh is isolated; one that fails is logged and the next one tries again.
 */
public final class LiveCards implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveCards.class);
  static final Duration EVERY = Duration.ofSeconds(15);
  static final Duration FOR = Duration.ofMinutes(10);

  private final StatusBoard board;
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("live-cards").factory());

  public LiveCards(StatusBoard board, Clock clock) {
    this.board = board;
    this.clock = clock;
  }

  Instant until() {
    return clock.instant().plus(FOR);
  }

  void keep(InteractionHook hook, String service, Duration window) {
    Instant until = until();
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    task.set(
        scheduler.scheduleAtFixedRate(
            () -> {
              try {
                Instant now = clock.instant();
                boolean last = !now.plus(EVERY).isBefore(until);
                hook.editOriginal(
                        MessageEditData.fromCreateData(
                            board.card(
                                service, window, last ? Optional.empty() : Optional.of(until))))
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
    scheduler.shutdownNow();
  }
}
