/**
 * Alerting: rules, their evaluation against observations, the alert life cycle (pending, firing,
 * resolved), silences and the notification pipeline. Plain Java over records and a clock; no JDA,
 * no Google classes.
 */
package dev.lookout.alerts;
