package dev.lookout.alerts;

import java.util.Optional;

/**
 * What a rule makes of an observation: the value it looked at, whether it breaches (and how badly),
 * and whether it is clear of the rule's clear threshold (hysteresis: a firing alert only resolves
 * once its value is clear).
 *
 * @param threshold the threshold the value is judged against, for the alert's text
 */
public record Reading(
    Optional<AlertSeverity> breach, double value, double threshold, boolean clear, String detail) {

  /** No data to judge: nothing breaches, nothing clears. */
  public static Reading noData() {
    return new Reading(Optional.empty(), Double.NaN, Double.NaN, false, "no data");
  }

  public boolean hasData() {
    return !Double.isNaN(value);
  }
}
