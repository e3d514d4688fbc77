package dev.lookout.operations;

import java.time.Duration;

/** A drill that may not run, and why, as a value; {@code discord/} says it. */
public final class InvalidDrillException extends RuntimeException {
  private final Problem problem;

  public InvalidDrillException(Problem problem) {
    super(problem.toString());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  /** Why a drill may not run. */
  public sealed interface Problem {
    /** A duration outside what drills may last. */
    record DurationOutOfRange(Duration asked, Duration shortest, Duration longest)
        implements Problem {}

    /** An intensity outside what the kind of drill allows. */
    record IntensityOutOfRange(DrillKind kind, double asked, double lowest, double highest)
        implements Problem {}

    /** A count of requests that is not whole. */
    record NotWholeRequests(DrillKind kind) implements Problem {}

    /** The service's load endpoint refused to start, in its words. */
    record LoadRefused(String why) implements Problem {}
  }
}
