package dev.lookout.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * One step taken for one firing of an incident: whom it mentioned, or why it could mention no one.
 *
 * @param number the step's place in its policy, from 1
 * @param target whom it mentions; empty when there was nobody to reach (said in {@code note})
 */
public record EscalationStep(
    String incident,
    Instant firedAt,
    int number,
    Instant at,
    String policy,
    EscalationPolicy.Step kind,
    Optional<EscalationPolicy.Target> target,
    String note) {}
