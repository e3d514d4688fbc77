package dev.lookout.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SharedReadsTest {
  @Test
  @DisplayName("callers asking for one key together share one read, and later ones reuse it")
  void coalesces() throws Exception {
    SharedReads<String, Integer> reads = new SharedReads<>(true);
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch inRead = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      answers.add(
          pool.submit(
              () ->
                  reads.get(
                      "consumer@10:32",
                      () -> {
                        calls.incrementAndGet();
                        inRead.countDown();
                        await(release);
                        return 42;
                      })));
      assertThat(inRead.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 10; i++) {
        answers.add(pool.submit(() -> reads.get("consumer@10:32", () -> calls.incrementAndGet())));
      }
      release.countDown();
      for (Future<Integer> f : answers) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(42);
      }
    }
    assertThat(calls).hasValue(1);
    assertThat(reads.get("consumer@10:33", () -> 7))
        .as("another minute, another read")
        .isEqualTo(7);
    reads.forget(k -> k.endsWith("10:32"));
    assertThat(reads.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("a failed read is not kept: the next caller reads again")
  void failureNotKept() {
    SharedReads<String, Integer> reads = new SharedReads<>(true);
    assertThatThrownBy(
            () ->
                reads.get(
                    "k",
                    () -> {
                      throw new HealthSource.SourceUnavailableException("down", null);
                    }))
        .isInstanceOf(HealthSource.SourceUnavailableException.class);
    assertThat(reads.get("k", () -> 1)).isEqualTo(1);
  }

  @Test
  @DisplayName("turned off, every call reads")
  void off() {
    SharedReads<String, Integer> reads = new SharedReads<>(false);
    AtomicInteger calls = new AtomicInteger();
    reads.get("k", calls::incrementAndGet);
    reads.get("k", calls::incrementAndGet);
    assertThat(calls).hasValue(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
