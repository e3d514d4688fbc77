package dev.lookout.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.protobuf.util.Timestamps;
import dev.lookout.health.ServiceHealth;
import dev.lookout.simulator.SimulatorConfig;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.MethodDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The read model's promise to Google's quota: a Monitoring bucket that has settled (it ended at
 * least one period ago) is fetched at most once, however many cards, windows and alert ticks read
 * it, and the charts joined from kept and fresh buckets are exactly what a whole read gives.
 */
class SettledSeriesIT {
  private static final String SERVICE = "checkout-api";
  private static final List<Duration> WINDOWS =
      List.of(Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofHours(6));

  /** A Monitoring request as it was sent, and the virtual time it was sent at. */
  private record Sent(ListTimeSeriesRequest request, Instant at) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private SimulatorFixture fixture;
  private Clock clock;

  @BeforeEach
  void start() {
    ClientInterceptor recorder =
        new ClientInterceptor() {
          @Override
          public <Q, R> ClientCall<Q, R> interceptCall(
              MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(
                next.newCall(method, options)) {
              @Override
              public void sendMessage(Q message) {
                if (message instanceof ListTimeSeriesRequest r) {
                  sent.add(new Sent(r, clock.instant()));
                }
                super.sendMessage(message);
              }
            };
          }
        };
    fixture =
        new SimulatorFixture(
            SimulatorConfig.defaults().withHistory(Duration.ofHours(2)), List.of(recorder));
    clock = fixture.simulator.project().clock();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private CloudRunHealthSource source(boolean share) {
    return new CloudRunHealthSource(fixture.clients, "lookout-demo", "us-central1", clock, share);
  }

  /** Twenty minutes of cards in three windows, a minute apart. */
  private void readFor(CloudRunHealthSource source, int minutes) {
    for (int i = 0; i < minutes; i++) {
      for (Duration window : WINDOWS) {
        source.read(SERVICE, window);
      }
      fixture.simulator.advance(Duration.ofMinutes(1));
    }
  }

  /**
   * How often each settled bucket was fetched: a request with period P over (s, e] asks for the
   * buckets ending at e, e-P, … after s, and a bucket ending at t is settled when t ≤ sent - P.
   */
  private Map<String, Integer> settledFetches() {
    Map<String, Integer> counts = new HashMap<>();
    for (Sent s : sent) {
      ListTimeSeriesRequest r = s.request();
      long period = r.getAggregation().getAlignmentPeriod().getSeconds();
      Instant start = Instant.ofEpochMilli(Timestamps.toMillis(r.getInterval().getStartTime()));
      Instant end = Instant.ofEpochMilli(Timestamps.toMillis(r.getInterval().getEndTime()));
      String query = r.getFilter() + "|" + r.getAggregation();
      for (Instant t = end; t.isAfter(start); t = t.minusSeconds(period)) {
        if (!t.isAfter(s.at().minusSeconds(period))) {
          counts.merge(query + "|" + t, 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  @Test
  @DisplayName("a settled bucket is fetched once across cards, windows and minutes")
  void settledBucketsFetchedOnce() {
    readFor(source(true), 20);

    Map<String, Integer> counts = settledFetches();
    assertThat(counts).isNotEmpty();
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
  }

  @Test
  @DisplayName("reading every window whole (the path before) fetches settled buckets again")
  void wholeReadsFetchAgain() {
    readFor(source(false), 3);

    assertThat(settledFetches().values()).anySatisfy(n -> assertThat(n).isGreaterThan(1));
  }

  @Test
  @DisplayName(
      "a longer window read after a shorter one fetches only the buckets before and after what is"
          + " kept, and joins them as a whole read would")
  void longerAfterShorter() {
    CloudRunHealthSource incremental = source(true);
    for (int minute = 0; minute < 8; minute++) {
      incremental.read(SERVICE, Duration.ofMinutes(15));
      incremental.read(SERVICE, Duration.ofHours(1));
      fixture.simulator.advance(Duration.ofMinutes(1));
    }
    incremental.read(SERVICE, Duration.ofMinutes(15));
    ServiceHealth joined = incremental.read(SERVICE, Duration.ofHours(1));
    Map<String, Integer> counts = settledFetches();
    assertThat(counts).isNotEmpty();
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
    assertThat(joined).isEqualTo(source(false).read(SERVICE, Duration.ofHours(1)));
  }

  @Test
  @DisplayName("health joined from kept and fresh buckets equals a whole read of the same minute")
  void joinedEqualsWhole() {
    CloudRunHealthSource incremental = source(true);
    readFor(incremental, 17);

    for (Duration window : WINDOWS) {
      ServiceHealth joined = incremental.read(SERVICE, window);
      ServiceHealth whole = source(false).read(SERVICE, window);
      assertThat(joined).as(window.toString()).isEqualTo(whole);
      assertThat(joined.series().cpuP99().times()).as(window.toString()).isNotEmpty();
    }
  }
}
