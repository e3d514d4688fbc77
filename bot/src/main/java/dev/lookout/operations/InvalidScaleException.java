package dev.lookout.operations;

import java.util.List;

/** A change someone asked for that may not be made, and every reason why. */
public final class InvalidScaleException extends RuntimeException {
  private final List<ScaleProblem> problems;

  public InvalidScaleException(List<ScaleProblem> problems) {
    super(problems.toString());
    this.problems = List.copyOf(problems);
  }

  public InvalidScaleException(ScaleProblem problem) {
    this(List.of(problem));
  }

  public List<ScaleProblem> problems() {
    return problems;
  }
}
