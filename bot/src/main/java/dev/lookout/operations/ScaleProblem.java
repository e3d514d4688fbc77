package dev.lookout.operations;

import java.util.Optional;

/**
 * Why a change someone asked for may not be made, as a value; {@code discord/} says it, with what
 * is allowed. Amounts are in the settings' units: CPU in millicores, memory in MiB.
 */
public sealed interface ScaleProblem {
  /** No setting was given. */
  record NothingAsked() implements ScaleProblem {}

  /** The service already runs with what was asked; {@code current} when it is known here. */
  record NothingToChange(Optional<ScaleSettings> current) implements ScaleProblem {}

  /** A CPU or memory amount that could not be read, as written. */
  record Unreadable(ScaleSettings.Field field, String text, Unreadable.Why why)
      implements ScaleProblem {
    /** What is wrong with the text. */
    public enum Why {
      NOT_AN_AMOUNT,
      NO_UNIT,
      FAR_TOO_MUCH,
      NOT_WHOLE_MIB
    }
  }

  /** A whole number so far out of range that it was not read into the settings. */
  record FarOutOfRange(ScaleSettings.Field field, long value) implements ScaleProblem {}

  /** A setting outside Cloud Run's range or this service's bounds, from lowest to highest. */
  record OutOfRange(ScaleSettings.Field field, int value, int lowest, int highest)
      implements ScaleProblem {}

  /** More minimum instances than maximum. */
  record MinAboveMax(int min, int max) implements ScaleProblem {}

  /** A change of min or max instances larger than one proposal may make. */
  record StepTooBig(ScaleSettings.Field field, int from, int to, int maxStep)
      implements ScaleProblem {}

  /** A CPU amount Cloud Run does not offer. */
  record NotACpuSize(int cpuMillis) implements ScaleProblem {}

  /** CPU or memory above the service's configured ceiling. */
  record AboveCeiling(ScaleSettings.Field field, int value, int ceiling) implements ScaleProblem {}

  /** Less than one CPU with more than one request at a time, which Cloud Run refuses. */
  record FractionalCpuNeedsConcurrencyOne() implements ScaleProblem {}

  /** A CPU amount that needs more memory than asked. */
  record CpuNeedsMemory(int cpuMillis, int neededMiB, int memoryMiB) implements ScaleProblem {}

  /** A memory amount that needs more CPU than asked. */
  record MemoryNeedsCpu(int aboveMiB, int neededCpuMillis, int cpuMillis) implements ScaleProblem {}

  /** Cloud Run's own validation (a dry run) refused the change, in its words. */
  record DryRunRefused(String why) implements ScaleProblem {}

  /** A proposal that does not exist. */
  record NoSuchProposal(long id) implements ScaleProblem {}

  /** A rollback asked of a proposal that was not applied. */
  record NotApplied(long id, ProposalStatus status) implements ScaleProblem {}
}
