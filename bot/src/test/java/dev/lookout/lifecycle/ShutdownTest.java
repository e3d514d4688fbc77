package dev.lookout.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ShutdownTest {
  @Test
  @DisplayName("work under way finishes uninterrupted, and no new work starts")
  void workUnderWayFinishes() throws Exception {
    var executor = Executors.newSingleThreadExecutor();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    executor.execute(
        () -> {
          running.countDown();
          try {
            release.await();
            finished.set(true);
          } catch (InterruptedException e) {
            interrupted.set(true);
          }
        });
    running.await();
    Thread stopper =
        Thread.ofPlatform().start(() -> Shutdown.gracefully(executor, Duration.ofMinutes(1)));
    // The stopper waits on the work; the work is let go only once new work would be refused.
    while (!executor.isShutdown()) {
      Thread.onSpinWait();
    }
    release.countDown();
    stopper.join();
    assertThat(finished).isTrue();
    assertThat(interrupted).isFalse();
    assertThat(executor.isTerminated()).isTrue();
  }

  @Test
  @DisplayName("work that outlasts the grace period is interrupted")
  void outlastingWorkIsInterrupted() throws Exception {
    var executor = Executors.newSingleThreadExecutor();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    executor.execute(
        () -> {
          running.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
        });
    running.await();
    assertThat(Shutdown.gracefully(executor, Duration.ofMillis(50))).isFalse();
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
