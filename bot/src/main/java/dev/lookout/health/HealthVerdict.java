package dev.lookout.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A service's figures judged against its limits: each figure's level, the overall level and the
 * worst figure, which the overview shows.
 */
public record HealthVerdict(HealthLevel level, List<Finding> findings) {

  /** One figure's value, its limit and how it stands. */
  public record Finding(Figure figure, double value, Limit limit, HealthLevel level) {
    /** How far towards its fatal threshold the figure is, for ranking. */
    double severity() {
      return limit.fatal() == 0 ? 0 : value / limit.fatal();
    }
  }

  public static HealthVerdict of(ServiceHealth health, HealthLimits limits) {
    List<Finding> findings = new ArrayList<>();
    HealthLevel level = HealthLevel.OK;
    for (Figure figure : Figure.values()) {
      Optional<Limit> limit = limits.of(figure);
      OptionalDouble value = figure.read(health);
      if (limit.isEmpty() || value.isEmpty()) {
        continue;
      }
      HealthLevel l = limit.get().judge(value.getAsDouble());
      findings.add(new Finding(figure, value.getAsDouble(), limit.get(), l));
      level = level.worse(l);
    }
    return new HealthVerdict(level, List.copyOf(findings));
  }

  /** The verdict when there is no data at all. */
  public static HealthVerdict unknown() {
    return new HealthVerdict(HealthLevel.UNKNOWN, List.of());
  }

  /** The figure closest to (or furthest past) its fatal threshold. */
  public Optional<Finding> worst() {
    return findings.stream()
        .max(
            Comparator.comparing((Finding f) -> levelRank(f.level()))
                .thenComparing(Finding::severity));
  }

  public Optional<Finding> finding(Figure figure) {
    return findings.stream().filter(f -> f.figure() == figure).findFirst();
  }

  private static int levelRank(HealthLevel l) {
    return switch (l) {
      case OK, UNKNOWN -> 0;
      case WARN -> 1;
      case FATAL -> 2;
    };
  }
}
