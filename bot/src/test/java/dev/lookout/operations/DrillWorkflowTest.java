package dev.lookout.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.HandClock;
import dev.lookout.alerts.AlertSeverity;
import dev.lookout.health.HealthSource;
import dev.lookout.health.ServiceHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Load drills over in-memory fakes: bounds, one at a time, ends, and fire-drill verdicts. */
class DrillWorkflowTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private final HandClock clock = new HandClock(T0);
  private final DrillBook book = new DrillBook();
  private final Load load = new Load();
  private final List<Drills.DeliveredAlert> delivered = new ArrayList<>();
  private DrillWorkflow drills;

  /** Drills kept in memory; a finish is conditional on the drill still running. */
  final class DrillBook implements Drills {
    final Map<Long, LoadDrill> rows = new TreeMap<>();
    final List<String> audit = new ArrayList<>();
    long next = 1;

    @Override
    public LoadDrill start(LoadDrill d, AuditEntry entry) {
      Optional<LoadDrill> busy = running(d.service());
      if (busy.isPresent()) {
        throw new DrillRunningException(busy.get());
      }
      long id = next++;
      LoadDrill kept =
          new LoadDrill(
              id,
              "t" + id,
              d.guildId(),
              d.channelId(),
              d.service(),
              d.kind(),
              d.intensity(),
              d.startedBy(),
              d.startedAt(),
              d.endsAt(),
              d.status(),
              d.expect(),
              d.verdict(),
              d.peak(),
              d.detail(),
              d.finishedAt());
      rows.put(id, kept);
      audit.add(entry.action());
      return kept;
    }

    @Override
    public Optional<LoadDrill> finish(
        long id,
        DrillStatus status,
        Optional<String> verdict,
        Optional<String> peak,
        Optional<String> detail,
        AuditEntry entry) {
      LoadDrill d = rows.get(id);
      if (d == null || d.status() != DrillStatus.RUNNING) {
        return Optional.empty();
      }
      LoadDrill ended =
          new LoadDrill(
              id,
              d.token(),
              d.guildId(),
              d.channelId(),
              d.service(),
              d.kind(),
              d.intensity(),
              d.startedBy(),
              d.startedAt(),
              d.endsAt(),
              status,
              d.expect(),
              verdict,
              peak,
              detail,
              Optional.of(entry.at()));
      rows.put(id, ended);
      audit.add(entry.action());
      return Optional.of(ended);
    }

    @Override
    public Optional<LoadDrill> find(long id) {
      return Optional.ofNullable(rows.get(id));
    }

    @Override
    public Optional<LoadDrill> running(String service) {
      return running().stream().filter(d -> d.service().equals(service)).findFirst();
    }

    @Override
    public List<LoadDrill> running() {
      return rows.values().stream().filter(d -> d.status() == DrillStatus.RUNNING).toList();
    }

    @Override
    public List<DeliveredAlert> alertsDelivered(String service, Instant from, Instant to) {
      return delivered.stream().filter(a -> !a.at().isBefore(from) && !a.at().isAfter(to)).toList();
    }
  }

  static final class Load implements LoadTarget {
    final List<String> calls = new ArrayList<>();
    String refuse;

    @Override
    public void start(String service, DrillKind kind, double intensity, Duration duration) {
      if (refuse != null) {
        throw new LoadRefusedException(refuse);
      }
      calls.add("start " + service + " " + kind.key() + " " + intensity);
    }

    @Override
    public void stop(String service) {
      calls.add("stop " + service);
    }
  }

  /** CPU that rose to 0.93 during the drill, one point a minute. */
  private ServiceHealth health(String service, Duration window) {
    ServiceHealth.Points cpu =
        new ServiceHealth.Points(
            List.of(T0.minusSeconds(60), T0.plusSeconds(60), T0.plusSeconds(120)),
            List.of(0.99, 0.93, 0.61));
    ServiceHealth.Points none = ServiceHealth.Points.empty();
    return new ServiceHealth(
        service,
        service + "-00001",
        OptionalDouble.of(0.6),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        2,
        0,
        0,
        10,
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        clock.instant(),
        new ServiceHealth.Series(cpu, none, none, none, none));
  }

  @BeforeEach
  void setUp() {
    HealthSource source =
        new HealthSource() {
          @Override
          public List<String> services() {
            return List.of("api");
          }

          @Override
          public ServiceHealth read(String service, Duration window) {
            return health(service, window);
          }
        };
    drills =
        new DrillWorkflow(
            book,
            load,
            source,
            DrillLimits.defaults(),
            new dev.lookout.discord.DrillTexts(),
            clock);
  }

  private LoadDrill start(Optional<AlertSeverity> expect) {
    return drills.start(
        "guild",
        "ops",
        "api",
        DrillKind.CPU,
        Optional.of(80.0),
        Duration.ofMinutes(5),
        expect,
        "alice");
  }

  static Stream<Arguments> outOfBounds() {
    return Stream.of(
        Arguments.of("too short", DrillKind.CPU, 50.0, Duration.ofSeconds(10), "a drill lasts"),
        Arguments.of("too long", DrillKind.CPU, 50.0, Duration.ofHours(2), "a drill lasts"),
        Arguments.of("too strong", DrillKind.RAM, 99.0, Duration.ofMinutes(5), "out of range"),
        Arguments.of("too weak", DrillKind.CPU, 0.5, Duration.ofMinutes(5), "out of range"),
        Arguments.of("not a number", DrillKind.CPU, Double.NaN, Duration.ofMinutes(5), "out of"),
        Arguments.of(
            "half a request", DrillKind.QUEUE, 10.5, Duration.ofMinutes(5), "whole number"));
  }

  @ParameterizedTest(name = "refused: {0}")
  @MethodSource("outOfBounds")
  void boundsAreChecked(
      String name, DrillKind kind, double intensity, Duration duration, String says) {
    assertThatThrownBy(
            () ->
                drills.start(
                    "guild",
                    "ops",
                    "api",
                    kind,
                    Optional.of(intensity),
                    duration,
                    Optional.empty(),
                    "alice"))
        .isInstanceOfSatisfying(
            InvalidDrillException.class,
            e -> assertThat(dev.lookout.discord.DrillTexts.refusal(e.problem())).contains(says));
    assertThat(book.rows).isEmpty();
    assertThat(load.calls).isEmpty();
  }

  @Test
  @DisplayName("one drill per service at a time; the second start loads nothing")
  void oneAtATime() {
    start(Optional.empty());
    assertThatThrownBy(() -> start(Optional.empty()))
        .isInstanceOf(Drills.DrillRunningException.class);
    assertThat(load.calls).containsExactly("start api cpu 80.0");
  }

  @Test
  @DisplayName("a load endpoint that refuses fails the drill, saying why")
  void refusedByEndpoint() {
    load.refuse = "HTTP 503";
    assertThatThrownBy(() -> start(Optional.empty()))
        .isInstanceOfSatisfying(
            InvalidDrillException.class,
            e ->
                assertThat(dev.lookout.discord.DrillTexts.refusal(e.problem()))
                    .startsWith("the load endpoint refused it: ")
                    .contains("HTTP 503"));
    assertThat(book.rows.get(1L).status()).isEqualTo(DrillStatus.FAILED);
    assertThat(book.running()).isEmpty();
  }

  @Test
  @DisplayName("a drill ends when its time is up, once, with the peak seen since it started")
  void endsOnTime() {
    LoadDrill d = start(Optional.empty());
    clock.advance(Duration.ofMinutes(4));
    assertThat(drills.finishDue()).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(drills.finishDue()).isEqualTo(1);
    assertThat(drills.finishDue()).isZero();
    LoadDrill ended = book.rows.get(d.id());
    assertThat(ended.status()).isEqualTo(DrillStatus.FINISHED);
    // 0.99 came before the drill started: it is not the drill's peak.
    assertThat(ended.peak()).contains("CPU p99 93%");
  }

  @Test
  @DisplayName("stopping early stops the load and records who did; a fire drill then fails")
  void stopEarly() {
    start(Optional.of(AlertSeverity.WARN));
    LoadDrill stopped = drills.stop("api", "bob").orElseThrow();
    assertThat(stopped.status()).isEqualTo(DrillStatus.STOPPED);
    assertThat(stopped.verdict()).contains("fail");
    assertThat(stopped.detail().orElseThrow()).contains("stopped early by bob");
    assertThat(load.calls).containsExactly("start api cpu 80.0", "stop api");
    assertThat(drills.stop("api", "bob")).isEmpty();
  }

  @Test
  @DisplayName("a fire drill passes when the expected alert reached a channel")
  void fireDrillPasses() {
    start(Optional.of(AlertSeverity.WARN));
    delivered.add(
        new Drills.DeliveredAlert("ops", T0.plusSeconds(200), "CPU p99 high", AlertSeverity.FATAL));
    clock.advance(Duration.ofMinutes(5));
    drills.finishDue();
    LoadDrill d = book.rows.get(1L);
    assertThat(d.verdict()).contains("pass");
    assertThat(d.detail().orElseThrow())
        .contains("fatal alert \"CPU p99 high\" reached <#ops> at 10:03 UTC");
  }

  @Test
  @DisplayName("a fire drill waits out the grace for a late alert, then fails without one")
  void fireDrillGraceThenFail() {
    start(Optional.of(AlertSeverity.FATAL));
    delivered.add(
        new Drills.DeliveredAlert("ops", T0.plusSeconds(200), "CPU p99 high", AlertSeverity.WARN));
    clock.advance(Duration.ofMinutes(6));
    assertThat(drills.finishDue()).isZero();
    assertThat(book.running()).hasSize(1);
    clock.advance(Duration.ofMinutes(2));
    assertThat(drills.finishDue()).isEqualTo(1);
    LoadDrill d = book.rows.get(1L);
    assertThat(d.verdict()).contains("fail");
    assertThat(d.detail().orElseThrow())
        .isEqualTo(
            "no fatal alert about api reached a subscribed channel between 10:00 UTC and 10:08 UTC");
  }
}
