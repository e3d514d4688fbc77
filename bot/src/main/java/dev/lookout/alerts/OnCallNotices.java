package dev.lookout.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where handoffs and escalation steps are recorded, each with the message that tells it. */
public interface OnCallNotices {
  /**
   * Records that the schedule handed off from {@code from} to {@code to}, with its notice, unless
   * that was recorded already.
   */
  void handoff(OnCallSchedule s, Optional<String> from, OnCallSchedule.Shift to, Instant now);

  /** The steps already taken for one firing of an incident, in order. */
  List<EscalationStep> steps(String incident, Instant firedAt);

  /**
   * Records a step with the message that takes it, unless that step was recorded already (by
   * another instance, or before a restart).
   *
   * @param channelId where the message goes (the thread of the alert's card there, if it has one)
   * @param dm whether the step's person also gets a direct message
   */
  void escalate(Alert alert, EscalationStep step, String channelId, boolean dm);

  /** The channel of the earliest card of an incident, if one was posted. */
  Optional<String> cardChannel(String incident);
}
