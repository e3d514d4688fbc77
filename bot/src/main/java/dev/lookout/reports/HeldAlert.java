package dev.lookout.reports;

import java.time.Instant;

/**
 * A warn alert event that was not posted because its channel was in quiet hours; the summary posted
 * when they end tells it instead.
 *
 * @param event what happened to the alert: FIRED, REMINDER or RESOLVED
 */
public record HeldAlert(
    String channelId, String incident, String service, String title, String event, Instant at) {}
