package dev.lookout.alerts;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A rotation of people on call: each takes a shift of a day or a week in turn, handing off at a
 * time of day in the schedule's time zone (on a day of the week for weekly shifts). Shifts follow
 * the zone's calendar, so a handoff stays at 09:00 across a daylight-saving change. Overrides put
 * someone else on call for a span; the newest override covering a moment wins.
 *
 * @param members Discord user ids in rotation order; the first takes the shift that begins at the
 *     handoff on {@code start} (for weekly shifts, on the handoff day on or before it)
 * @param role the team's role, mentioned when the person on call does not answer, if any
 * @param channelId where handoffs are announced
 */
public record OnCallSchedule(
    long id,
    String guildId,
    String name,
    Rotation rotation,
    LocalTime handoff,
    DayOfWeek handoffDay,
    ZoneId zone,
    LocalDate start,
    List<String> members,
    Optional<String> role,
    String channelId,
    List<Override> overrides) {

  /** How long each person's shift lasts. */
  public enum Rotation {
    DAILY(1),
    WEEKLY(7);

    final int days;

    Rotation(int days) {
      this.days = days;
    }
  }

  /** Someone covers for the rotation from {@code from} until {@code until}. */
  public record Override(
      long id, String userId, Instant from, Instant until, String by, Instant createdAt) {
    boolean covers(Instant t) {
      return !t.isBefore(from) && t.isBefore(until);
    }
  }

  /**
   * Who is on call from {@code from} until {@code until}, and whether an override put them there.
   */
  public record Shift(String userId, Instant from, Instant until, Optional<Override> override) {}

  public OnCallSchedule {
    members = List.copyOf(members);
    overrides = List.copyOf(overrides);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one person");
    }
  }

  /**
   * The first day of the rotation: for weekly shifts, the handoff day on or before {@code start}.
   */
  private LocalDate anchor() {
    return rotation == Rotation.WEEKLY
        ? start.with(TemporalAdjusters.previousOrSame(handoffDay))
        : start;
  }

  /** The number of the rotation shift holding {@code t}; shift 0 begins at the anchor's handoff. */
  private long shiftNumber(Instant t) {
    LocalDateTime local = LocalDateTime.ofInstant(t, zone);
    LocalDate day = local.toLocalDate();
    if (local.toLocalTime().isBefore(handoff)) {
      day = day.minusDays(1);
    }
    return Math.floorDiv(ChronoUnit.DAYS.between(anchor(), day), rotation.days);
  }

  private Instant shiftStart(long number) {
    return ZonedDateTime.of(anchor().plusDays(number * rotation.days), handoff, zone).toInstant();
  }

  private String memberOf(long number) {
    return members.get((int) Math.floorMod(number, (long) members.size()));
  }

  /** The rotation's shift holding {@code t}, overrides aside. */
  public Shift rotationAt(Instant t) {
    long n = shiftNumber(t);
    return new Shift(memberOf(n), shiftStart(n), shiftStart(n + 1), Optional.empty());
  }

  private Optional<Override> overrideAt(Instant t) {
    return overrides.stream()
        .filter(o -> o.covers(t))
        .max(Comparator.comparing(Override::createdAt).thenComparing(Override::id));
  }

  /** Who is on call at {@code t}, since when, and until when that holds. */
  public Shift at(Instant t) {
    Shift rot = rotationAt(t);
    Optional<Override> covering = overrideAt(t);
    if (covering.isPresent()) {
      Override o = covering.get();
      Instant until = o.until();
      for (Override newer : overrides) {
        if (newer.createdAt().isAfter(o.createdAt())
            && newer.from().isAfter(t)
            && newer.from().isBefore(until)) {
          until = newer.from();
        }
      }
      return new Shift(o.userId(), o.from(), until, covering);
    }
    Instant from = rot.from();
    Instant until = rot.until();
    for (Override o : overrides) {
      if (o.until().isAfter(from) && !o.until().isAfter(t)) {
        from = o.until();
      }
      if (o.from().isAfter(t) && o.from().isBefore(until)) {
        until = o.from();
      }
    }
    return new Shift(rot.userId(), from, until, Optional.empty());
  }

  /**
   * Who is on call from {@code from} for {@code span}, one entry per person in turn: a shift that
   * an override interrupts is split around it, and neighbours with the same person are joined.
   */
  public List<Shift> shifts(Instant from, Duration span) {
    Instant end = from.plus(span);
    List<Shift> out = new ArrayList<>();
    Instant t = from;
    int guard = 0;
    while (t.isBefore(end) && guard++ < 10_000) {
      Shift s = at(t);
      Shift piece = new Shift(s.userId(), out.isEmpty() ? s.from() : t, s.until(), s.override());
      if (!out.isEmpty()
          && out.getLast().userId().equals(piece.userId())
          && out.getLast().override().equals(piece.override())) {
        Shift last = out.removeLast();
        piece = new Shift(last.userId(), last.from(), piece.until(), last.override());
      }
      out.add(piece);
      t = s.until();
    }
    return out;
  }
}
