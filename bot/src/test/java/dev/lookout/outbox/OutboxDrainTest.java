package dev.lookout.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The drain's rules over in-memory fakes of the queue and of Discord. */
class OutboxDrainTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final OutboxMessage HELLO = new OutboxMessage.MonitoringRecovered();

  /** The queue as the store keeps it: delivered and given-up rows leave it. */
  static final class Queue implements OutboxQueue {
    final Map<Long, OutboxEntry> rows = new LinkedHashMap<>();
    final Map<Long, String> gaveUp = new HashMap<>();
    final Map<Long, Long> claimedBy = new HashMap<>();
    long next = 1;

    long add(String channel, Optional<OutboxMessage> message) {
      long id = next++;
      rows.put(id, new OutboxEntry(id, T0, channel, "notice", 0, null, "n" + id, message));
      return id;
    }

    @Override
    public List<OutboxEntry> pending(int limit) {
      return rows.values().stream().limit(limit).toList();
    }

    @Override
    public boolean claim(long id, long fence) {
      if (!rows.containsKey(id) || claimedBy.getOrDefault(id, 0L) > fence) {
        return false;
      }
      claimedBy.put(id, fence);
      return true;
    }

    @Override
    public void retryAt(long id, Instant when) {
      OutboxEntry e = rows.get(id);
      rows.put(
          id,
          new OutboxEntry(
              id,
              e.createdAt(),
              e.channelId(),
              e.kind(),
              e.attempts() + 1,
              when,
              e.nonce(),
              e.message()));
    }

    @Override
    public int resetBackoff() {
      int n = 0;
      for (OutboxEntry e : List.copyOf(rows.values())) {
        if (e.nextAttemptAt() != null) {
          rows.put(
              e.id(),
              new OutboxEntry(
                  e.id(), e.createdAt(), e.channelId(), e.kind(), 0, null, e.nonce(), e.message()));
          n++;
        }
      }
      return n;
    }

    @Override
    public void giveUp(long id, String reason) {
      rows.remove(id);
      gaveUp.put(id, reason);
    }

    void delivered(long id) {
      rows.remove(id);
    }
  }

  /** Discord: each channel answers with the next scripted outcome, then "ok". */
  final class Discord implements Courier {
    boolean connected = true;
    boolean answers;
    final Map<String, Deque<RuntimeException>> outcomes = new HashMap<>();
    final List<String> sent = new ArrayList<>();
    final List<String> paused = new ArrayList<>();

    void script(String channel, RuntimeException... failures) {
      outcomes.computeIfAbsent(channel, c -> new ArrayDeque<>()).addAll(List.of(failures));
    }

    @Override
    public boolean connected() {
      return connected;
    }

    @Override
    public void deliver(OutboxEntry entry, OutboxMessage message) {
      RuntimeException next = outcomes.getOrDefault(entry.channelId(), new ArrayDeque<>()).poll();
      if (next != null) {
        throw next;
      }
      sent.add(entry.channelId() + "#" + entry.id());
      queue.delivered(entry.id());
    }

    @Override
    public boolean answers() {
      return answers;
    }

    @Override
    public void subscriptionPaused(String channelId, String reason) {
      paused.add(channelId + ": " + reason);
    }
  }

  static final class Channels implements ChannelAccess {
    final Set<String> broken = new HashSet<>();

    @Override
    public boolean markBroken(String channelId, String reason, Instant at) {
      return broken.add(channelId);
    }
  }

  final Queue queue = new Queue();
  final Discord discord = new Discord();
  final Channels channels = new Channels();
  final HandClock wall = new HandClock(T0);
  long fence = 1;
  final OutboxDrain drain = new OutboxDrain(queue, discord, channels, wall, wall, () -> fence);

  static Stream<Arguments> outcomes() {
    return Stream.of(
        Arguments.of(
            "an outage: retried later, the channel's next message waits behind it",
            new Courier.Unavailable("HTTP 503", null),
            List.of(),
            1,
            List.of()),
        Arguments.of(
            "a lost channel: given up, its subscription paused and told once",
            new Courier.LostAccess("Missing Access"),
            List.of("ops#2"),
            0,
            List.of("ops: Missing Access")),
        Arguments.of(
            "a refused message: given up, the next one goes",
            new Courier.Rejected("Invalid Form Body", null),
            List.of("ops#2"),
            0,
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void outcomesOfAFailedSend(
      String name,
      RuntimeException failure,
      List<String> sentAfter,
      int waiting,
      List<String> paused) {
    queue.add("ops", Optional.of(HELLO));
    queue.add("ops", Optional.of(HELLO));
    discord.script("ops", failure);
    drain.drain();
    assertThat(discord.sent).isEqualTo(sentAfter);
    assertThat(queue.rows.values().stream().filter(e -> e.nextAttemptAt() != null).count())
        .isEqualTo(waiting);
    assertThat(discord.paused).isEqualTo(paused);
  }

  @Test
  @DisplayName("an outage in one channel does not hold up another")
  void channelsAreIndependent() {
    queue.add("ops", Optional.of(HELLO));
    queue.add("ops", Optional.of(HELLO));
    queue.add("dev", Optional.of(HELLO));
    discord.script("ops", new Courier.Unavailable("HTTP 500", null));
    drain.drain();
    assertThat(discord.sent).containsExactly("dev#3");
  }

  @Test
  @DisplayName("backoff doubles while Discord fails and is forgotten once it answers")
  void backoffAndRecovery() {
    long id = queue.add("ops", Optional.of(HELLO));
    discord.script(
        "ops",
        new Courier.Unavailable("1", null),
        new Courier.Unavailable("2", null),
        new Courier.Unavailable("3", null),
        new Courier.Unavailable("4", null),
        new Courier.Unavailable("5", null));
    List<Long> waits = new ArrayList<>();
    Instant failedAt = wall.instant();
    for (int i = 0; i < 5; i++) {
      failedAt = wall.instant();
      drain.drain();
      Instant next = queue.rows.get(id).nextAttemptAt();
      waits.add(Duration.between(wall.instant(), next).toSeconds());
      wall.set(next);
    }
    assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L);
    // While it waits, Discord is probed at most every 5 s; an answer makes it due at once.
    wall.set(failedAt.plusSeconds(1));
    drain.drain(); // a probe, unanswered
    discord.answers = true;
    wall.set(failedAt.plusSeconds(3));
    drain.drain(); // too soon for another probe
    assertThat(queue.rows.get(id).nextAttemptAt()).isNotNull();
    wall.set(failedAt.plusSeconds(6));
    drain.drain();
    assertThat(queue.rows.get(id).nextAttemptAt()).isNull();
    drain.drain();
    assertThat(discord.sent).containsExactly("ops#1");
  }

  @Test
  @DisplayName("nothing is sent while the gateway is down; on its return backoffs are dropped")
  void gatewayDown() {
    long id = queue.add("ops", Optional.of(HELLO));
    discord.script("ops", new Courier.Unavailable("HTTP 502", null));
    drain.drain();
    assertThat(queue.rows.get(id).nextAttemptAt()).isNotNull();
    discord.connected = false;
    assertThat(drain.drain()).isZero();
    discord.connected = true;
    assertThat(drain.drain()).isEqualTo(1);
  }

  @Test
  @DisplayName("an entry this version cannot read is given up without a send")
  void unreadable() {
    queue.add("ops", Optional.empty());
    queue.add("ops", Optional.of(HELLO));
    drain.drain();
    assertThat(queue.gaveUp).containsOnlyKeys(1L);
    assertThat(discord.sent).containsExactly("ops#2");
  }

  @Test
  @DisplayName("an entry claimed by a newer leader is left to it")
  void fencedOut() {
    long id = queue.add("ops", Optional.of(HELLO));
    queue.claimedBy.put(id, 7L);
    drain.drain();
    assertThat(discord.sent).isEmpty();
    fence = 7;
    drain.drain();
    assertThat(discord.sent).containsExactly("ops#1");
  }

  @Test
  @DisplayName("a second lost message in a broken channel does not tell people again")
  void pausedOnce() {
    queue.add("ops", Optional.of(HELLO));
    queue.add("ops", Optional.of(HELLO));
    discord.script("ops", new Courier.LostAccess("Unknown Channel"), new Courier.LostAccess("x"));
    drain.drain();
    assertThat(discord.paused).containsExactly("ops: Unknown Channel");
    assertThat(queue.gaveUp).containsOnlyKeys(1L, 2L);
  }
}
