/**
 * Changing production from chat, safely: scale proposals and their state machine, the bounds and
 * Cloud Run rules a change must pass, cost and energy estimates, load drills, and the audit trail.
 * No JDA and no Google classes; Cloud Run and the load endpoints are reached through the ports
 * {@link dev.lookout.operations.ScalingTarget} and {@link dev.lookout.operations.LoadTarget}.
 */
package dev.lookout.operations;
