/**
 * Intake: alerts that other systems send over HTTP (Cloud Monitoring's webhook notification
 * channel, schema 1.2, also through Pub/Sub push; Alertmanager's webhook receiver, version 4),
 * authenticated per source, checked strictly, and recorded once each as external alerts that join
 * Lookout's own life cycle.
 */
package dev.lookout.intake;
