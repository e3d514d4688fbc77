package dev.lookout.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestQueueTest {
  @Test
  @DisplayName("concurrent producers and a consumer never lose or invent a request")
  void concurrent() throws Exception {
    RequestQueue queue = new RequestQueue(1_000_000);
    AtomicLong taken = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 10_000; i++) {
                      queue.offer(1);
                    }
                  }));
    }
    Thread consumer =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int i = 0; i < 50_000; i++) {
                    taken.addAndGet(queue.take(1));
                  }
                });
    for (Thread t : threads) {
      t.join();
    }
    consumer.join();
    assertThat(queue.depth() + taken.get()).isEqualTo(80_000);
  }

  @Test
  @DisplayName("a full queue accepts only what fits")
  void overflow() {
    RequestQueue queue = new RequestQueue(10);
    assertThat(queue.offer(7)).isEqualTo(7);
    assertThat(queue.offer(7)).isEqualTo(3);
    assertThat(queue.depth()).isEqualTo(10);
    assertThatThrownBy(() -> queue.offer(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
